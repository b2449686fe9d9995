using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BulkEnroll.Tests.Packages;

/// <summary>
/// A tiny MS-MDE2 discovery server on 127.0.0.1 (Kestrel), answering whatever the test says in the real SOAP message
/// shape, and keeping every request it got.
/// </summary>
internal sealed class DiscoveryResponder : IAsyncDisposable
{
    public const string SoapContentType = "application/soap+xml; charset=utf-8";

    private readonly WebApplication _app;

    private DiscoveryResponder(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public Uri DiscoveryUrl => new(BaseAddress, "/EnrollmentServer/Discovery.svc");

    public ConcurrentQueue<Captured> Requests { get; } = new();

    /// <summary>What the next requests get; by default a correct OnPremise DiscoverResponse.</summary>
    public Func<Captured, Answer> Respond { get; set; } = request => Answer.Soap(DiscoverResponse(request.MessageId, "OnPremise"));

    public sealed record Captured(string Method, string Path, string? ContentType, string? UserAgent, string Body)
    {
        public System.Xml.Linq.XDocument Xml => System.Xml.Linq.XDocument.Parse(Body);

        public string MessageId
        {
            get
            {
                try
                {
                    return Xml.Descendants(System.Xml.Linq.XName.Get("MessageID", "http://www.w3.org/2005/08/addressing")).Single().Value;
                }
                catch (System.Xml.XmlException)
                {
                    return string.Empty;
                }
            }
        }
    }

    public sealed record Answer(int Status, string ContentType, byte[] Body, TimeSpan Delay, string? Location = null)
    {
        public static Answer Soap(string xml) => new(200, SoapContentType, Encoding.UTF8.GetBytes(xml), TimeSpan.Zero);

        public static Answer Http(int status, string? location = null) => new(status, "text/plain", Array.Empty<byte>(), TimeSpan.Zero, location);
    }

    public static async Task<DiscoveryResponder> StartAsync(X509Certificate2? certificate = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate != null)
            {
                listen.UseHttps(certificate);
            }
        }));
        WebApplication app = builder.Build();
        DiscoveryResponder? responder = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var request = new Captured(context.Request.Method, context.Request.Path + context.Request.QueryString, context.Request.ContentType,
                context.Request.Headers.UserAgent.ToString(), await reader.ReadToEndAsync());
            responder!.Requests.Enqueue(request);
            Answer answer = responder.Respond(request);
            if (answer.Delay > TimeSpan.Zero)
            {
                await Task.Delay(answer.Delay, context.RequestAborted);
            }

            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = answer.ContentType;
            if (answer.Location != null)
            {
                context.Response.Headers.Location = answer.Location;
            }

            // Not chunked, as MS-MDE2 asks.
            context.Response.ContentLength = answer.Body.Length;
            await context.Response.Body.WriteAsync(answer.Body);
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        responder = new DiscoveryResponder(app, new Uri(address.TrimEnd('/') + "/"));
        return responder;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A DiscoverResponse as MS-MDE2 §3.1.4.1.3.2 shapes it (docs/reference/mdm-enrollment.md#discover-response).</summary>
    public static string DiscoverResponse(string relatesTo, string authPolicy, string? enrollmentUrl = "https://enroll.example.com/EnrollmentServer/Enrollment.svc",
        string? policyUrl = "https://enroll.example.com/EnrollmentServer/Policy.svc") =>
        "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"http://www.w3.org/2005/08/addressing\">"
        + "<s:Header><a:Action s:mustUnderstand=\"1\">http://schemas.microsoft.com/windows/management/2012/01/enrollment/IDiscoveryService/DiscoverResponse</a:Action>"
        + "<ActivityId CorrelationId=\"8c9ee5b5-7c2b-4c5e-9a44-1c0a3d5e6f70\" xmlns=\"http://schemas.microsoft.com/2004/09/ServiceModel/Diagnostics\">d8bd26a2-3b5a-4a4a-9c31-0f3b0f7c1e2a</ActivityId>"
        + $"<a:RelatesTo>{relatesTo}</a:RelatesTo></s:Header>"
        + "<s:Body xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">"
        + "<DiscoverResponse xmlns=\"http://schemas.microsoft.com/windows/management/2012/01/enrollment\"><DiscoverResult>"
        + $"<AuthPolicy>{authPolicy}</AuthPolicy><EnrollmentVersion>4.0</EnrollmentVersion>"
        + (policyUrl is null ? string.Empty : $"<EnrollmentPolicyServiceUrl>{policyUrl}</EnrollmentPolicyServiceUrl>")
        + (enrollmentUrl is null ? string.Empty : $"<EnrollmentServiceUrl>{enrollmentUrl}</EnrollmentServiceUrl>")
        + "</DiscoverResult></DiscoverResponse></s:Body></s:Envelope>";

    public static string Fault(string subcode, string reason) =>
        "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"http://www.w3.org/2005/08/addressing\">"
        + "<s:Header><a:Action s:mustUnderstand=\"1\">http://www.w3.org/2005/08/addressing/soap/fault</a:Action></s:Header>"
        + "<s:Body><s:Fault><s:Code><s:Value>s:Receiver</s:Value>"
        + $"<s:Subcode><s:Value>{subcode}</s:Value></s:Subcode></s:Code>"
        + $"<s:Reason><s:Text xml:lang=\"en-US\">{reason}</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>";

    /// <summary>A certificate nobody trusts, for 127.0.0.1 and localhost, as the sandbox's own.</summary>
    public static X509Certificate2 SelfSignedLoopbackCertificate()
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using X509Certificate2 created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
