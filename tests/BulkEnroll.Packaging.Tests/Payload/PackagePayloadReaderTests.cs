using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using BulkEnroll.Packaging.Payload;
using Xunit;

namespace BulkEnroll.Packaging.Tests.Payload;

public class PackagePayloadReaderTests
{
    private static Dictionary<string, byte[]> FilesOf(PackageDefinition definition, out IReadOnlyList<ImageProperty> properties)
    {
        PackagePayload payload = Samples.Build(definition);
        properties = payload.ImageProperties;

        // Copies: the payload wipes its own buffers when disposed.
        return payload.Files.ToDictionary(f => f.Path, f => f.Content.ToArray());
    }

    private static byte[] Provxml(string body) =>
        Samples.Utf8Bom("<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\r\n<wap-provisioningdoc>" + body + "</wap-provisioningdoc>");

    [Fact]
    public void Our_package_is_read_from_customizations_xml_and_matches_its_provxml()
    {
        Dictionary<string, byte[]> files = FilesOf(Samples.Full(), out IReadOnlyList<ImageProperty> properties);

        PackageReadResult result = PackagePayloadReader.Read(files, properties);

        Assert.Equal(PackageDefinitionSource.CustomizationsXml, result.Source);
        Assert.Empty(result.Discrepancies);
        Assert.Empty(result.OtherSettings);
        Assert.Empty(PackageDefinitionComparer.Differences(Samples.Full(), result.Definition, includePackageConfig: true));
    }

    [Fact]
    public void Without_customizations_xml_the_definition_is_rebuilt_from_what_Windows_applies()
    {
        Dictionary<string, byte[]> files = FilesOf(Samples.Full(), out IReadOnlyList<ImageProperty> properties);
        files.Remove(PayloadPaths.CustomizationsXml);

        PackageReadResult result = PackagePayloadReader.Read(files, properties);

        Assert.Equal(PackageDefinitionSource.RuntimeProvxml, result.Source);
        Assert.Empty(result.OtherSettings);
        Assert.Empty(PackageDefinitionComparer.Differences(Samples.Full(), result.Definition, includePackageConfig: true));
        Assert.Equal(Samples.EnrollSecret, Samples.Plain(result.Definition.Enrollment!.Secret));
        Assert.Equal(Samples.AdminPassword, Samples.Plain(result.Definition.LocalAccount!.Password));
        Assert.Equal(Samples.WifiKey, Samples.Plain(result.Definition.Wifi!.Key));
    }

    [Fact]
    public void Image_properties_supply_the_package_config_when_customizations_xml_is_absent()
    {
        PackageDefinition definition = Samples.Minimal();
        definition.OwnerType = PackageOwnerType.OEM;
        definition.Rank = 12;
        definition.Version = "3.1";
        Dictionary<string, byte[]> files = FilesOf(definition, out IReadOnlyList<ImageProperty> properties);
        files.Remove(PayloadPaths.CustomizationsXml);

        PackageDefinition back = PackagePayloadReader.Read(files, properties).Definition;

        Assert.Equal(Samples.PackageId, back.PackageId);
        Assert.Equal("Wired", back.Name);
        Assert.Equal("3.1", back.Version);
        Assert.Equal(PackageOwnerType.OEM, back.OwnerType);
        Assert.Equal(12, back.Rank);
    }

    [Fact]
    public void Paths_are_matched_whatever_the_separator_or_case()
    {
        Dictionary<string, byte[]> files = FilesOf(Samples.Full(), out _)
            .ToDictionary(f => "\\" + f.Key.Replace('/', '\\').ToUpperInvariant(), f => f.Value);
        files.Remove("\\MULTIVARIANT\\0\\CUSTOMIZATIONS.XML");

        PackageReadResult result = PackagePayloadReader.Read(files);

        Assert.Equal(Samples.Upn, result.Definition.Enrollment!.Upn);
    }

