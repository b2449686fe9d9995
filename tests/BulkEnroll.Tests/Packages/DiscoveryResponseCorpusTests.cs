using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using System.Xml.Linq;
using BulkEnroll.Packages.Discovery;
using BulkEnroll.Sandbox;
using Xunit;

namespace BulkEnroll.Tests.Packages;

/// <summary>The module's discovery reader on what real servers send: Microsoft Learn's published DiscoverResponse,
/// the same in SOAP 1.1, and the sandbox's answer to a Discover a Windows 11 PC sent (tests/BulkEnroll.Sandbox.Tests/
/// Enrollment/Corpus).</summary>
public sealed class DiscoveryResponseCorpusTests
{
    private static readonly Uri Url = new("https://enrolltest.contoso.com/EnrollmentServer/Discovery.svc");

    private static string Corpus(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", file));

    private static string AsSoap11(string envelope) =>
        envelope.Replace("http://www.w3.org/2003/05/soap-envelope", "http://schemas.xmlsoap.org/soap/envelope/", StringComparison.Ordinal);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_published_DiscoverResponse_is_read_in_SOAP_1_2_and_1_1(bool soap11)
    {
        string xml = Corpus("learn-discover-response.xml");
        var response = DiscoveryResponseReader.Read(Encoding.UTF8.GetBytes(soap11 ? AsSoap11(xml) : xml), Url);

        Assert.Equal("OnPremise", response.AuthPolicy);
        Assert.Equal("https://enrolltest.contoso.com/ENROLLMENTSERVER/DEVICEENROLLMENTWEBSERVICE.SVC", response.EnrollmentServiceUrl);
        Assert.Equal("https://enrolltest.contoso.com/ENROLLMENTSERVER/DEVICEENROLLMENTWEBSERVICE.SVC", response.EnrollmentPolicyServiceUrl);
        Assert.Equal("3.0", response.EnrollmentVersion);
    }

    [Fact]
    public void A_SOAP_1_1_fault_is_a_fault_with_its_code_and_text()
    {
        const string fault = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault>"
            + "<faultcode>s:Client</faultcode><faultstring xml:lang=\"en-US\">Unknown user</faultstring></s:Fault></s:Body></s:Envelope>";
        var error = Assert.Throws<BulkEnrollException>(() => DiscoveryResponseReader.Read(Encoding.UTF8.GetBytes(fault), Url));
        Assert.Equal(DiscoveryErrors.Fault, error.ErrorId);
        Assert.Contains("(s:Client): Unknown user", error.Message);
    }

    [Fact]
    public async Task The_sandbox_s_answer_to_a_genuine_Windows_11_Discover_is_read()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { DeviceCount = 1, GenericUserCount = 1, Seed = 3 });
        var url = new Uri(sandbox.HttpsBaseAddress!, "EnrollmentServer/Discovery.svc");
        var request = XDocument.Parse(Corpus("win11-discover.xml"));
        XNamespace a = "http://www.w3.org/2005/08/addressing";
        string messageId = "urn:uuid:" + Guid.NewGuid();
        foreach (var e in request.Descendants())
        {
            if (e.Name == a + "To")
            {
                e.Value = url.AbsoluteUri;
            }

            if (e.Name == a + "MessageID")
            {
                e.Value = messageId;
            }
        }

        using var http = sandbox.CreateHttpsClient();
        using var content = new StringContent(request.ToString(SaveOptions.DisableFormatting), Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/soap+xml; charset=utf-8");
        using var answer = await http.PostAsync(url, content);
        var response = DiscoveryResponseReader.Read(await answer.Content.ReadAsByteArrayAsync(), url);

        Assert.Equal("OnPremise", response.AuthPolicy);
        Assert.Equal("6.0", response.EnrollmentVersion);
        Assert.Equal(messageId, response.RelatesTo);
        Assert.StartsWith(sandbox.HttpsBaseAddress!.AbsoluteUri, response.EnrollmentServiceUrl, StringComparison.Ordinal);
    }
}
