using System;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using BulkEnroll.Packages.Checks;
using BulkEnroll.Packages.Discovery;
using BulkEnroll.Packaging.Payload;
using Xunit;

namespace BulkEnroll.Tests.Packages;

/// <summary>The MS-MDE2 Discover client against a local responder that speaks the real SOAP shape.</summary>
public sealed class DiscoveryClientTests
{
    private static readonly XNamespace Soap = "http://www.w3.org/2003/05/soap-envelope";
    private static readonly XNamespace Addressing = "http://www.w3.org/2005/08/addressing";
    private static readonly XNamespace Enrollment = "http://schemas.microsoft.com/windows/management/2012/01/enrollment";

    [Fact]
    public async Task SendsTheDiscoverRequestAPcSendsAndReadsTheResponse()
    {
        await using var server = await DiscoveryResponder.StartAsync();
        using var client = new DiscoveryClient(skipCertificateCheckOnLoopback: false);

        DiscoveryResponse response = await client.DiscoverAsync(server.DiscoveryUrl, PackageKit.Upn, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/EnrollmentServer/Discovery.svc", request.Path);
        Assert.Equal("application/soap+xml; charset=utf-8", request.ContentType);
        Assert.Equal("ENROLLClient", request.UserAgent);
        XElement envelope = request.Xml.Root!;
        Assert.Equal(Soap + "Envelope", envelope.Name);
        XElement header = envelope.Element(Soap + "Header")!;
        XElement action = header.Element(Addressing + "Action")!;
        Assert.Equal("http://schemas.microsoft.com/windows/management/2012/01/enrollment/IDiscoveryService/Discover", action.Value);
        Assert.Equal("1", action.Attribute(Soap + "mustUnderstand")?.Value);
        Assert.Matches("^urn:uuid:[0-9a-f-]{36}$", header.Element(Addressing + "MessageID")!.Value);
        Assert.Equal("http://www.w3.org/2005/08/addressing/anonymous", header.Element(Addressing + "ReplyTo")!.Element(Addressing + "Address")!.Value);
        Assert.Equal(server.DiscoveryUrl.AbsoluteUri, header.Element(Addressing + "To")!.Value);
        XElement discover = envelope.Element(Soap + "Body")!.Element(Enrollment + "Discover")!.Element(Enrollment + "request")!;
        Assert.Equal(PackageKit.Upn, discover.Element(Enrollment + "EmailAddress")!.Value);
        Assert.Equal("4.0", discover.Element(Enrollment + "RequestVersion")!.Value);
        Assert.Equal("CIMClient_Windows", discover.Element(Enrollment + "DeviceType")!.Value);
        Assert.Matches(@"^\d+\.\d+\.\d+\.\d+$", discover.Element(Enrollment + "ApplicationVersion")!.Value);
        Assert.Matches(@"^\d+$", discover.Element(Enrollment + "OSEdition")!.Value);
        Assert.Equal(new[] { "OnPremise" }, discover.Element(Enrollment + "AuthPolicies")!.Elements(Enrollment + "AuthPolicy").Select(e => e.Value));

        Assert.Equal("OnPremise", response.AuthPolicy);
        Assert.Equal("https://enroll.example.com/EnrollmentServer/Enrollment.svc", response.EnrollmentServiceUrl);
        Assert.Equal("https://enroll.example.com/EnrollmentServer/Policy.svc", response.EnrollmentPolicyServiceUrl);
        Assert.Equal("4.0", response.EnrollmentVersion);
        Assert.Equal(request.MessageId, response.RelatesTo);
    }

    [Fact]
    public async Task TheUrlIsUsedAsThePackageGivesItEvenWithoutAPath()
    {
        await using var server = await DiscoveryResponder.StartAsync();
        using var client = new DiscoveryClient(false);

        await client.DiscoverAsync(server.BaseAddress, PackageKit.Upn, CancellationToken.None);

        Assert.Equal("/", Assert.Single(server.Requests).Path);
    }

    [Theory]
    [InlineData("fault", DiscoveryErrors.Fault, "s:Receiver/s:authentication")]
    [InlineData("404", DiscoveryErrors.HttpStatus, "404")]
    [InlineData("302", DiscoveryErrors.HttpStatus, "https://elsewhere.example.com/")]
    [InlineData("html", DiscoveryErrors.Malformed, "not well-formed XML")]
    [InlineData("doctype", DiscoveryErrors.Malformed, "PackageXmlDtdProhibited")]
    [InlineData("not soap", DiscoveryErrors.Malformed, "not a SOAP 1.2 Envelope")]
    [InlineData("no policy", DiscoveryErrors.Malformed, "no AuthPolicy")]
    [InlineData("other request", DiscoveryErrors.Malformed, "answered a different request")]
    [InlineData("huge", DiscoveryErrors.Malformed, "more than 1024 KB")]
    public async Task AnythingButADiscoverResponseIsAClearError(string answer, string errorId, string expected)
    {
        await using var server = await DiscoveryResponder.StartAsync();
        server.Respond = request => answer switch
        {
            "fault" => DiscoveryResponder.Answer.Soap(DiscoveryResponder.Fault("s:authentication", "The user is not allowed to enroll.")),
            "404" => DiscoveryResponder.Answer.Http(404),
            "302" => DiscoveryResponder.Answer.Http(302, "https://elsewhere.example.com/"),
            "html" => new DiscoveryResponder.Answer(200, "text/html", Encoding.UTF8.GetBytes("<html><body>Sign in</body>"), TimeSpan.Zero),
            "doctype" => DiscoveryResponder.Answer.Soap("<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>"),
            "not soap" => DiscoveryResponder.Answer.Soap("<DiscoverResponse/>"),
            "no policy" => DiscoveryResponder.Answer.Soap(DiscoveryResponder.DiscoverResponse(request.MessageId, string.Empty)),
            "other request" => DiscoveryResponder.Answer.Soap(DiscoveryResponder.DiscoverResponse("urn:uuid:" + Guid.NewGuid(), "OnPremise")),
            _ => DiscoveryResponder.Answer.Soap("<x>" + new string(' ', 2 * 1024 * 1024) + "</x>"),
        };
        using var client = new DiscoveryClient(false);

        var error = await Assert.ThrowsAsync<BulkEnrollException>(() => client.DiscoverAsync(server.DiscoveryUrl, PackageKit.Upn, CancellationToken.None));

        Assert.Equal(errorId, error.ErrorId);
        Assert.Contains(expected, error.Message);
        Assert.Contains(server.DiscoveryUrl.ToString(), error.Message);
    }

    [Fact]
    public async Task AClosedPortIsUnreachableAndASlowServerTimesOut()
    {
        using (var client = new DiscoveryClient(false))
        {
            var refused = await Assert.ThrowsAsync<BulkEnrollException>(() =>
                client.DiscoverAsync(new Uri($"http://127.0.0.1:{ClosedPort()}/EnrollmentServer/Discovery.svc"), PackageKit.Upn, CancellationToken.None));
            Assert.Equal(DiscoveryErrors.Unreachable, refused.ErrorId);
        }

        await using var server = await DiscoveryResponder.StartAsync();
        server.Respond = request => DiscoveryResponder.Answer.Soap(DiscoveryResponder.DiscoverResponse(request.MessageId, "OnPremise")) with { Delay = TimeSpan.FromSeconds(10) };
        using var impatient = new DiscoveryClient(false, TimeSpan.FromMilliseconds(300));

        var slow = await Assert.ThrowsAsync<BulkEnrollException>(() => impatient.DiscoverAsync(server.DiscoveryUrl, PackageKit.Upn, CancellationToken.None));

        Assert.Equal(DiscoveryErrors.TimedOut, slow.ErrorId);
    }

    [Fact]
    public async Task AServiceThatCouldNotBeReachedIsNotAskedAgainForTheNextPackage()
    {
        await using var server = await DiscoveryResponder.StartAsync();
        server.Respond = request => DiscoveryResponder.Answer.Soap(DiscoveryResponder.DiscoverResponse(request.MessageId, "OnPremise")) with { Delay = TimeSpan.FromSeconds(10) };
        using var impatient = new DiscoveryClient(false, TimeSpan.FromMilliseconds(300));
        const string otherUpn = "windows-bulkenroll-other@contoso.com";

        var first = await Assert.ThrowsAsync<BulkEnrollException>(() => impatient.DiscoverAsync(server.DiscoveryUrl, PackageKit.Upn, CancellationToken.None));

        // The second package's answer must come from memory. Whether the first request reached the responder before the
        // client gave up depends on the machine's load, so the proof is that the call completed without any I/O:
        // anything sent over a socket would leave the task pending when the call returns.
        Task<DiscoveryResponse> second = impatient.DiscoverAsync(server.DiscoveryUrl, otherUpn, CancellationToken.None);
        Assert.True(second.IsCompleted, "The second discovery went to the network instead of reusing the first failure.");
        var secondError = await Assert.ThrowsAsync<BulkEnrollException>(() => second);

        Assert.Equal(DiscoveryErrors.TimedOut, first.ErrorId);
        Assert.Equal(DiscoveryErrors.TimedOut, secondError.ErrorId);
        Assert.Contains("not asked again", secondError.Message);
        Assert.DoesNotContain(server.Requests, request => request.Body.Contains(otherUpn, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASelfSignedCertificateIsRefusedUnlessSkippedOnLoopback()
    {
        using var certificate = DiscoveryResponder.SelfSignedLoopbackCertificate();
        await using var server = await DiscoveryResponder.StartAsync(certificate);
        Assert.Equal("https", server.BaseAddress.Scheme);

        using (var strict = new DiscoveryClient(false))
        {
            var error = await Assert.ThrowsAsync<BulkEnrollException>(() => strict.DiscoverAsync(server.DiscoveryUrl, PackageKit.Upn, CancellationToken.None));
            Assert.Equal(DiscoveryErrors.CertificateRejected, error.ErrorId);
        }

        using var lenient = new DiscoveryClient(true);
        Assert.Equal("OnPremise", (await lenient.DiscoverAsync(server.DiscoveryUrl, PackageKit.Upn, CancellationToken.None)).AuthPolicy);
    }

    [Theory]
    [InlineData("https://127.0.0.1:8443/", SslPolicyErrors.RemoteCertificateChainErrors, true, true)]
    [InlineData("https://localhost/", SslPolicyErrors.RemoteCertificateNameMismatch, true, true)]
    [InlineData("https://[::1]/", SslPolicyErrors.RemoteCertificateChainErrors, true, true)]
    [InlineData("https://login.mobileiron.com/", SslPolicyErrors.RemoteCertificateChainErrors, true, false)]
    [InlineData("https://10.0.0.5/", SslPolicyErrors.RemoteCertificateChainErrors, true, false)]
    [InlineData("https://127.0.0.1/", SslPolicyErrors.RemoteCertificateChainErrors, false, false)]
    [InlineData("https://login.mobileiron.com/", SslPolicyErrors.None, false, true)]
    public void SkippingTheCertificateCheckNeverReachesBeyondLoopback(string url, SslPolicyErrors errors, bool skip, bool accepted) =>
        Assert.Equal(accepted, DiscoveryClient.AcceptCertificate(new Uri(url), errors, skip));

    [Theory]
    [InlineData("OnPremise", "https://enroll.example.com/e", "https://enroll.example.com/p", PackageCheckStatus.Passed)]
    [InlineData("Federated", "https://enroll.example.com/e", "https://enroll.example.com/p", PackageCheckStatus.Failed)]
    [InlineData("onpremise", "https://enroll.example.com/e", null, PackageCheckStatus.Failed)]
    [InlineData("OnPremise", null, null, PackageCheckStatus.Failed)]
    [InlineData("OnPremise", "http://enroll.example.com/e", null, PackageCheckStatus.Failed)]
    [InlineData("OnPremise", "https://enroll.example.com/e", "https://policy.example.net/p", PackageCheckStatus.Warning)]
    public async Task TheDiscoveryCheckWantsOnPremiseAndAnEnrollmentServiceOnOneHost(string policy, string? enrollmentUrl, string? policyUrl, PackageCheckStatus expected)
    {
        await using var server = await DiscoveryResponder.StartAsync();
        server.Respond = request => DiscoveryResponder.Answer.Soap(DiscoveryResponder.DiscoverResponse(request.MessageId, policy, enrollmentUrl, policyUrl));
        using var client = new DiscoveryClient(false);
        var enrollment = new EnrollmentDefinition(PackageKit.Upn, PackageKit.Secure(PackageKit.Secret), server.DiscoveryUrl.ToString());

        PackageTestResult result = await OnlinePackageChecks.DiscoveryAsync("p.ppkg", enrollment, client, CancellationToken.None);

        Assert.Equal(PackageCheckNames.Discovery, result.Check);
        Assert.True(expected == result.Result, result.Message);
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