    [Fact]
    public void A_provxml_that_disagrees_with_customizations_xml_is_reported_without_its_value()
    {
        Dictionary<string, byte[]> files = FilesOf(Samples.Full(), out _);
        string path = PayloadPaths.RunTimeFolder + "4__Workplace_Enrollments_windows-bulkenroll-paris@contoso.com.provxml";
        files[path] = Encoding.UTF8.GetBytes(Samples.Text(files[path])
            .Replace("https://login.mobileiron.com/", "https://attacker.example/")
            .Replace("Gener1c-S3cret", "Zq9other"));
        files[PayloadPaths.RunTimeFolder + "2__OOBE_Desktop_HideOobe.provxml"] =
            Provxml("<characteristic type=\"ProvisioningCommands\"><characteristic type=\"DeviceContext\"><characteristic type=\"$(__PackageID)\"><characteristic type=\"Default\">"
                + "<parm name=\"CommandLine\" value=\"cmd /c evil\" datatype=\"string\" /></characteristic></characteristic></characteristic></characteristic>");

        PackageReadResult result = PackagePayloadReader.Read(files);

        Assert.Equal(PackageDefinitionSource.CustomizationsXml, result.Source);
        Assert.Equal(new[] { "HideOobe", "Enrollment.DiscoveryServiceFullUrl", "Enrollment.Secret", "OtherSettings" }, result.Discrepancies);
        Assert.DoesNotContain(result.Discrepancies, d => d.Contains("Zq9"));
    }

