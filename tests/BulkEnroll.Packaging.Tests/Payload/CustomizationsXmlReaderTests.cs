using System;
using System.Linq;
using System.Text;
using BulkEnroll.Packaging.Payload;
using Xunit;

namespace BulkEnroll.Packaging.Tests.Payload;

public class CustomizationsXmlReaderTests
{
    // Shaped like a Windows Configuration Designer export: Name attributes beside the keys, its own element
    // order, and settings this module does not model.
    private const string WcdExport = @"<?xml version=""1.0"" encoding=""utf-8""?>
<WindowsCustomizations>
  <PackageConfig xmlns=""urn:schemas-Microsoft-com:Windows-ICD-Package-Config.v1.0"">
    <Rank>7</Rank>
    <OwnerType>oem</OwnerType>
    <Version>1.2.3.4</Version>
    <Name>KBF</Name>
    <ID>2e8ca021-1111-4222-8333-444455556666</ID>
    <Notes />
    <Description>Kiosks</Description>
  </PackageConfig>
  <Settings xmlns=""urn:schemas-microsoft-com:windows-provisioning"">
    <Customizations>
      <Common>
        <Workplace>
          <Enrollments>
            <UPN Name=""windows-bulkenroll-kbf@contoso.com"" UPN=""windows-bulkenroll-kbf@contoso.com"">
              <Secret>pw&amp;1 </Secret>
              <DiscoveryServiceFullUrl>https://login.mobileiron.com</DiscoveryServiceFullUrl>
              <AuthPolicy>OnPremise</AuthPolicy>
            </UPN>
          </Enrollments>
        </Workplace>
        <Policies>
          <ApplicationManagement>
            <AllowAllTrustedApps>Yes</AllowAllTrustedApps>
          </ApplicationManagement>
        </Policies>
        <OOBE>
          <Desktop>
            <HideOobe>True</HideOobe>
          </Desktop>
        </OOBE>
        <Accounts>
          <Azure>
            <Authority>https://login.microsoftonline.com/common</Authority>
            <BPRT>eyJ0eXAi.bprt.token</BPRT>
          </Azure>
          <Users>
            <User Name=""kbfadmin"" UserName=""kbfadmin"">
              <UserGroup>Administrators</UserGroup>
              <Password>Adm1n!</Password>
            </User>
            <User Name=""second"" UserName=""second"">
              <Password>Other1!</Password>
            </User>
          </Users>
          <ComputerAccount>
            <ComputerName>KBF-%RAND:5%</ComputerName>
          </ComputerAccount>
        </Accounts>
        <ConnectivityProfiles>
          <WLAN>
            <WLANSetting>
              <WLANConfig Name=""KBF-Staff"" SSID=""KBF-Staff"">
                <WLANXmlSettings>
                  <SecurityType>WPA2-Personal</SecurityType>
                  <SecurityKey>wifi-pass-123</SecurityKey>
                  <HiddenNetwork>True</HiddenNetwork>
                  <AutoConnect>False</AutoConnect>
                </WLANXmlSettings>
              </WLANConfig>
            </WLANSetting>
          </WLAN>
        </ConnectivityProfiles>
        <ProvisioningCommands>
          <PrimaryContext>
            <Command>
              <CommandConfig Name=""Install"">
                <CommandLine>cmd /c net user x P@ss /add</CommandLine>
                <ContinueInstall>True</ContinueInstall>
              </CommandConfig>
            </Command>
          </PrimaryContext>
        </ProvisioningCommands>
      </Common>
    </Customizations>
  </Settings>
</WindowsCustomizations>";

    private static PackageReadResult Read(string xml) => CustomizationsXmlReader.Read(Encoding.UTF8.GetBytes(xml));

    private static PackageFormatException Fails(string xml) => Assert.Throws<PackageFormatException>(() => Read(xml));

