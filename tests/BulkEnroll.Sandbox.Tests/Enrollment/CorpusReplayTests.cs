using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using BulkEnroll.Sandbox.Enrollment;
using BulkEnroll.Sandbox.VirtualDevices;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Enrollment;

/// <summary>Genuine Windows enrollment messages (Corpus/README.md) replayed against the sandbox over https, with only
/// the host, the credentials and the message id substituted: each is answered as a real server answers it, and each
/// answer is read by the reader the virtual devices use.</summary>
public sealed class CorpusReplayTests(EnrollmentSandbox fixture) : IClassFixture<EnrollmentSandbox>
{
    private static readonly XNamespace S = Soap.S;
    private static readonly XNamespace A = Soap.A;
    private static readonly XNamespace Wsse = Soap.Wsse;
    private static readonly XNamespace U = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    private static readonly XNamespace Enroll = Soap.Enroll;

    internal static string CorpusPath(string file) => Path.Combine(AppContext.BaseDirectory, "Enrollment", "Corpus", file);

    internal static XDocument Load(string file) => XDocument.Load(CorpusPath(file), LoadOptions.PreserveWhitespace);

    private Uri Https(string path) => new(fixture.Sandbox.HttpsBaseAddress!, path);

    /// <summary>The message id and a:To replaced (the id must be fresh for RelatesTo to prove anything).</summary>
    private static string Readdress(XDocument message, Uri to, out string messageId)
    {
        var header = message.Root!.Element(S + "Header")!;
        messageId = Soap.NewMessageId();
        header.Element(A + "MessageID")!.Value = messageId;
        header.Element(A + "To")!.Value = to.AbsoluteUri;
        return message.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>The wsse:Security header becomes the generic user's OnPremise UsernameToken, as MS-MDE2 writes it.</summary>
    private void UseGenericUser(XDocument message)
    {
        var security = message.Root!.Element(S + "Header")!.Element(Wsse + "Security")!;
        security.RemoveNodes();
        security.Add(new XElement(Wsse + "UsernameToken", new XAttribute(U + "Id", "uuid-cc1ccc1f-2fba-4bcf-b063-ffc0cac77917-4"),
            new XElement(Wsse + "Username", EnrollmentSandbox.GenericUser),
            new XElement(Wsse + "Password",
                new XAttribute(Wsse + "Type", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText"),
                fixture.Password)));
    }

    private async Task<SoapReply> PostAsync(Uri url, string envelope, string messageId)
    {
        using var http = fixture.Sandbox.CreateHttpsClient();
        var (reply, notSoap) = await new DeviceSoapClient(http).PostAsync(url, Encoding.UTF8.GetBytes(envelope), CancellationToken.None);
        Assert.True(reply is not null, notSoap);
        Assert.False(reply!.IsFault, reply.FaultSubcode + ": " + reply.FaultReason);
        Assert.Equal(messageId, reply.RelatesTo);
        return reply;
    }

    [Fact]
    public async Task The_discovery_GET_of_a_PC_gets_an_empty_200()
    {
        using var http = fixture.Sandbox.CreateHttpsClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Https("EnrollmentServer/Discovery.svc"));
        request.Headers.UserAgent.ParseAdd("ENROLLClient");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("win10-discover.xml", "5.0")]
    [InlineData("win11-discover.xml", "6.0")]
    [InlineData("learn-discover.xml", "3.0")]
    public async Task A_genuine_Discover_is_answered_with_OnPremise_and_services_on_the_same_https_host(string file, string version)
    {
        var message = Load(file);
        message.Root!.Descendants().Single(e => e.Name.LocalName == "EmailAddress").Value = EnrollmentSandbox.GenericUser;
        var url = Https("EnrollmentServer/Discovery.svc");
        string envelope = Readdress(message, url, out string messageId);

        var reply = await PostAsync(url, envelope, messageId);

        var result = reply.Body!.Element(Enroll + "DiscoverResult")!;
        Assert.Equal("OnPremise", result.Element(Enroll + "AuthPolicy")!.Value);
        Assert.Equal(version, result.Element(Enroll + "EnrollmentVersion")?.Value);
        foreach (string service in new[] { "EnrollmentPolicyServiceUrl", "EnrollmentServiceUrl" })
        {
            var serviceUrl = new Uri(result.Element(Enroll + service)!.Value);
            Assert.Equal(Uri.UriSchemeHttps, serviceUrl.Scheme);
            Assert.Equal(url.Authority, serviceUrl.Authority);
        }
    }

    [Fact]
    public async Task The_published_GetPolicies_is_answered_with_a_policy_for_RSA_keys()
    {
        var message = Load("learn-getpolicies.xml");
        UseGenericUser(message);
        var url = Https("EnrollmentServer/Policy.svc");
        string envelope = Readdress(message, url, out string messageId);

        var reply = await PostAsync(url, envelope, messageId);

        XNamespace xcep = Soap.Xcep;
        Assert.Equal(xcep + "GetPoliciesResponse", reply.Body!.Name);
        Assert.Equal("2048", reply.Body.Descendants(xcep + "minimalKeyLength").Single().Value);
    }

    [Theory]
    [InlineData("win10-rst.xml", "1.3.14.3.2.29", "DB257C3A08778F4FB61E2749066C1F27")]
    [InlineData("win11-rst.xml", "1.2.840.113549.1.1.11", "8090C8B484A0E24EB5C56E806CB4EE5B")]
    public async Task A_PC_s_own_enrollment_request_is_signed_and_registered(string file, string signatureAlgorithm, string deviceId)
    {
        var message = Load(file);
        UseGenericUser(message);
        // A device name of our own, so the replays of this class do not meet in the tenant.
        var context = message.Root!.Descendants().Where(e => e.Name.LocalName == "ContextItem").ToList();
        string deviceName = "CORPUS-" + Path.GetFileNameWithoutExtension(file).ToUpperInvariant();
        context.Single(c => (string?)c.Attribute("Name") == "DeviceName").Elements().Single().Value = deviceName;
        byte[] csr = Convert.FromBase64String(message.Root.Descendants(Wsse + "BinarySecurityToken").Last().Value.Trim());
        var request = Pkcs10Request.ReadAndVerify(csr);
        Assert.Equal(signatureAlgorithm, request.SignatureAlgorithm);
        var url = Https("EnrollmentServer/Enrollment.svc");
        string envelope = Readdress(message, url, out string messageId);

        var reply = await PostAsync(url, envelope, messageId);

        var enrolled = EnrollmentResponseReader.Read(reply.Body!, request.PublicKey.ExportSubjectPublicKeyInfo(), url);
        Assert.Equal("CN=" + deviceId, enrolled.Certificate.Subject);
        Assert.Equal(url.Authority, enrolled.ManagementServer.Authority);
        var registered = fixture.Sandbox.Tenant.Snapshot().Devices.Single(d => d.DeviceName == deviceName);
        Assert.StartsWith("Windows", registered.OsEdition);
    }

    [Fact]
    public async Task The_published_enrollment_response_in_SOAP_1_1_is_read_as_an_envelope()
    {
        // Learn's example is SOAP 1.1 with a placeholder token: the reader must get past the envelope to the token.
        byte[] body = await File.ReadAllBytesAsync(CorpusPath("learn-enrollment-response.xml"));
        var envelope = SoapEnvelope.TryRead(body, out string? problem, acceptSoap11: true);
        Assert.True(envelope is not null, problem);
        Assert.True(envelope!.IsSoap11);
        var failure = Assert.Throws<DeviceStageException>(() =>
            EnrollmentResponseReader.Read(envelope.Body.Single(), new byte[] { 0 }, new Uri("https://enrolltest.contoso.com/")));
        Assert.Contains("not base64-encoded XML", failure.Message);
    }
}