    [Fact]
    public void A_WCD_built_package_with_other_settings_is_read_the_way_Windows_applies_it()
    {
        // Shaped like the patloner WCD 2025 packages: SettingsPath on every parm, Azure bulk token, trusted apps.
        var files = new Dictionary<string, byte[]>
        {
            [PayloadPaths.MultivariantXml] = FixedPayloadFiles.MultivariantXml(),
            [PayloadPaths.MasterDatastoreXml] = FixedPayloadFiles.MasterDatastoreXml(),
            [PayloadPaths.RunTimeXml] = Samples.Utf8Bom(Samples.Crlf(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
                "<ConfigurationSource Version=\"1.0\">",
                "  <ConfigurationSet Type=\"provxml\" SettingsGroup=\"641c3728-5623-544a-9144-976a2dbf3ca9\" Data=\"$(_prov)\\RunTime\\0__Accounts_Azure.provxml\" />",
                "  <ConfigurationSet Type=\"provxml\" SettingsGroup=\"316e2a31-250a-5f09-a0e1-d2e5c6b03559\" Data=\"$(_prov)\\RunTime\\1__Accounts_Users_kbfadmin.provxml\" />",
                "  <ConfigurationSet Type=\"provxml\" SettingsGroup=\"1d06ee0e-b4a8-559b-b253-c7f645eb1b9c\" Data=\"$(_prov)\\RunTime\\2__Policies_ApplicationManagement_AllowAllTrustedApps.provxml\" />",
                "  <ConfigurationSet Type=\"provxml\" SettingsGroup=\"f642e983-6321-501e-a554-86b53d319ad8\" Data=\"$(_prov)\\RunTime\\3__DevDetail_DNSComputerName.provxml\" />",
                "  <ConfigurationSet Type=\"provxml\" SettingsGroup=\"b786dbf1-ec31-5be5-aa49-934e4489fae9\" Data=\"$(_prov)\\RunTime\\4__OOBE_Desktop_HideOobe.provxml\" />",
                "</ConfigurationSource>")),
            [PayloadPaths.RunTimeFolder + "0__Accounts_Azure.provxml"] = Provxml(
                "<characteristic type=\"AADJ\"><parm SettingsPath=\"Accounts/Azure/Authority\" name=\"Authority\" value=\"https://login.microsoftonline.com/common\" datatype=\"string\" />"
                + "<parm SettingsPath=\"Accounts/Azure/BPRT\" name=\"BPRT\" value=\"eyJhbGciOi.Zq9token\" datatype=\"string\" /></characteristic>"),
            [PayloadPaths.RunTimeFolder + "1__Accounts_Users_kbfadmin.provxml"] = Provxml(
                "<characteristic type=\"Accounts\"><characteristic type=\"Users\"><characteristic type=\"kbfadmin\">"
                + "<parm SettingsPath=\"Accounts/Users/User/Password\" name=\"Password\" value=\"Adm1n!\" datatype=\"string\" />"
                + "<parm SettingsPath=\"Accounts/Users/User/UserGroup\" name=\"LocalUserGroup\" value=\"2\" datatype=\"integer\" /></characteristic></characteristic></characteristic>"),
            [PayloadPaths.RunTimeFolder + "2__Policies_ApplicationManagement_AllowAllTrustedApps.provxml"] = Provxml(
                "<characteristic type=\"Policy\"><characteristic type=\"Config\"><characteristic type=\"ApplicationManagement\">"
                + "<parm SettingsPath=\"Policies/ApplicationManagement/AllowAllTrustedApps\" name=\"AllowAllTrustedApps\" value=\"1\" datatype=\"integer\" /></characteristic></characteristic></characteristic>"),
            [PayloadPaths.RunTimeFolder + "3__DevDetail_DNSComputerName.provxml"] = Provxml(
                "<characteristic type=\"DevDetail\"><characteristic type=\"Ext\"><characteristic type=\"Microsoft\">"
                + "<parm SettingsPath=\"DevDetail/DNSComputerName\" name=\"DNSComputerName\" value=\"ADW-%SERIAL%\" datatype=\"string\" /></characteristic></characteristic></characteristic>"
                + "<characteristic type=\"Provisioning\"><characteristic type=\"ForceSettingReload\">"
                + "<parm SettingsPath=\"DevDetail/DNSComputerName\" name=\"DNSComputerName\" value=\"1\" datatype=\"integer\" /></characteristic></characteristic>"),
            [PayloadPaths.RunTimeFolder + "4__OOBE_Desktop_HideOobe.provxml"] = Provxml(
                "<characteristic type=\"MCSF\"><characteristic type=\"OOBE\"><characteristic type=\"Desktop\">"
                + "<parm SettingsPath=\"OOBE/Desktop/HideOobe\" name=\"HideOobe\" value=\"true\" datatype=\"boolean\" /></characteristic></characteristic></characteristic>"),
            [PayloadPaths.CommonSettingsXml] = FixedPayloadFiles.CommonSettingsXml(),
        };
        var properties = new[]
        {
            new ImageProperty("NAME", "KBF"), new ImageProperty("VERSION", "1.0"), new ImageProperty("ALTITUDE", "2000"),
            new ImageProperty("PACKAGEID", "{2e8ca021-1111-4222-8333-444455556666}"),
        };

        PackageReadResult result = PackagePayloadReader.Read(files, properties);

        Assert.Equal(PackageDefinitionSource.RuntimeProvxml, result.Source);
        PackageDefinition definition = result.Definition;
        Assert.Equal("KBF", definition.Name);
        Assert.Equal(PackageOwnerType.OEM, definition.OwnerType);
        Assert.Equal(new Guid("2e8ca021-1111-4222-8333-444455556666"), definition.PackageId);
        Assert.Equal("kbfadmin", definition.LocalAccount!.UserName);
        Assert.Equal("Adm1n!", Samples.Plain(definition.LocalAccount.Password));
        Assert.Equal(LocalUserGroup.Administrators, definition.LocalAccount.Group);
        Assert.True(definition.HideOobe);
        Assert.Null(definition.Enrollment);
        Assert.Equal(
            new[]
            {
                "AADJ/Authority = https://login.microsoftonline.com/common",
                "AADJ/BPRT = ********",
                "Policy/Config/ApplicationManagement/AllowAllTrustedApps = 1",
                "DevDetail/Ext/Microsoft/DNSComputerName = ADW-%SERIAL%",
            },
            result.OtherSettings.Select(s => s.ToString()));
        Assert.Contains(PackageDefinitionValidator.Validate(definition), p => p.Id == PackageProblemIds.EnrollmentMissing);
    }