    [Fact]
    public void Our_own_file_round_trips_with_secrets_intact()
    {
        PackageDefinition original = Samples.Full();
        original.Notes = "Paris & Lyon <site>";
        original.OwnerType = PackageOwnerType.SystemIntegrator;
        original.Rank = 42;
        original.Version = "2.0.0.1";
        original.Wifi!.Hidden = true;
        original.Wifi.AutoConnect = false;
        original.Enrollment!.PolicyServiceFullUrl = "https://mdm.contoso.com/policy";
        original.Enrollment.EnrollmentServiceFullUrl = "https://mdm.contoso.com/enroll";

        PackageReadResult result = CustomizationsXmlReader.Read(CustomizationsXmlWriter.Write(original));

        Assert.Equal(PackageDefinitionSource.CustomizationsXml, result.Source);
        Assert.Empty(result.OtherSettings);
        Assert.Empty(PackageDefinitionComparer.Differences(original, result.Definition, includePackageConfig: true));
        PackageDefinition back = result.Definition;
        Assert.Equal("Paris & Lyon <site>", back.Notes);
        Assert.Equal(Samples.AdminPassword, Samples.Plain(back.LocalAccount!.Password));
        Assert.Equal(Samples.WifiKey, Samples.Plain(back.Wifi!.Key));
        Assert.Equal(Samples.EnrollSecret, Samples.Plain(back.Enrollment!.Secret));
        Assert.Equal(LocalUserGroup.Administrators, back.LocalAccount.Group);
        Assert.True(back.Wifi.Hidden);
        Assert.False(back.Wifi.AutoConnect);
        Assert.Equal("https://mdm.contoso.com/policy", back.Enrollment.PolicyServiceFullUrl);
        Assert.Equal("https://mdm.contoso.com/enroll", back.Enrollment.EnrollmentServiceFullUrl);
    }

    [Fact]
    public void Minimal_file_round_trips_with_absent_settings_still_absent()
    {
        PackageDefinition back = CustomizationsXmlReader.Read(CustomizationsXmlWriter.Write(Samples.Minimal())).Definition;

        Assert.Null(back.ComputerNameTemplate);
        Assert.Null(back.LocalAccount);
        Assert.Null(back.Wifi);
        Assert.False(back.HideOobe);
        Assert.Null(back.Notes);
        Assert.Equal(Samples.Upn, back.Enrollment!.Upn);
    }

    [Fact]
    public void A_WCD_export_is_read_whatever_the_order_and_with_Name_attributes()
    {
        PackageReadResult result = Read(WcdExport);
        PackageDefinition definition = result.Definition;

        Assert.Equal(new Guid("2e8ca021-1111-4222-8333-444455556666"), definition.PackageId);
        Assert.Equal("KBF", definition.Name);
        Assert.Equal("1.2.3.4", definition.Version);
        Assert.Equal(PackageOwnerType.OEM, definition.OwnerType);
        Assert.Equal(7, definition.Rank);
        Assert.Null(definition.Notes);
        Assert.Equal("KBF-%RAND:5%", definition.ComputerNameTemplate);
        Assert.True(definition.HideOobe);
        Assert.Equal("kbfadmin", definition.LocalAccount!.UserName);
        Assert.Equal("Adm1n!", Samples.Plain(definition.LocalAccount.Password));
        Assert.Equal(LocalUserGroup.Administrators, definition.LocalAccount.Group);
        Assert.Equal("KBF-Staff", definition.Wifi!.Ssid);
        Assert.Equal(WifiSecurity.WPA2Personal, definition.Wifi.Security);
        Assert.Equal("wifi-pass-123", Samples.Plain(definition.Wifi.Key));
        Assert.True(definition.Wifi.Hidden);
        Assert.False(definition.Wifi.AutoConnect);
        Assert.Equal("windows-bulkenroll-kbf@contoso.com", definition.Enrollment!.Upn);
        Assert.Equal("pw&1 ", Samples.Plain(definition.Enrollment.Secret));
        Assert.Equal("https://login.mobileiron.com", definition.Enrollment.DiscoveryServiceFullUrl);
        Assert.Equal(EnrollmentAuthPolicy.OnPremise, definition.Enrollment.AuthPolicy);
    }

    [Fact]
    public void Unmodelled_settings_are_reported_in_document_order_with_secrets_masked()
    {
        PackageReadResult result = Read(WcdExport);

        Assert.Equal(
            new[]
            {
                "Policies/ApplicationManagement/AllowAllTrustedApps = Yes",
                "Accounts/Azure/Authority = https://login.microsoftonline.com/common",
                "Accounts/Azure/BPRT = ********",
                "Accounts/Users/User[second]/Password = ********",
                "ProvisioningCommands/PrimaryContext/Command/CommandConfig[Install]/CommandLine = ********",
                "ProvisioningCommands/PrimaryContext/Command/CommandConfig[Install]/ContinueInstall = True",
            },
            result.OtherSettings.Select(s => s.ToString()));
        Assert.DoesNotContain(result.OtherSettings, s => (s.Value ?? string.Empty).Contains("bprt") || (s.Value ?? string.Empty).Contains("P@ss"));
    }

