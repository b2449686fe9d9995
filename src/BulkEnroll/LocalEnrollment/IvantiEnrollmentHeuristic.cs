using System;

namespace BulkEnroll.LocalEnrollment;

/// <summary>
/// Whether an enrollment looks like one with Ivanti Neurons for MDM. Windows records nothing that names the vendor
/// for sure, so this is a heuristic, kept here in one place:
/// <list type="bullet">
/// <item>the discovery URL or the management server address is on mobileiron.com: Ivanti's Windows enrollment
/// article and its manual-enrollment steps give <c>login.mobileiron.com</c>, and tenants live on cluster hosts such as
/// <c>na1.mobileiron.com</c> (docs/reference/ivanti-api.md#base-url-and-hosts, #discovery-url);</item>
/// <item>or on ivanti.com, in case the newer "Leo" discovery URL Ivanti's current article asks for is there
/// (unconfirmed [GAP]: docs/reference/ivanti-api.md#discovery-url);</item>
/// <item>or the ProviderID, which the MDM server itself sets, names MobileIron or Ivanti (Intune's is
/// "MS DM Server"; Ivanti's value is not documented).</item>
/// </list>
/// A tenant reached through a custom host (a proxy, a vanity domain) is therefore not recognised.
/// </summary>
internal static class IvantiEnrollmentHeuristic
{
    private static readonly string[] Domains = { "mobileiron.com", "ivanti.com" };
    private static readonly string[] ProviderNames = { "MobileIron", "Ivanti" };

    public static bool LooksLikeIvanti(string? discoveryUrl, string? serverAddress, string? providerId)
        => IsIvantiHost(discoveryUrl) || IsIvantiHost(serverAddress) || NamesIvanti(providerId);

    private static bool IsIvantiHost(string? url)
    {
        string? host = HostOf(url);
        if (host == null)
        {
            return false;
        }

        foreach (string domain in Domains)
        {
            if (host.Equals(domain, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // Ivanti documents the bare host ("login.mobileiron.com") as what admins type, so a value without a scheme is
    // read as a host too.
    private static string? HostOf(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        string candidate = url!.Contains("://") ? url : "https://" + url;
        return Uri.TryCreate(candidate, UriKind.Absolute, out Uri? uri) ? uri.Host.TrimEnd('.') : null;
    }

    private static bool NamesIvanti(string? providerId)
    {
        if (providerId == null)
        {
            return false;
        }

        foreach (string name in ProviderNames)
        {
            if (providerId.IndexOf(name, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
