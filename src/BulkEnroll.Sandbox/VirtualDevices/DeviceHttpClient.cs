using System.Net.Http.Headers;
using BulkEnroll.Sandbox.Https;

namespace BulkEnroll.Sandbox.VirtualDevices;

/// <summary>The HTTP client of the enrollment client: trusts the system roots plus the pinned sandbox certificate,
/// follows no redirects (Windows asks the user before following one), identifies itself as ENROLLClient.</summary>
internal static class DeviceHttpClient
{
    public static HttpClient Create(VirtualDeviceOptions options)
    {
        string? pin = options.TrustedServerCertificateSha256 is { } sha256
            ? CertificatePinning.NormalizeThumbprint(sha256)
            : options.TrustedServerCertificate is { } certificate ? CertificatePinning.Sha256(certificate) : null;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = options.Timeout,
            SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, errors) => CertificatePinning.Accepts(presented, errors, pin) },
        };
        var client = new HttpClient(handler) { Timeout = options.Timeout };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("ENROLLClient", null));
        client.DefaultRequestHeaders.CacheControl = new CacheControlHeaderValue { NoCache = true };
        return client;
    }
}
