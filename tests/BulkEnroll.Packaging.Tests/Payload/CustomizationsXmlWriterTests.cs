using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using BulkEnroll.Packaging.Payload;
using Xunit;

namespace BulkEnroll.Packaging.Tests.Payload;

public class CustomizationsXmlWriterTests
{
    private static readonly string[] SettingsLines =
    {
        "<Settings xmlns=\"urn:schemas-microsoft-com:windows-provisioning\">",
        "  <Customizations>",
        "    <Common>",
        "      <Accounts>",
        "        <ComputerAccount>",
        "          <ComputerName>PAR-%SERIAL%</ComputerName>",
        "        </ComputerAccount>",
        "        <Users>",
        "          <User UserName=\"localadmin\">",
        "            <Password>L0cal!Adm&lt;in&gt;&amp;\"pw\"</Password>",
        "            <UserGroup>Administrators</UserGroup>",
        "          </User>",
        "        </Users>",
        "      </Accounts>",
        "      <ConnectivityProfiles>",
        "        <WLAN>",
        "          <WLANSetting>",
        "            <WLANConfig SSID=\"Corp WiFi\">",
        "              <WLANXmlSettings>",
        "                <AutoConnect>True</AutoConnect>",
        "                <HiddenNetwork>False</HiddenNetwork>",
        "                <SecurityKey>correct horse &amp; &lt;battery&gt;</SecurityKey>",
        "                <SecurityType>WPA2-Personal</SecurityType>",
        "              </WLANXmlSettings>",
        "            </WLANConfig>",
        "          </WLANSetting>",
        "        </WLAN>",
        "      </ConnectivityProfiles>",
        "      <OOBE>",
        "        <Desktop>",
        "          <HideOobe>True</HideOobe>",
        "        </Desktop>",
        "      </OOBE>",
        "      <Workplace>",
        "        <Enrollments>",
        "          <UPN UPN=\"windows-bulkenroll-paris@contoso.com\">",
        "            <AuthPolicy>OnPremise</AuthPolicy>",
        "            <DiscoveryServiceFullUrl>https://login.mobileiron.com/EnrollmentServer/Discovery.svc</DiscoveryServiceFullUrl>",
        "            <Secret>Gener1c-S3cret&amp;&lt;&gt;\"'</Secret>",
        "          </UPN>",
        "        </Enrollments>",
        "      </Workplace>",
        "    </Common>",
        "  </Customizations>",
        "</Settings>",
    };

    [Fact]
    public void Customizations_xml_is_the_WCD_project_with_a_clear_text_warning()
    {
        byte[] bytes = CustomizationsXmlWriter.Write(Samples.Full());

        var lines = new List<string>
        {
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
            "<!-- This file holds passwords (local account, Wi-Fi key, MDM enrollment secret) in clear text. Store and share it like a secret. -->",
            "<WindowsCustomizations>",
            "  <PackageConfig xmlns=\"urn:schemas-Microsoft-com:Windows-ICD-Package-Config.v1.0\">",
            "    <ID>{6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b}</ID>",
            "    <Name>Paris bulk enroll</Name>",
            "    <Version>1.0</Version>",
            "    <OwnerType>ITAdmin</OwnerType>",
            "    <Rank>0</Rank>",
            "    <Notes></Notes>",
            "  </PackageConfig>",
        };
        foreach (string line in SettingsLines)
        {
            lines.Add("  " + line);
        }

        lines.Add("</WindowsCustomizations>");
        Assert.Equal(Samples.Utf8Bom(Samples.Crlf(lines.ToArray())), bytes);
    }

    [Fact]
    public void AnswerFile_is_the_settings_subtree_one_level_less_indented()
    {
        byte[] bytes = CustomizationsXmlWriter.WriteAnswerFile(Samples.Full());

        var lines = new List<string> { "<?xml version=\"1.0\" encoding=\"utf-8\"?>" };
        lines.AddRange(SettingsLines);
        Assert.Equal(Samples.Utf8Bom(Samples.Crlf(lines.ToArray())), bytes);
    }

    [Fact]
    public void Open_wifi_has_no_security_key_and_absent_settings_have_no_elements()
    {
        PackageDefinition definition = Samples.Minimal();
        definition.Wifi = new WifiDefinition("Guest", WifiSecurity.Open);
        definition.Notes = "Site Paris";

        XElement root = XDocument.Parse(Samples.Text(CustomizationsXmlWriter.Write(definition))).Root!;
        XNamespace ns = CustomizationsXml.SettingsNamespace;
        XNamespace config = CustomizationsXml.PackageConfigNamespace;

        Assert.Empty(root.Descendants(ns + "SecurityKey"));
        Assert.Equal("Open", root.Descendants(ns + "SecurityType").Single().Value);
        Assert.Empty(root.Descendants(ns + "Accounts"));
        Assert.Empty(root.Descendants(ns + "OOBE"));
        Assert.Equal("Site Paris", root.Element(config + "PackageConfig")!.Element(config + "Notes")!.Value);
    }

    [Fact]
    public void An_invalid_definition_is_not_written()
    {
        PackageDefinition definition = Samples.Full();
        definition.Wifi!.Key = null;

        PackageDefinitionInvalidException e = Assert.Throws<PackageDefinitionInvalidException>(() => CustomizationsXmlWriter.Write(definition));

        Assert.Equal(PackageProblemIds.WifiKeyMissing, e.Problems.Single().Id);
    }
}
