using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using System.Xml.Linq;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Enrollment;

/// <summary>MS-XCEP GetPolicies: the UsernameToken (UPN + Secret, PasswordText) is checked against the tenant.</summary>
public sealed class PolicyEndpointTests(EnrollmentSandbox fixture) : IClassFixture<EnrollmentSandbox>
{
    private static readonly XNamespace X = Soap.Xcep;

    private Uri PolicyUrl => new(fixture.Sandbox.BaseAddress, "EnrollmentServer/Policy.svc");

    [Fact]
    public async Task The_generic_user_with_its_password_gets_a_policy_for_2048_bit_keys()
    {
        using var http = new HttpClient();
        string messageId = Soap.NewMessageId();
        var response = (await Soap.PostAsync(http, PolicyUrl, Soap.GetPolicies(messageId, PolicyUrl.AbsoluteUri, EnrollmentSandbox.GenericUser, fixture.Password)))
            .ShouldBeOk(Soap.GetPoliciesResponseAction);
        Assert.Equal(messageId, response.RelatesTo);
        Assert.Equal(X + "GetPoliciesResponse", response.BodyElement.Name);
        var policy = response.BodyElement.Element(X + "response")!.Element(X + "policies")!.Element(X + "policy")!;
        Assert.Equal("2048", policy.Descendants(X + "minimalKeyLength").Single().Value);
        Assert.Equal("true", policy.Descendants(X + "enroll").Single().Value);
        Assert.Equal("2.16.840.1.101.3.4.2.1", response.BodyElement.Element(X + "oIDs")!.Element(X + "oID")!.Element(X + "value")!.Value);
    }

    [Theory]
    [InlineData(EnrollmentSandbox.GenericUser, "wrong-Password1!")]
    [InlineData(EnrollmentSandbox.UnknownUser, null)]
    [InlineData("", null)]
    public async Task A_wrong_password_or_an_unknown_user_is_an_authentication_fault(string user, string? password)
    {
        using var http = new HttpClient();
        var response = (await Soap.PostAsync(http, PolicyUrl, Soap.GetPolicies(Soap.NewMessageId(), PolicyUrl.AbsoluteUri, user, password ?? fixture.Password)))
            .ShouldBeFault("Authentication");
        Assert.Equal("The user name or password is incorrect.", response.FaultReason);
    }

    [Fact]
    public async Task A_request_without_a_UsernameToken_is_an_authentication_fault()
    {
        using var http = new HttpClient();
        string envelope = Soap.GetPolicies(Soap.NewMessageId(), PolicyUrl.AbsoluteUri, "x", "y");
        int start = envelope.IndexOf("<wsse:Security", StringComparison.Ordinal);
        int end = envelope.IndexOf("</wsse:Security>", StringComparison.Ordinal) + "</wsse:Security>".Length;
        (await Soap.PostAsync(http, PolicyUrl, envelope.Remove(start, end - start))).ShouldBeFault("Authentication");
    }
}