    [Fact]
    public void User_scoped_sources_are_reported_as_other_settings()
    {
        var files = new Dictionary<string, byte[]>
        {
            [PayloadPaths.MasterDatastoreXml] = Samples.Utf8Bom(
                "<ConfigurationSourceList Version=\"1.0\"><ConfigurationSource Name=\"RunTime\" Path=\"$(_prov)\\RunTime.xml\" />"
                + "<ConfigurationSource Name=\"User_RunTime\" Path=\"$(_prov)\\User_RunTime.xml\" /></ConfigurationSourceList>"),
            [PayloadPaths.RunTimeXml] = Encoding.UTF8.GetBytes("<ConfigurationSource Version=\"1.0\" />"),
            [PayloadPaths.ProvFolder + "User_RunTime.xml"] = Encoding.UTF8.GetBytes(
                "<ConfigurationSource Version=\"1.0\"><ConfigurationSet Type=\"provxml\" SettingsGroup=\"16ef6d5e-6645-57ac-ae29-892fcd94b31d\" Data=\"$(_prov)\\User_RunTime\\4__Policies_Experience_AllowWindowsConsumerFeatures.provxml\" /></ConfigurationSource>"),
            [PayloadPaths.ProvFolder + "User_RunTime/4__Policies_Experience_AllowWindowsConsumerFeatures.provxml"] = Provxml(
                "<characteristic type=\"Policy\" scope=\"User\"><characteristic type=\"Config\"><characteristic type=\"Experience\">"
                + "<parm name=\"AllowWindowsConsumerFeatures\" value=\"0\" datatype=\"integer\" /></characteristic></characteristic></characteristic>"),
        };

        PackageReadResult result = PackagePayloadReader.Read(files);

        Assert.Equal("User_RunTime/Policy/Config/Experience/AllowWindowsConsumerFeatures = 0", result.OtherSettings.Single().ToString());
    }

    [Fact]
    public void Missing_files_and_escaping_paths_are_format_errors()
    {
        Assert.Equal(PackageFormatReasons.MissingFile,
            Assert.Throws<PackageFormatException>(() => PackagePayloadReader.Read(new Dictionary<string, byte[]>())).Reason);

        Dictionary<string, byte[]> files = FilesOf(Samples.Full(), out _);
        files.Remove(PayloadPaths.CustomizationsXml);
        files.Remove(PayloadPaths.RunTimeFolder + "2__OOBE_Desktop_HideOobe.provxml");
        PackageFormatException missing = Assert.Throws<PackageFormatException>(() => PackagePayloadReader.Read(files));
        Assert.Equal(PackageFormatReasons.MissingFile, missing.Reason);
        Assert.Contains("2__OOBE_Desktop_HideOobe.provxml", missing.Message);

        files[PayloadPaths.RunTimeXml] = Encoding.UTF8.GetBytes(
            "<ConfigurationSource Version=\"1.0\"><ConfigurationSet Type=\"provxml\" SettingsGroup=\"x\" Data=\"$(_prov)\\..\\..\\customizations.xml\" /></ConfigurationSource>");
        Assert.Equal(PackageFormatReasons.InvalidValue, Assert.Throws<PackageFormatException>(() => PackagePayloadReader.Read(files)).Reason);

        files[PayloadPaths.RunTimeXml] = Encoding.UTF8.GetBytes(
            "<ConfigurationSource Version=\"1.0\"><ConfigurationSet Type=\"provxml\" SettingsGroup=\"x\" Data=\"C:\\Windows\\evil.provxml\" /></ConfigurationSource>");
        Assert.Equal(PackageFormatReasons.InvalidValue, Assert.Throws<PackageFormatException>(() => PackagePayloadReader.Read(files)).Reason);
    }

    [Fact]
    public void A_file_listed_twice_is_refused()
    {
        var files = new List<KeyValuePair<string, byte[]>>
        {
            new KeyValuePair<string, byte[]>("Multivariant/0/Prov/RunTime.xml", new byte[0]),
            new KeyValuePair<string, byte[]>("multivariant\\0\\prov\\runtime.xml", new byte[0]),
        };

        Assert.Equal(PackageFormatReasons.InvalidValue, Assert.Throws<PackageFormatException>(() => PackagePayloadReader.Read(files)).Reason);
    }

    [Fact]
    public void A_provxml_with_the_wrong_root_is_refused()
    {
        Dictionary<string, byte[]> files = FilesOf(Samples.Full(), out _);
        files.Remove(PayloadPaths.CustomizationsXml);
        files[PayloadPaths.RunTimeFolder + "2__OOBE_Desktop_HideOobe.provxml"] = Encoding.UTF8.GetBytes("<html />");

        Assert.Equal(PackageFormatReasons.UnexpectedRoot, Assert.Throws<PackageFormatException>(() => PackagePayloadReader.Read(files)).Reason);
    }
}
