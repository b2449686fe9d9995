using System.Linq;
using System.Xml.Linq;
using BulkEnroll.Packaging.Payload;
using Xunit;

namespace BulkEnroll.Packaging.Tests.Payload;

public class WlanProfileTests
{
    private static readonly XNamespace Ns = "http://www.microsoft.com/networking/WLAN/profile/v1";

    private static XElement EmbeddedProfile(WifiDefinition wifi)
    {
        PackageDefinition definition = Samples.Full();
        definition.Wifi = wifi;
        using PackagePayload payload = Samples.Build(definition);
        PayloadFile file = payload.Files.Single(f => f.Path.Contains("_WLANSetting_"));
        XElement parm = XDocument.Parse(Samples.Text(file.Content)).Descendants("parm").Single();

        Assert.Equal("WlanXml", parm.Attribute("name")!.Value);
        Assert.Equal("string", parm.Attribute("datatype")!.Value);
        string profileXml = parm.Attribute("value")!.Value;
        Assert.DoesNotContain("\n", profileXml);
        Assert.StartsWith("<WLANProfile xmlns=\"http://www.microsoft.com/networking/WLAN/profile/v1\">", profileXml);
        return XElement.Parse(profileXml);
    }

    [Fact]
    public void Wpa2_personal_profile_carries_ssid_wpa2psk_aes_and_the_passphrase()
    {
        XElement profile = EmbeddedProfile(new WifiDefinition("Corp & Co", WifiSecurity.WPA2Personal, Samples.Secure(Samples.WifiKey)));

        Assert.Equal("Corp & Co", profile.Element(Ns + "name")!.Value);
        Assert.Equal("Corp & Co", profile.Element(Ns + "SSIDConfig")!.Element(Ns + "SSID")!.Element(Ns + "name")!.Value);
        Assert.Equal("false", profile.Element(Ns + "SSIDConfig")!.Element(Ns + "nonBroadcast")!.Value);
        Assert.Equal("ESS", profile.Element(Ns + "connectionType")!.Value);
        Assert.Equal("auto", profile.Element(Ns + "connectionMode")!.Value);
        XElement security = profile.Element(Ns + "MSM")!.Element(Ns + "security")!;
        Assert.Equal("WPA2PSK", security.Element(Ns + "authEncryption")!.Element(Ns + "authentication")!.Value);
        Assert.Equal("AES", security.Element(Ns + "authEncryption")!.Element(Ns + "encryption")!.Value);
        XElement sharedKey = security.Element(Ns + "sharedKey")!;
        Assert.Equal("passPhrase", sharedKey.Element(Ns + "keyType")!.Value);
        Assert.Equal("false", sharedKey.Element(Ns + "protected")!.Value);
        Assert.Equal(Samples.WifiKey, sharedKey.Element(Ns + "keyMaterial")!.Value);
    }

    [Fact]
    public void Open_profile_has_open_none_and_no_key()
    {
        XElement profile = EmbeddedProfile(new WifiDefinition("Guest", WifiSecurity.Open) { Hidden = true, AutoConnect = false });

        Assert.Equal("true", profile.Element(Ns + "SSIDConfig")!.Element(Ns + "nonBroadcast")!.Value);
        Assert.Equal("manual", profile.Element(Ns + "connectionMode")!.Value);
        XElement security = profile.Element(Ns + "MSM")!.Element(Ns + "security")!;
        Assert.Equal("open", security.Element(Ns + "authEncryption")!.Element(Ns + "authentication")!.Value);
        Assert.Equal("none", security.Element(Ns + "authEncryption")!.Element(Ns + "encryption")!.Value);
        Assert.Null(security.Element(Ns + "sharedKey"));
    }

    [Fact]
    public void A_64_hex_digit_key_is_written_as_a_network_key()
    {
        string raw = new string('a', 32) + new string('F', 32);
        XElement profile = EmbeddedProfile(new WifiDefinition("Corp", WifiSecurity.WPA2Personal, Samples.Secure(raw)));

        XElement sharedKey = profile.Descendants(Ns + "sharedKey").Single();
        Assert.Equal("networkKey", sharedKey.Element(Ns + "keyType")!.Value);
        Assert.Equal(raw, sharedKey.Element(Ns + "keyMaterial")!.Value);
    }

    [Fact]
    public void A_non_ascii_ssid_also_gets_its_utf8_bytes_in_hex()
    {
        XElement profile = EmbeddedProfile(new WifiDefinition("Café", WifiSecurity.Open));

        XElement ssid = profile.Descendants(Ns + "SSID").Single();
        Assert.Equal("436166C3A9", ssid.Element(Ns + "hex")!.Value);
        Assert.Equal("Café", ssid.Element(Ns + "name")!.Value);
    }

    [Fact]
    public void Reader_gets_back_what_the_writer_wrote()
    {
        var wifi = new WifiDefinition("Café", WifiSecurity.WPA2Personal, Samples.Secure(Samples.WifiKey)) { Hidden = true, AutoConnect = false };

        WifiDefinition back = WlanProfileReader.Read(WlanProfileXml.Build(wifi), "test")!;

        Assert.Equal("Café", back.Ssid);
        Assert.Equal(WifiSecurity.WPA2Personal, back.Security);
        Assert.True(back.Hidden);
        Assert.False(back.AutoConnect);
        Assert.Equal(Samples.WifiKey, Samples.Plain(back.Key));
    }

    [Fact]
    public void Reader_declines_profiles_it_cannot_model()
    {
        string enterprise = "<WLANProfile xmlns=\"http://www.microsoft.com/networking/WLAN/profile/v1\"><name>E</name><SSIDConfig><SSID><name>E</name></SSID></SSIDConfig>"
            + "<connectionType>ESS</connectionType><MSM><security><authEncryption><authentication>WPA2</authentication><encryption>AES</encryption><useOneX>true</useOneX></authEncryption></security></MSM></WLANProfile>";

        Assert.Null(WlanProfileReader.Read(enterprise, "test"));
    }
}
