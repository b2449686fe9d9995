using System.Security;

namespace BulkEnroll.Packaging.Payload;

/// <summary>The Wi-Fi network the PC joins during OOBE so that it can reach the enrollment service.</summary>
internal sealed class WifiDefinition
{
    public WifiDefinition(string ssid, WifiSecurity security, SecureString? key = null)
    {
        Ssid = ssid;
        Security = security;
        Key = key;
    }

    public string Ssid { get; set; }

    public WifiSecurity Security { get; set; }

    /// <summary>The WPA2 passphrase (8–63 printable ASCII characters) or raw key (64 hex digits); null for open networks.</summary>
    public SecureString? Key { get; set; }

    public bool Hidden { get; set; }

    public bool AutoConnect { get; set; } = true;

    public override string ToString() => Ssid;
}
