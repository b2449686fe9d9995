using System;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Reflection;

namespace BulkEnroll.Neurons.Transport;

/// <summary>
/// Failures below HTTP that asking again cannot cure: a proxy that wants a login (407) and a TLS handshake that
/// failed. Each becomes one clear error at once, instead of minutes of retries ending in "Unreachable".
/// </summary>
internal static class TransportErrors
{
    /// <summary>Whether the proxy refused our login (407, or 401 from some proxies) for the HTTPS tunnel (CONNECT: an exception, not a response).</summary>
    public static bool IsProxyAuthenticationRequired(Exception exception)
    {
        for (Exception? e = exception; e != null; e = e.InnerException)
        {
            // .NET 5+: HttpRequestException.StatusCode (netstandard2.0 cannot name it). An HTTP status that arrives as
            // an exception, not a response, is the proxy's answer to CONNECT: the tenant's own 401 is a response.
            // 401 too: some proxies (tinyproxy) answer a wrong proxy password with 401 instead of 407.
            if (e is HttpRequestException
                && e.GetType().GetProperty("StatusCode", BindingFlags.Public | BindingFlags.Instance)?.GetValue(e) is HttpStatusCode status
                && (status == HttpStatusCode.ProxyAuthenticationRequired || status == HttpStatusCode.Unauthorized))
            {
                return true;
            }

            // .NET Framework: the WebException under HttpRequestException carries the proxy's answer.
            if (e is WebException web && web.Response is HttpWebResponse response && response.StatusCode == HttpStatusCode.ProxyAuthenticationRequired)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The error for a transport failure that must not be retried, or null when <paramref name="exception"/> is
    /// none of them. <paramref name="transport"/> is null when a test supplied its own handler.
    /// </summary>
    public static NeuronsApiException? Describe(Exception exception, string operation, Uri tenant, NeuronsTransport? transport)
    {
        string host = tenant.GetLeftPart(UriPartial.Authority);
        if (IsProxyAuthenticationRequired(exception))
        {
            return ProxyAuthenticationRequired(operation, host, transport?.Proxy.ProxyFor(tenant), exception);
        }

        if (!Resilience.IsCertificateFailure(exception))
        {
            return null;
        }

        // Our callback saw and refused a certificate, or (a test's own handler) we cannot tell: the certificate.
        if (transport == null || transport.Certificates.LastRejection != null)
        {
            return NeuronsApiException.CertificateRejected(operation, tenant, exception);
        }

        return new NeuronsApiException("TlsHandshakeFailed", ErrorCategory.SecurityError,
            $"The TLS handshake with {host} failed before any certificate was checked, so {operation} was not sent: this machine and the tenant (or a proxy that inspects TLS) share no TLS version. The module offers {TlsVersions.Description} where the operating system has them. {Innermost(exception)}", null, inner: exception)
        { RecommendedAction = "Enable TLS 1.2 (or 1.3) in the operating system (on Windows: SChannel and the .NET Framework's SystemDefaultTlsVersions), or ask the network team whether a proxy or firewall interferes with TLS to this host." };
    }

    private static NeuronsApiException ProxyAuthenticationRequired(string operation, string host, Uri? proxy, Exception inner)
    {
        string which = proxy != null ? $"The proxy {ProxySettings.Describe(proxy)}" : "A proxy";
        return new NeuronsApiException("ProxyAuthenticationRequired", ErrorCategory.AuthenticationError,
            $"{which} refused to forward {operation} to {host} without a valid login (Proxy Authentication Required). Give Connect-BulkEnroll the proxy's login with -ProxyCredential, or -ProxyUseDefaultCredentials for your Windows sign-in.", HttpStatusCode.ProxyAuthenticationRequired, inner: inner)
        { RecommendedAction = "Run Connect-BulkEnroll again with -ProxyCredential (the proxy's user and password) or -ProxyUseDefaultCredentials (your Windows sign-in); -Proxy names another proxy and -NoProxy connects directly." };
    }

    private static string Innermost(Exception exception)
    {
        Exception e = exception;
        while (e.InnerException != null)
        {
            e = e.InnerException;
        }

        return e.Message;
    }
}
