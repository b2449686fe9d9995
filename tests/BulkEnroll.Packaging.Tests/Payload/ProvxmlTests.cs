using System.Linq;
using BulkEnroll.Packaging.Payload;
using Xunit;

namespace BulkEnroll.Packaging.Tests.Payload;

public class ProvxmlTests
{
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>";

    [Fact]
    public void Provxml_files_are_numbered_in_the_documented_order_and_named_after_their_group_and_key()
    {
        using PackagePayload payload = Samples.Build(Samples.Full());

        string[] names = payload.Files.Where(f => f.Path.StartsWith(PayloadPaths.RunTimeFolder)).Select(f => f.Path.Substring(PayloadPaths.RunTimeFolder.Length)).ToArray();

        Assert.Equal(
            new[]
            {
                "0__Accounts_ComputerAccount.provxml",
                "1__Accounts_Users_localadmin.provxml",
                "2__OOBE_Desktop_HideOobe.provxml",
                "3__ConnectivityProfiles_WLAN_WLANSetting_Corp WiFi.provxml",
                "4__Workplace_Enrollments_windows-bulkenroll-paris@contoso.com.provxml",
            },
            names);
    }

    [Fact]
    public void Indices_close_up_when_groups_are_absent()
    {
        using PackagePayload payload = Samples.Build(Samples.Minimal());

        Assert.Single(payload.Files, f => f.Path == PayloadPaths.RunTimeFolder + "0__Workplace_Enrollments_windows-bulkenroll-paris@contoso.com.provxml");
        Assert.Single(payload.Files, f => f.Path.EndsWith(".provxml"));
    }

    [Fact]
    public void HideOobe_provxml_is_byte_identical_to_the_345_byte_ADK_ICD_file()
    {
        using PackagePayload payload = Samples.Build(Samples.Full());
        byte[] bytes = Samples.File(payload, PayloadPaths.RunTimeFolder + "2__OOBE_Desktop_HideOobe.provxml");

        Assert.Equal(345, bytes.Length);
        Assert.Equal(
            Samples.Utf8Bom(Samples.Crlf(
                Declaration,
                "<wap-provisioningdoc>",
                "  <characteristic type=\"MCSF\">",
                "    <characteristic type=\"OOBE\">",
                "      <characteristic type=\"Desktop\">",
                "        <parm name=\"HideOobe\" value=\"true\" datatype=\"boolean\" />",
                "      </characteristic>",
                "    </characteristic>",
                "  </characteristic>",
                "</wap-provisioningdoc>")),
            bytes);
    }

    [Fact]
    public void Workplace_provxml_is_what_the_samples_predict_for_ICD()
    {
        using PackagePayload payload = Samples.Build(Samples.Full());
        byte[] bytes = Samples.File(payload, PayloadPaths.RunTimeFolder + "4__Workplace_Enrollments_windows-bulkenroll-paris@contoso.com.provxml");

        Assert.Equal(
            Samples.Utf8Bom(Samples.Crlf(
                Declaration,
                "<wap-provisioningdoc>",
                "  <characteristic type=\"Provisioning\">",
                "    <characteristic type=\"Enrollments\">",
                "      <characteristic type=\"windows-bulkenroll-paris@contoso.com\">",
                "        <parm name=\"AuthPolicy\" value=\"0\" datatype=\"integer\" />",
                "        <parm name=\"DiscoveryServiceFullUrl\" value=\"https://login.mobileiron.com/EnrollmentServer/Discovery.svc\" datatype=\"string\" />",
                "        <parm name=\"Secret\" value=\"Gener1c-S3cret&amp;&lt;&gt;&quot;'\" datatype=\"string\" />",
                "      </characteristic>",
                "    </characteristic>",
                "  </characteristic>",
                "</wap-provisioningdoc>")),
            bytes);
    }

    [Fact]
    public void Optional_enrollment_service_urls_use_the_CSP_leaf_names_in_setting_order()
    {
        PackageDefinition definition = Samples.Minimal();
        definition.Enrollment!.PolicyServiceFullUrl = "https://mdm.contoso.com/policy";
        definition.Enrollment.EnrollmentServiceFullUrl = "https://mdm.contoso.com/enroll";
        using PackagePayload payload = Samples.Build(definition);

        string text = Samples.Text(payload.Files.Single(f => f.Path.EndsWith(".provxml")).Content);
        string[] parmNames = text.Split("\r\n").Where(l => l.Contains("<parm ")).Select(l => l.Split('"')[1]).ToArray();

        Assert.Equal(new[] { "AuthPolicy", "DiscoveryServiceFullUrl", "EnrollmentServiceFullURL", "PolicyServiceFullURL", "Secret" }, parmNames);
    }

