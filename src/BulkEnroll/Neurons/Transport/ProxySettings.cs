using System;
using System.Net;

namespace BulkEnroll.Neurons.Transport;

/// <summary>
/// How requests reach the tenant, as Invoke-RestMethod's -Proxy/-ProxyCredential/-ProxyUseDefaultCredentials/-NoProxy
/// say it. The default is the system proxy: on Windows the one Internet Options / WinHTTP name, on Linux and macOS
/// HTTPS_PROXY, HTTP_PROXY and NO_PROXY.
/// </summary>
internal sealed class ProxySettings
{
    public static readonly ProxySettings System = new ProxySettings();

    /// <summary>An explicit proxy; null means the system proxy (unless <see cref="NoProxy"/>).</summary>
    public Uri? Address { get; set; }

    /// <summary>Credentials for the proxy (explicit or system). Never logged.</summary>
    public NetworkCredential? Credential { get; set; }

    /// <summary>Sign in to the proxy as the current Windows user (Kerberos/NTLM).</summary>
    public bool UseDefaultCredentials { get; set; }

    /// <summary>Connect directly, ignoring any system proxy.</summary>
    public bool NoProxy { get; set; }

    /// <summary>The proxy requests to <paramref name="target"/> go through, for messages; null when none.</summary>
    public Uri? ProxyFor(Uri target)
    {
        if (NoProxy)
        {
            return null;
        }

        if (Address != null)
        {
            return Address;
        }

        try
        {
            IWebProxy? system = WebRequest.DefaultWebProxy;
            if (system == null || system.IsBypassed(target))
            {
                return null;
            }

            Uri? proxy = system.GetProxy(target);
            return proxy == null || proxy == target ? null : proxy;
        }
        catch (Exception e) when (e is PlatformNotSupportedException || e is InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The proxy's address without any user information, as messages may show it.</summary>
    public static string Describe(Uri proxy) => new UriBuilder(proxy) { UserName = string.Empty, Password = string.Empty }.Uri.GetLeftPart(UriPartial.Authority);
}
