using System;
using System.Management.Automation;
using BulkEnroll.Neurons.Transport;

namespace BulkEnroll.Commands;

/// <summary>Connect-BulkEnroll's proxy parameters, named and combined as Invoke-RestMethod's are.</summary>
public sealed partial class ConnectBulkEnrollCommand
{
    /// <summary>A proxy for every request to the tenant, e.g. http://proxy.contoso.com:8080 (default: the system proxy).</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? Proxy { get; set; }

    /// <summary>The proxy's login, for -Proxy or the system proxy.</summary>
    [Parameter]
    [Credential]
    [ValidateNotNull]
    public PSCredential? ProxyCredential { get; set; }

    /// <summary>Sign in to the proxy as the current Windows user.</summary>
    [Parameter]
    public SwitchParameter ProxyUseDefaultCredentials { get; set; }

    /// <summary>Connect directly, ignoring the system proxy.</summary>
    [Parameter]
    public SwitchParameter NoProxy { get; set; }

    private void ValidateProxy()
    {
        if (NoProxy && (Proxy != null || ProxyCredential != null || ProxyUseDefaultCredentials))
        {
            ThrowParameterError("ProxyOptionsConflict", "-NoProxy connects directly: it cannot be combined with -Proxy, -ProxyCredential or -ProxyUseDefaultCredentials.");
        }

        if (ProxyCredential != null && ProxyUseDefaultCredentials)
        {
            ThrowParameterError("ProxyOptionsConflict", "Use -ProxyCredential or -ProxyUseDefaultCredentials, not both.");
        }

        if (Proxy == null)
        {
            return;
        }

        if (!Proxy.IsAbsoluteUri || (Proxy.Scheme != Uri.UriSchemeHttp && Proxy.Scheme != Uri.UriSchemeHttps))
        {
            ThrowParameterError("InvalidProxyUri", $"-Proxy '{Proxy}' is not an absolute http(s) URL such as http://proxy.contoso.com:8080.");
        }

        // A password in the URL would be echoed by every message that names the proxy.
        if (Proxy.UserInfo.Length > 0)
        {
            ThrowParameterError("ProxyCredentialInUri", $"-Proxy {ProxySettings.Describe(Proxy)}: give the proxy's login with -ProxyCredential, not in the URL.");
        }
    }

    private ProxySettings ProxySettingsFromParameters()
    {
        var settings = new ProxySettings
        {
            Address = Proxy,
            Credential = ProxyCredential?.GetNetworkCredential(),
            UseDefaultCredentials = ProxyUseDefaultCredentials.IsPresent,
            NoProxy = NoProxy.IsPresent,
        };
        Uri? used = settings.ProxyFor(TenantUri);
        EmitVerbose(used == null ? "Connecting directly (no proxy)." : $"Connecting through the proxy {ProxySettings.Describe(used)}{(Proxy == null ? " (system proxy)" : string.Empty)}.");
        return settings;
    }
}