    [Fact]
    public void ComputerAccount_provxml_sets_the_name_and_forces_a_reload()
    {
        using PackagePayload payload = Samples.Build(Samples.Full());

        Assert.Equal(
            Samples.Crlf(
                Declaration,
                "<wap-provisioningdoc>",
                "  <characteristic type=\"Accounts\">",
                "    <characteristic type=\"Domain\">",
                "      <parm name=\"ComputerName\" value=\"PAR-%SERIAL%\" datatype=\"string\" />",
                "    </characteristic>",
                "  </characteristic>",
                "  <characteristic type=\"Provisioning\">",
                "    <characteristic type=\"ForceSettingReload\">",
                "      <parm name=\"ComputerName\" value=\"1\" datatype=\"integer\" />",
                "    </characteristic>",
                "  </characteristic>",
                "</wap-provisioningdoc>"),
            Samples.Text(Samples.File(payload, PayloadPaths.RunTimeFolder + "0__Accounts_ComputerAccount.provxml")));
    }

    [Fact]
    public void Users_provxml_carries_the_password_and_group_2_for_administrators()
    {
        using PackagePayload payload = Samples.Build(Samples.Full());

        Assert.Equal(
            Samples.Crlf(
                Declaration,
                "<wap-provisioningdoc>",
                "  <characteristic type=\"Accounts\">",
                "    <characteristic type=\"Users\">",
                "      <characteristic type=\"localadmin\">",
                "        <parm name=\"Password\" value=\"L0cal!Adm&lt;in&gt;&amp;&quot;pw&quot;\" datatype=\"string\" />",
                "        <parm name=\"LocalUserGroup\" value=\"2\" datatype=\"integer\" />",
                "      </characteristic>",
                "    </characteristic>",
                "  </characteristic>",
                "</wap-provisioningdoc>"),
            Samples.Text(Samples.File(payload, PayloadPaths.RunTimeFolder + "1__Accounts_Users_localadmin.provxml")));
    }

    [Fact]
    public void RunTime_xml_lists_every_provxml_with_its_settings_group_in_index_order()
    {
        using PackagePayload payload = Samples.Build(Samples.Full());
        byte[] bytes = Samples.File(payload, PayloadPaths.RunTimeXml);

        Assert.True(Samples.HasBom(bytes));
        Assert.Equal(
            Samples.Crlf(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
                "<ConfigurationSource Version=\"1.0\">",
                "  <ConfigurationSet Type=\"provxml\" SettingsGroup=\"f35dd173-1c3e-5f2b-a3a4-29b602842b09\" Data=\"$(_prov)\\RunTime\\0__Accounts_ComputerAccount.provxml\" />",
                "  <ConfigurationSet Type=\"provxml\" SettingsGroup=\"316e2a31-250a-5f09-a0e1-d2e5c6b03559\" Data=\"$(_prov)\\RunTime\\1__Accounts_Users_localadmin.provxml\" />",
                "  <ConfigurationSet Type=\"provxml\" SettingsGroup=\"b786dbf1-ec31-5be5-aa49-934e4489fae9\" Data=\"$(_prov)\\RunTime\\2__OOBE_Desktop_HideOobe.provxml\" />",
                "  <ConfigurationSet Type=\"provxml\" SettingsGroup=\"ac17da61-38b8-5bb9-bdaf-7436ac4eb133\" Data=\"$(_prov)\\RunTime\\3__ConnectivityProfiles_WLAN_WLANSetting_Corp WiFi.provxml\" />",
                "  <ConfigurationSet Type=\"provxml\" SettingsGroup=\"98718529-c71c-5bdc-91de-8be418006c2e\" Data=\"$(_prov)\\RunTime\\4__Workplace_Enrollments_windows-bulkenroll-paris@contoso.com.provxml\" />",
                "</ConfigurationSource>"),
            Samples.Text(bytes));
    }

    [Fact]
    public void Key_values_are_made_safe_in_file_names_but_kept_verbatim_in_the_xml()
    {
        PackageDefinition definition = Samples.Full();
        definition.Wifi!.Ssid = "Lab:5G*?<\"x\">|$(a)%b";
        using PackagePayload payload = Samples.Build(definition);

        PayloadFile wlan = payload.Files.Single(f => f.Path.Contains("WLANSetting"));
        Assert.Equal(PayloadPaths.RunTimeFolder + "3__ConnectivityProfiles_WLAN_WLANSetting_Lab_5G____x____(a)_b.provxml", wlan.Path);
        Assert.Contains("<characteristic type=\"Lab:5G*?&lt;&quot;x&quot;&gt;|$(a)%b\">", Samples.Text(wlan.Content));
        Assert.Contains("3__ConnectivityProfiles_WLAN_WLANSetting_Lab_5G____x____(a)_b.provxml", Samples.Text(Samples.File(payload, PayloadPaths.RunTimeXml)));
    }
}
