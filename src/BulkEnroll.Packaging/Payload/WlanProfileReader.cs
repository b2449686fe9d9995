using System;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using BulkEnroll.Packaging.Secrets;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// Reads back a WlanXml profile. Returns null for profiles <see cref="WifiDefinition"/> cannot express
/// (enterprise, WPA3, WEP, encrypted key material), which callers then report as other settings.
/// </summary>
internal static class WlanProfileReader
{
    public static WifiDefinition? Read(string wlanXml, string fileName)
    {
        string what = fileName + " (WlanXml)";
        XElement root = SafeXmlLoader.Parse(wlanXml, what).Root!;
        XNamespace ns = WlanProfileXml.Namespace;
        if (root.Name != ns + "WLANProfile")
        {
            throw new PackageFormatException(PackageFormatReasons.UnexpectedRoot, what, $"The WLAN profile's root is <{root.Name.LocalName}> in '{root.Name.NamespaceName}', not <WLANProfile> in '{WlanProfileXml.Namespace}'.");
        }

        XElement? ssidConfig = root.Element(ns + "SSIDConfig");
        XElement? ssid = ssidConfig?.Element(ns + "SSID");
        string? name = SsidFromHex(ssid?.Element(ns + "hex")?.Value) ?? ssid?.Element(ns + "name")?.Value ?? root.Element(ns + "name")?.Value;
        XElement? security = root.Element(ns + "MSM")?.Element(ns + "security");
        string? authentication = security?.Element(ns + "authEncryption")?.Element(ns + "authentication")?.Value;
        string? encryption = security?.Element(ns + "authEncryption")?.Element(ns + "encryption")?.Value;
        if (name is null || authentication is null || encryption is null)
        {
            throw new PackageFormatException(PackageFormatReasons.MissingElement, what, "The WLAN profile lacks its SSID or its authentication and encryption.");
        }

        var wifi = new WifiDefinition(name, WifiSecurity.Open)
        {
            Hidden = string.Equals(ssidConfig?.Element(ns + "nonBroadcast")?.Value?.Trim(), "true", StringComparison.OrdinalIgnoreCase),
            AutoConnect = !string.Equals(root.Element(ns + "connectionMode")?.Value?.Trim(), "manual", StringComparison.OrdinalIgnoreCase),
        };

        if (Is(authentication, "open") && Is(encryption, "none"))
        {
            return wifi;
        }

        XElement? sharedKey = security!.Element(ns + "sharedKey");
        string? keyMaterial = sharedKey?.Element(ns + "keyMaterial")?.Value;
        bool isProtected = string.Equals(sharedKey?.Element(ns + "protected")?.Value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        if (Is(authentication, "WPA2PSK") && Is(encryption, "AES") && keyMaterial != null && !isProtected)
        {
            wifi.Security = WifiSecurity.WPA2Personal;
            wifi.Key = SecretText.Protect(keyMaterial);
            return wifi;
        }

        return null;
    }

    private static bool Is(string value, string expected) => string.Equals(value.Trim(), expected, StringComparison.OrdinalIgnoreCase);

    private static string? SsidFromHex(string? hex)
    {
        if (hex is null)
        {
            return null;
        }

        string digits = hex.Trim();
        if (digits.Length == 0 || digits.Length % 2 != 0 || !digits.All(TextRules.IsHexDigit))
        {
            return null;
        }

        byte[] bytes = Enumerable.Range(0, digits.Length / 2).Select(i => Convert.ToByte(digits.Substring(i * 2, 2), 16)).ToArray();
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
