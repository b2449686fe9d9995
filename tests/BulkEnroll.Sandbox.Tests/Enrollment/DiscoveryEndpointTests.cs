using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using System.Xml.Linq;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Enrollment;

/// <summary>MS-MDE2 discovery at the bare base URL (Ivanti's DiscoveryServiceFullUrl is just the host) and at
/// /EnrollmentServer/Discovery.svc, in the message shapes of Microsoft's on-premises example.</summary>
public sealed class DiscoveryEndpointTests(EnrollmentSandbox fixture) : IClassFixture<EnrollmentSandbox>
{
    private static readonly XNamespace E = Soap.Enroll;

    [Theory]
    [InlineData("")]
    [InlineData("EnrollmentServer/Discovery.svc")]
    public async Task A_GET_is_answered_with_an_empty_200(string path)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(fixture.Sandbox.BaseAddress, path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("EnrollmentServer/Discovery.svc")]
    public async Task A_Discover_POST_gets_OnPremise_and_the_service_URLs_on_the_same_host(string path)
    {
        using var http = new HttpClient();
        var url = new Uri(fixture.Sandbox.BaseAddress, path);
        string messageId = Soap.NewMessageId();
        var response = (await Soap.PostAsync(http, url, Soap.Discover(messageId, url.AbsoluteUri, EnrollmentSandbox.GenericUser)))
            .ShouldBeOk(Soap.DiscoverResponseAction);

        Assert.Equal(messageId, response.RelatesTo);
        Assert.Equal(E + "DiscoverResponse", response.BodyElement.Name);
        var result = response.BodyElement.Element(E + "DiscoverResult")!;
        Assert.Equal("OnPremise", result.Element(E + "AuthPolicy")!.Value);
        Assert.Equal("4.0", result.Element(E + "EnrollmentVersion")!.Value);
        var policy = new Uri(result.Element(E + "EnrollmentPolicyServiceUrl")!.Value);
        var enrollment = new Uri(result.Element(E + "EnrollmentServiceUrl")!.Value);
        Assert.Equal(fixture.Sandbox.BaseAddress.Authority, policy.Authority);
        Assert.Equal(fixture.Sandbox.BaseAddress.Authority, enrollment.Authority);
        Assert.Equal("http", enrollment.Scheme);
        Assert.NotEqual(policy, enrollment);
    }

    [Fact]
    public async Task The_version_is_echoed_and_the_trailing_slash_namespace_of_the_Learn_example_is_accepted()
    {
        using var http = new HttpClient();
        var envelope = Soap.Discover(Soap.NewMessageId(), fixture.Discovery.AbsoluteUri, "user@contoso.com",
            policies: "<AuthPolicy>Federated</AuthPolicy><AuthPolicy>OnPremise</AuthPolicy>", version: "5.0", discoverNamespace: Soap.Enroll + "/");
        var response = (await Soap.PostAsync(http, fixture.Discovery, envelope)).ShouldBeOk(Soap.DiscoverResponseAction);
        Assert.Equal("5.0", response.BodyElement.Descendants(E + "EnrollmentVersion").Single().Value);
    }

    [Fact]
    public async Task Over_HTTPS_the_answer_names_https_URLs()
    {
        using var http = new HttpClient(BulkEnroll.Sandbox.Https.CertificatePinning.CreateHandler(fixture.Sandbox.TlsCertificate!));
        var url = fixture.Sandbox.HttpsBaseAddress!;
        var response = (await Soap.PostAsync(http, url, Soap.Discover(Soap.NewMessageId(), url.AbsoluteUri, EnrollmentSandbox.GenericUser)))
            .ShouldBeOk(Soap.DiscoverResponseAction);
        var enrollment = new Uri(response.BodyElement.Descendants(E + "EnrollmentServiceUrl").Single().Value);
        Assert.Equal(Uri.UriSchemeHttps, enrollment.Scheme);
        Assert.Equal(url.Authority, enrollment.Authority);
    }

    [Fact]
    public async Task Without_OnPremise_in_AuthPolicies_the_answer_is_a_fault()
    {
        using var http = new HttpClient();
        string messageId = Soap.NewMessageId();
        var response = (await Soap.PostAsync(http, fixture.Discovery,
            Soap.Discover(messageId, fixture.Discovery.AbsoluteUri, EnrollmentSandbox.GenericUser, policies: "<AuthPolicy>Federated</AuthPolicy><AuthPolicy>Certificate</AuthPolicy>")))
            .ShouldBeFault("Authorization");
        Assert.Equal(messageId, response.RelatesTo);
        Assert.Contains("OnPremise", response.FaultReason);
    }

    [Theory]
    [InlineData("this is not XML")]
    [InlineData("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body/></s:Envelope>")]
    [InlineData("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Header/><s:Body><Discover/></s:Body></s:Envelope>")]
    [InlineData("<!DOCTYPE x [<!ENTITY e \"boom\">]><s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>&e;</s:Body></s:Envelope>")]
    public async Task A_malformed_request_is_an_HTTP_500_messageformat_fault(string body)
    {
        using var http = new HttpClient();
        (await Soap.PostAsync(http, fixture.Discovery, body)).ShouldBeFault("MessageFormat");
    }

    [Theory]
    [InlineData("this is not XML", "not well-formed XML (line 1, position 1)")]
    [InlineData("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body/></s:Envelope>", "not SOAP 1.2")]
    [InlineData("<html><body>hello</body></html>", "a <html> document")]
    public async Task A_malformed_request_is_told_what_is_wrong_with_it(string body, string reason)
    {
        using var http = new HttpClient();
        Assert.Contains(reason, (await Soap.PostAsync(http, fixture.Discovery, body)).ShouldBeFault("MessageFormat").FaultReason);
    }

    [Fact]
    public async Task A_Discover_without_an_email_address_or_with_another_action_is_a_messageformat_fault()
    {
        using var http = new HttpClient();
        string noEmail = Soap.Discover(Soap.NewMessageId(), fixture.Discovery.AbsoluteUri, "").Replace("<EmailAddress></EmailAddress>", "");
        (await Soap.PostAsync(http, fixture.Discovery, noEmail)).ShouldBeFault("MessageFormat");
        string otherAction = Soap.Discover(Soap.NewMessageId(), fixture.Discovery.AbsoluteUri, "a@b.c").Replace(Soap.DiscoverAction, Soap.GetPoliciesAction);
        (await Soap.PostAsync(http, fixture.Discovery, otherAction)).ShouldBeFault("MessageFormat");
    }
}
