using System.Linq;
using BulkEnroll.Packaging.Secrets;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// The WLANProfile ICD synthesises from WLANXmlSettings and hands to the WiFi CSP as WlanXml: one line,
/// keys in plain text (Windows encrypts them when it stores the profile).
/// </summary>
internal static class WlanProfileXml
{
    public const string Namespace = "http://www.microsoft.com/networking/WLAN/profile/v1";

    public static string Build(WifiDefinition wifi)
    {
        var ssid = new XmlElementSpec("SSID");
        if (wifi.Ssid.Any(c => c > 0x7E))
        {
            // The name element is interpreted per code page on some builds; hex pins the exact SSID bytes.
            ssid.Add("hex", ToHex(System.Text.Encoding.UTF8.GetBytes(wifi.Ssid)));
        }

        ssid.Add("name", wifi.Ssid);

        var authEncryption = new XmlElementSpec("authEncryption");
        var security = new XmlElementSpec("security").Add(authEncryption);
        if (wifi.Security == WifiSecurity.WPA2Personal)
        {
            string key = SecretText.Reveal(wifi.Key!);
            authEncryption.Add("authentication", "WPA2PSK").Add("encryption", "AES").Add("useOneX", "false");
            security.Add(new XmlElementSpec("sharedKey")
                .Add("keyType", IsRawKey(key) ? "networkKey" : "passPhrase")
                .Add("protected", "false")
                .Add("keyMaterial", key));
        }
        else
        {
            authEncryption.Add("authentication", "open").Add("encryption", "none").Add("useOneX", "false");
        }

        XmlElementSpec profile = new XmlElementSpec("WLANProfile").Attribute("xmlns", Namespace)
            .Add("name", wifi.Ssid)
            .Add(new XmlElementSpec("SSIDConfig").Add(ssid).Add("nonBroadcast", wifi.Hidden ? "true" : "false"))
            .Add("connectionType", "ESS")
            .Add("connectionMode", wifi.AutoConnect ? "auto" : "manual")
            .Add(new XmlElementSpec("MSM").Add(security));
        return PayloadXmlText.ToSingleLine(profile);
    }

    /// <summary>64 hex digits are the 256-bit PSK itself rather than a passphrase.</summary>
    public static bool IsRawKey(string key) => key.Length == 64 && key.All(TextRules.IsHexDigit);

    private static string ToHex(byte[] bytes) => string.Concat(bytes.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
}
