using System;
using System.Net;
using System.Net.Http;

namespace BulkEnroll.Neurons.Transport;

/// <summary>
/// Builds the HTTP handler of one connection: TLS 1.2/1.3 (<see cref="TlsVersions"/>), the proxy
/// (<see cref="ProxySettings"/>), the module's own certificate check (<see cref="CertificateCheck"/>). Nothing here
/// touches process-wide settings (ServicePointManager), so the admin's session stays as it was.
/// </summary>
internal sealed class NeuronsTransport
{
    public NeuronsTransport(NeuronsClientOptions options)
    {
        Proxy = options.Proxy ?? ProxySettings.System;
        Certificates = new CertificateCheck(options.SkipCertificateCheck, options.TrustedCertificateSha256);
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseDefaultCredentials = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            MaxConnectionsPerServer = Math.Max(2, options.MaxConcurrentRequests * 2),
            // Runs during the TLS handshake: a refused certificate ends the connection before any request, and so
            // the Basic credentials, is written to it.
            ServerCertificateCustomValidationCallback = Certificates.Validate,
        };
        TlsVersions.Apply(handler);
        ApplyProxy(handler, Proxy);
        Handler = handler;
    }

    public HttpMessageHandler Handler { get; }

    public ProxySettings Proxy { get; }

    public CertificateCheck Certificates { get; }

    internal static void ApplyProxy(HttpClientHandler handler, ProxySettings proxy)
    {
        if (proxy.NoProxy)
        {
            handler.UseProxy = false;
            return;
        }

        handler.UseProxy = true;
        ICredentials? credentials = proxy.UseDefaultCredentials ? CredentialCache.DefaultCredentials : proxy.Credential;
        if (proxy.Address != null)
        {
            // BypassOnLocal false: a proxy the admin names is used for every host, as Invoke-RestMethod -Proxy does.
            // (WebProxy.UseDefaultCredentials is not set: its setter replaces Credentials, even with false.)
            handler.Proxy = new WebProxy(proxy.Address, false) { Credentials = credentials };
        }
        else if (credentials != null)
        {
            // The system proxy, with a login the admin supplied.
            handler.DefaultProxyCredentials = credentials;
        }
    }
}
