using System.Net;

namespace BulkEnroll.Sandbox.VirtualDevices;

/// <summary>Which service URLs a virtual device will contact: https like Windows, http only on loopback when
/// allowed, and (unless allowed) loopback hosts only, so that it can never reach a real tenant.</summary>
internal static class ServiceUrlRules
{
    public static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    /// <returns>null when the device may contact <paramref name="url"/>, else why not.</returns>
    public static string? Check(Uri url, VirtualDeviceOptions options)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return $"'{url}' is not an https URL.";
        }

        bool loopback = IsLoopback(url);
        if (!loopback && !options.AllowNonLoopbackHosts)
        {
            return $"{url.Host} is not a loopback host: a virtual device only talks to a local sandbox, never to a real service (VirtualDeviceOptions.AllowNonLoopbackHosts).";
        }

        if (url.Scheme == Uri.UriSchemeHttp && !(loopback && options.AllowHttpForLoopback))
        {
            return $"'{url}' uses plain http; Windows enrolls only over https.";
        }

        return null;
    }

    /// <summary>Parses a URL from a package or a server answer.</summary>
    public static Uri? TryParse(string text) => Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) ? url : null;
}
