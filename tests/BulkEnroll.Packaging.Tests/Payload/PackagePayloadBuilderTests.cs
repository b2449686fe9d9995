using System;
using System.Linq;
using BulkEnroll.Packaging.Payload;
using Xunit;

namespace BulkEnroll.Packaging.Tests.Payload;

public class PackagePayloadBuilderTests
{
    [Fact]
    public void Files_come_in_ICD_blob_write_order()
    {
        using PackagePayload payload = Samples.Build(Samples.Full());

        Assert.Equal(
            new[]
            {
                "Multivariant/Multivariant.xml",
                "Multivariant/0/customizations.xml",
                "Multivariant/0/MasterDatastore.xml",
                "Multivariant/0/Prov/RunTime.xml",
                "Multivariant/0/Prov/RunTime/0__Accounts_ComputerAccount.provxml",
                "Multivariant/0/Prov/RunTime/1__Accounts_Users_localadmin.provxml",
                "Multivariant/0/Prov/RunTime/2__OOBE_Desktop_HideOobe.provxml",
                "Multivariant/0/Prov/RunTime/3__ConnectivityProfiles_WLAN_WLANSetting_Corp WiFi.provxml",
                "Multivariant/0/Prov/RunTime/4__Workplace_Enrollments_windows-bulkenroll-paris@contoso.com.provxml",
                "CommonSettings/CommonSettings.xml",
                "CommonSettings/1/AnswerFile.xml",
            },
            payload.Files.Select(f => f.Path));
    }

    [Fact]
    public void Image_properties_follow_ICD_order_and_values()
    {
        PackageDefinition definition = Samples.Full();
        definition.Version = "1.00";
        definition.OwnerType = PackageOwnerType.SystemIntegrator;
        definition.Rank = 50;
        using PackagePayload payload = Samples.Build(definition);

        Assert.Equal(
            new[]
            {
                "NAME=Paris bulk enroll",
                "DESCRIPTION=This provisioning package holds passwords in clear text; store and share it like a secret.",
                "NOTES=VERSION=1.2.3;Source=BulkEnroll;;TargetSkus=WindowsCommon,Desktop;EncryptPackage=False;SignPackage=False;PackageID=6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b;",
                "AUTHOR=",
                "VERSION=1.00",
                "ALTITUDE=3050",
                "RESETCLEAR=0",
                "PACKAGEID={6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b}",
            },
            payload.ImageProperties.Select(p => p.ToString()));
        Assert.Equal(Samples.PackageId, payload.PackageId);
        Assert.Equal(new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc), payload.BuildTimeUtc);
    }

    [Theory]
    [InlineData("Microsoft", 0, 0)]
    [InlineData("SiliconVendor", 0, 1000)]
    [InlineData("OEM", 0, 2000)]
    [InlineData("SystemIntegrator", 50, 3050)]
    [InlineData("MobileOperator", 1, 4001)]
    [InlineData("ITAdmin", 0, 5000)]
    [InlineData("ITAdmin", 99, 5099)]
    public void Altitude_is_owner_base_plus_rank(string ownerName, int rank, int expected)
    {
        var owner = (PackageOwnerType)Enum.Parse(typeof(PackageOwnerType), ownerName);

        Assert.Equal(expected, PackageAltitude.Of(owner, rank));
        Assert.True(PackageAltitude.TryParse(expected, out PackageOwnerType backOwner, out int backRank));
        Assert.Equal(owner, backOwner);
        Assert.Equal(rank, backRank);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5100)]
    [InlineData(6000)]
    public void Altitudes_outside_the_owner_ranges_are_not_parsed(int altitude)
    {
        Assert.False(PackageAltitude.TryParse(altitude, out _, out _));
    }

    [Fact]
    public void An_invalid_definition_is_refused_without_echoing_secrets()
    {
        PackageDefinition definition = Samples.Full();
        definition.Enrollment!.Upn = "someone@contoso.com";
        definition.Wifi!.Key = Samples.Secure("short");

        PackageDefinitionInvalidException e = Assert.Throws<PackageDefinitionInvalidException>(() => Samples.Build(definition));

        Assert.Contains(e.Problems, p => p.Id == PackageProblemIds.UpnNotBulkEnroll);
        Assert.Contains(e.Problems, p => p.Id == PackageProblemIds.WifiKeyInvalid);
        Assert.Equal("PackageDefinitionInvalid", e.ErrorId);
        Assert.DoesNotContain("short", e.Message);
        Assert.DoesNotContain(Samples.EnrollSecret, e.Message);
        Assert.DoesNotContain(Samples.AdminPassword, e.Message);
    }

    [Fact]
    public void Warnings_do_not_stop_a_build()
    {
        PackageDefinition definition = Samples.Minimal();
        definition.ComputerNameTemplate = "CONTOSO-%SERIAL%";

        using PackagePayload payload = Samples.Build(definition);

        Assert.Contains(payload.Files, f => f.Path.EndsWith("0__Accounts_ComputerAccount.provxml"));
    }

    [Fact]
    public void Builder_version_may_not_break_the_notes_format()
    {
        Assert.Throws<ArgumentException>(() => PackagePayloadBuilder.Build(Samples.Full(), "1;Source=x", DateTime.UtcNow));
    }

    [Fact]
    public void Loopback_http_is_accepted_only_when_asked_for()
    {
        PackageDefinition definition = Samples.Minimal();
        definition.Enrollment!.DiscoveryServiceFullUrl = "http://127.0.0.1:5080/EnrollmentServer/Discovery.svc";

        Assert.Throws<PackageDefinitionInvalidException>(() => Samples.Build(definition));
        using PackagePayload payload = PackagePayloadBuilder.Build(definition, "1.0", DateTime.UtcNow, new PackageValidationOptions(allowHttpLoopback: true));
        Assert.Contains("http://127.0.0.1:5080/EnrollmentServer/Discovery.svc", Samples.Text(payload.Files.Single(f => f.Path.EndsWith(".provxml")).Content));
    }

    [Fact]
    public void Disposing_the_payload_wipes_the_file_contents()
    {
        PackagePayload payload = Samples.Build(Samples.Full());
        byte[] secretHolder = Samples.File(payload, PayloadPaths.CustomizationsXml);

        payload.Dispose();

        Assert.All(secretHolder, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Ten_or_more_groups_would_be_written_in_ordinal_file_name_order()
    {
        var groups = Enumerable.Range(0, 11)
            .Select(i => new RuntimeSettingsGroup("/Accounts/Users/User", "Accounts_Users_u" + i, Provxml.Document()))
            .ToList();

        var entries = PackagePayloadBuilder.NumberGroups(groups);

        Assert.Equal("10__Accounts_Users_u10.provxml", entries[10].FileName);
        Assert.Equal("316e2a31-250a-5f09-a0e1-d2e5c6b03559", entries[0].SettingsGroup);
        Assert.Equal("316e2a31-250a-5f09-a0e1-d2e5c6b03559_0", entries[1].SettingsGroup);
        Assert.Equal("316e2a31-250a-5f09-a0e1-d2e5c6b03559_9", entries[10].SettingsGroup);
        string[] ordinal = entries.Select(e => e.FileName).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal("0__Accounts_Users_u0.provxml", ordinal[0]);
        Assert.Equal("10__Accounts_Users_u10.provxml", ordinal[1]);
    }
}
