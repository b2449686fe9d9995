using System.Xml;
using System.Xml.Linq;
using BulkEnroll.Sandbox.Enrollment;

namespace BulkEnroll.Sandbox.VirtualDevices;

/// <summary>Reads the WLANProfile a WiFi/Profile/&lt;SSID&gt;/WlanXml parm carries, as the WiFi CSP would before
/// adding the network: name, SSID, broadcast, connection mode, authentication and (for PSK) a key.</summary>
internal static class WlanProfileParser
{
    private static readonly XNamespace Ns = "http://www.microsoft.com/networking/WLAN/profile/v1";

    /// <returns>The network, or null with <paramref name="problem"/> saying why the CSP would reject the profile.</returns>
    public static WifiNetworkSetting? Parse(string wlanXml, out string? problem)
    {
        XElement profile;
        try
        {
            profile = SafeXml.Parse(wlanXml).Root!;
        }
        catch (XmlException e)
        {
            problem = $"its WlanXml is not well-formed XML (position {e.LinePosition})";
            return null;
        }

        if (profile.Name != Ns + "WLANProfile")
        {
            problem = $"its WlanXml is a <{profile.Name.LocalName}> in '{profile.Name.NamespaceName}', not a WLANProfile";
            return null;
        }

        var ssidConfig = profile.Element(Ns + "SSIDConfig");
        string? ssid = ssidConfig?.Element(Ns + "SSID")?.Element(Ns + "name")?.Value;
        if (string.IsNullOrEmpty(ssid))
        {
            problem = "its WLANProfile has no SSIDConfig/SSID/name";
            return null;
        }

        var security = profile.Element(Ns + "MSM")?.Element(Ns + "security");
        string authentication = security?.Element(Ns + "authEncryption")?.Element(Ns + "authentication")?.Value ?? "";
        if (authentication.Length == 0)
        {
            problem = "its WLANProfile has no MSM/security/authEncryption/authentication";
            return null;
        }

        bool open = authentication.Equals("open", StringComparison.OrdinalIgnoreCase);
        if (!open && string.IsNullOrEmpty(security?.Element(Ns + "sharedKey")?.Element(Ns + "keyMaterial")?.Value))
        {
            problem = $"its {authentication} profile has no sharedKey/keyMaterial";
            return null;
        }

        problem = null;
        return new WifiNetworkSetting(
            ssid,
            authentication,
            Hidden: string.Equals(ssidConfig?.Element(Ns + "nonBroadcast")?.Value, "true", StringComparison.OrdinalIgnoreCase),
            AutoConnect: !string.Equals(profile.Element(Ns + "connectionMode")?.Value, "manual", StringComparison.OrdinalIgnoreCase));
    }
}