    [Fact]
    public void Variants_and_unknown_wifi_security_are_reported_not_modelled()
    {
        string xml = WcdExport
            .Replace("<SecurityType>WPA2-Personal</SecurityType>", "<SecurityType>WEP</SecurityType>")
            .Replace("      </Common>", "      </Common>\r\n      <Targets><Target Id=\"t\"><TargetState><Condition Name=\"ProcessorType\" Value=\"x64\" /></TargetState></Target></Targets>");

        PackageReadResult result = Read(xml);

        Assert.Null(result.Definition.Wifi);
        Assert.Contains(result.OtherSettings, s => s.Path == "ConnectivityProfiles/WLAN/WLANSetting/WLANConfig[KBF-Staff]/WLANXmlSettings/SecurityKey" && s.Value == OtherSetting.MaskedValue);
        Assert.Contains(result.OtherSettings, s => s.Path == "Customizations/Targets/Target[t]/TargetState/Condition[ProcessorType]");
    }

    [Fact]
    public void A_user_without_a_group_is_a_standard_user_as_in_the_Accounts_CSP()
    {
        PackageDefinition definition = Read(WcdExport.Replace("<UserGroup>Administrators</UserGroup>", string.Empty)).Definition;

        Assert.Equal(LocalUserGroup.StandardUsers, definition.LocalAccount!.Group);
    }

    [Fact]
    public void Wrong_root_is_refused()
    {
        Assert.Equal(PackageFormatReasons.UnexpectedRoot, Fails("<wap-provisioningdoc />").Reason);
        Assert.Equal(PackageFormatReasons.WrongNamespace, Fails("<WindowsCustomizations xmlns=\"urn:x\" />").Reason);
    }

    [Fact]
    public void A_PackageConfig_in_the_wrong_namespace_is_refused()
    {
        // Lower-case "microsoft": ICD's schema spells this namespace with capitals.
        PackageFormatException e = Fails(WcdExport.Replace("urn:schemas-Microsoft-com:Windows-ICD-Package-Config.v1.0", "urn:schemas-microsoft-com:Windows-ICD-Package-Config.v1.0"));

        Assert.Equal(PackageFormatReasons.WrongNamespace, e.Reason);
        Assert.Contains("PackageConfig", e.Message);
    }

    [Theory]
    [InlineData("<ID>2e8ca021-1111-4222-8333-444455556666</ID>", "", "MissingElement")]
    [InlineData("<Name>KBF</Name>", "", "MissingElement")]
    [InlineData("<ID>2e8ca021-1111-4222-8333-444455556666</ID>", "<ID>not-a-guid</ID>", "InvalidValue")]
    [InlineData("<OwnerType>oem</OwnerType>", "<OwnerType>2000</OwnerType>", "InvalidValue")]
    [InlineData("<Rank>7</Rank>", "<Rank>seven</Rank>", "InvalidValue")]
    [InlineData("<Rank>7</Rank>", "<Rank>7</Rank><Rank>8</Rank>", "InvalidValue")]
    [InlineData("<HideOobe>True</HideOobe>", "<HideOobe>Maybe</HideOobe>", "InvalidValue")]
    [InlineData("<UserGroup>Administrators</UserGroup>", "<UserGroup>Guests</UserGroup>", "InvalidValue")]
    [InlineData("<AuthPolicy>OnPremise</AuthPolicy>", "<AuthPolicy>Federated</AuthPolicy>", "InvalidValue")]
    [InlineData("<ComputerName>KBF-%RAND:5%</ComputerName>", "<ComputerName><b>KBF</b></ComputerName>", "InvalidValue")]
    [InlineData("<UPN Name=\"windows-bulkenroll-kbf@contoso.com\" UPN=\"windows-bulkenroll-kbf@contoso.com\">", "<UPN>", "MissingElement")]
    [InlineData("<Customizations>", "<Customisations>", "MissingElement")]
    public void Broken_files_give_a_format_error_with_a_stable_reason(string find, string replace, string reason)
    {
        Assert.Contains(find, WcdExport);
        PackageFormatException e = Fails(WcdExport.Replace(find, replace).Replace("</Customizations>", replace == "<Customisations>" ? "</Customisations>" : "</Customizations>"));

        Assert.Equal("PackageXml" + reason, e.Reason);
        Assert.Equal(e.Reason, e.ErrorId);
        Assert.StartsWith("customizations.xml: ", e.Message);
    }

    [Fact]
    public void Format_errors_never_quote_values()
    {
        PackageFormatException e = Fails(WcdExport.Replace("<HideOobe>True</HideOobe>", "<HideOobe>Zq9secret</HideOobe>"));

        Assert.DoesNotContain("Zq9", e.Message);
    }
}
