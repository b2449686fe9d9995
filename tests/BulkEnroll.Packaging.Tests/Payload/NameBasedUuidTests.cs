using System;
using BulkEnroll.Packaging.Payload;
using Xunit;

namespace BulkEnroll.Packaging.Tests.Payload;

public class NameBasedUuidTests
{
    [Theory]
    // Every SettingsGroup in docs/reference/package-format.md#settings-group. The table abbreviates the six PrimaryContext ids and shows only
    // their first group; their full values here come from Python's uuid.uuid5, and agree with those prefixes.
    [InlineData("/Accounts", "9de9b0e5-6d03-5ff6-a648-12a9d1c34bba")]
    [InlineData("/Accounts/ComputerAccount", "f35dd173-1c3e-5f2b-a3a4-29b602842b09")]
    [InlineData("/Accounts/Azure", "641c3728-5623-544a-9144-976a2dbf3ca9")]
    [InlineData("/Accounts/Users/User", "316e2a31-250a-5f09-a0e1-d2e5c6b03559")]
    [InlineData("/ConnectivityProfiles/WLAN/WLANSetting/WLANConfig", "ac17da61-38b8-5bb9-bdaf-7436ac4eb133")]
    [InlineData("/DevDetail/DNSComputerName", "f642e983-6321-501e-a554-86b53d319ad8")]
    [InlineData("/OOBE/Desktop/HideOobe", "b786dbf1-ec31-5be5-aa49-934e4489fae9")]
    [InlineData("/Policies/ApplicationManagement/AllowAllTrustedApps", "1d06ee0e-b4a8-559b-b253-c7f645eb1b9c")]
    [InlineData("/Policies/Security/RequireProvisioningPackageSignature", "4b8f0380-fb7b-5260-a2bc-8ee59ea45313")]
    [InlineData("/Policies/Experience/AllowWindowsConsumerFeatures", "16ef6d5e-6645-57ac-ae29-892fcd94b31d")]
    [InlineData("/ProvisioningCommands/PrimaryContext/Command/CommandConfig/CommandFile", "1348d3d6-134b-5eb8-8f89-96c44bf9aa0b")]
    [InlineData("/ProvisioningCommands/PrimaryContext/Command/CommandConfig/CommandLine", "56ccb8ff-b5f2-5806-a504-ab9091876608")]
    [InlineData("/ProvisioningCommands/PrimaryContext/Command/CommandConfig/ContinueInstall", "290f8b72-c400-5dc4-8e56-b98df699071a")]
    [InlineData("/ProvisioningCommands/PrimaryContext/Command/CommandConfig/RestartRequired", "0a0302fe-0203-5635-8005-2878eac632cd")]
    [InlineData("/ProvisioningCommands/PrimaryContext/Command/CommandConfig/ReturnCodeRestart", "0c1ffbe1-4777-5325-afb2-61bfeee42220")]
    [InlineData("/ProvisioningCommands/PrimaryContext/Command/CommandConfig/ReturnCodeSuccess", "370d2f73-b454-5319-b1b1-ad5dcb6c1e42")]
    [InlineData("/ProvisioningCommands/DeviceContext/CommandFiles/CommandFile", "5e7e5336-9061-50ff-8a6e-0da0ecc82ca5")]
    [InlineData("/ProvisioningCommands/DeviceContext/CommandLine", "62975fa8-b6ff-5926-8327-6b2635a0a628")]
    [InlineData("/Workplace/Enrollments/UPN", "98718529-c71c-5bdc-91de-8be418006c2e")]
    public void SettingsGroup_matches_the_id_ICD_uses(string atomicGroupPath, string expected)
    {
        Assert.Equal(expected, SettingsGroupId.For(atomicGroupPath));
    }

    [Theory]
    [InlineData("/ProvisioningCommands/PrimaryContext/Command/CommandConfig/CommandFile", "1348d3d6-")]
    [InlineData("/ProvisioningCommands/PrimaryContext/Command/CommandConfig/CommandLine", "56ccb8ff-")]
    [InlineData("/ProvisioningCommands/PrimaryContext/Command/CommandConfig/ContinueInstall", "290f8b72-")]
    [InlineData("/ProvisioningCommands/PrimaryContext/Command/CommandConfig/RestartRequired", "0a0302fe-")]
    [InlineData("/ProvisioningCommands/PrimaryContext/Command/CommandConfig/ReturnCodeRestart", "0c1ffbe1-")]
    [InlineData("/ProvisioningCommands/PrimaryContext/Command/CommandConfig/ReturnCodeSuccess", "370d2f73-")]
    public void Abbreviated_ids_in_the_samples_table_match_their_prefix(string atomicGroupPath, string prefix)
    {
        Assert.StartsWith(prefix, SettingsGroupId.For(atomicGroupPath));
    }

    [Fact]
    public void Second_instance_of_a_group_gets_suffix_0_and_the_third_suffix_1()
    {
        Assert.Equal("56ccb8ff-b5f2-5806-a504-ab9091876608_0", SettingsGroupId.For("/ProvisioningCommands/PrimaryContext/Command/CommandConfig/CommandLine", 1));
        Assert.Equal("56ccb8ff-b5f2-5806-a504-ab9091876608_1", SettingsGroupId.For("/ProvisioningCommands/PrimaryContext/Command/CommandConfig/CommandLine", 2));
    }

    [Fact]
    public void Version5_matches_the_RFC_4122_example_and_sets_version_and_variant()
    {
        // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") == 886313e1-3b8a-5372-9b90-0c9aee199e5d
        Guid id = NameBasedUuid.Version5(NameBasedUuid.DnsNamespace, "python.org");

        Assert.Equal(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"), id);
        Assert.Equal('5', id.ToString("D")[14]);
        Assert.Contains(id.ToString("D")[19], "89ab");
    }
}
