using System.IO;
using BulkEnroll.Packages;
using BulkEnroll.Packaging.Tests.Wim;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Packages;

/// <summary>
/// New-BulkEnrollPackage saves what it built from beside each package (issue 18), so that rotating the generic
/// user's password can rebuild it: every setting, and no secret.
/// </summary>
public sealed class SavedDefinitionTests : IClassFixture<PackageShell>
{
    private readonly PowerShellSession _shell;

    public SavedDefinitionTests(PackageShell shell) => _shell = shell.Session;

    [Fact]
    public void EveryPackageHasItsDefinitionBesideItWithEverySettingAndNoSecret()
    {
        using var temp = new TempDirectory();

        var package = _shell.Run(PackageKit.FullCommand + " -SaveProject", PackageKit.FullArguments(temp.Path)).ThrowIfErrors().Single<BulkEnrollPackage>();

        string file = temp.Combine("Paris.bulkenroll.json");
        Assert.Equal(file, package.DefinitionPath);
        string text = File.ReadAllText(file);
        foreach (string secret in PackageKit.AllSecrets)
        {
            Assert.DoesNotContain(secret, text);
        }

        SavedPackageDefinition saved = PackageDefinitionFile.Read(file);
        Assert.Equal((PackageKit.Upn, "Paris", "2.1", "SystemIntegrator", 7), (saved.UserPrincipalName, saved.Name, saved.Version, saved.OwnerType, saved.Rank));
        Assert.Equal(("PAR-%SERIAL%", PackageKit.DiscoveryUrl, true), (saved.DeviceNameTemplate, saved.DiscoveryServiceUrl, saved.HideOobe));
        Assert.Equal(("Corp WiFi", "WPA2-Personal", true, true), (saved.WifiSsid, saved.WifiSecurity, saved.HiddenNetwork, saved.WifiKeyRequired));
        Assert.Equal("localadmin", saved.LocalAdminUserName);
        Assert.Equal(("Native", true, false), (saved.Builder, saved.SaveProject, saved.ProjectOnly));

        // The definition gives back the package it was saved from, with the secrets given again.
        var rebuilt = saved.ToDefinition(PackageKit.Secure(PackageKit.Secret), PackageKit.Secure(PackageKit.WifiKey), PackageKit.Secure(PackageKit.AdminPassword));
        var expected = PackageKit.FullDefinition(rebuilt.PackageId);
        PackageKit.AssertWimlibReadsExactly(package.Path, WithId(expected, package.PackageId));
        Assert.NotEqual(package.PackageId, rebuilt.PackageId);
        Assert.Equal(expected.ToString(), rebuilt.ToString());
    }

    [Fact]
    public void WhatIfAndARefusedBuildSaveNoDefinition()
    {
        using var temp = new TempDirectory();

        _shell.Run(PackageKit.FullCommand + " -WhatIf", PackageKit.FullArguments(temp.Path)).ThrowIfErrors();
        var refused = _shell.Run("New-BulkEnrollPackage -UserPrincipalName 'adele.vance@contoso.com' -Secret $args[1] -OutputPath $args[0]", PackageKit.FullArguments(temp.Path));

        Assert.NotEmpty(refused.Errors);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void AFolderWildcardReadsThePackagesNotTheirDefinitions()
    {
        using var temp = new TempDirectory();
        _shell.Run(PackageKit.FullCommand, PackageKit.FullArguments(temp.Path)).ThrowIfErrors();

        var read = _shell.Run("Get-BulkEnrollPackage -Path (Join-Path $args[0] '*')", temp.Path);

        read.ThrowIfErrors();
        Assert.Equal("Paris", read.Single<BulkEnrollPackageInfo>().Name);
        Assert.True(File.Exists(temp.Combine("Paris.bulkenroll.json")));
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("{\"schema\":\"Other/9\",\"userPrincipalName\":\"windows-bulkenroll-a@contoso.com\"}", "'Other/9'")]
    [InlineData("{\"schema\":\"BulkEnroll.PackageDefinition/1\",\"userPrincipalName\":\"adele.vance@contoso.com\",\"name\":\"a\",\"discoveryServiceUrl\":\"https://x\"}", "'adele.vance@contoso.com'")]
    [InlineData("{\"schema\":\"BulkEnroll.PackageDefinition/1\",\"userPrincipalName\":\"windows-bulkenroll-a@contoso.com\",\"name\":\"a\",\"discoveryServiceUrl\":\"https://x\",\"builder\":\"Magic\"}", "'Magic'")]
    [InlineData("{\"schema\":\"BulkEnroll.PackageDefinition/1\",\"userPrincipalName\":\"windows-bulkenroll-a@contoso.com\",\"name\":\"a\",\"discoveryServiceUrl\":\"https://x\",\"ownerType\":\"Nobody\"}", "'Nobody'")]
    [InlineData("{\"schema\":\"BulkEnroll.PackageDefinition/1\",\"userPrincipalName\":\"windows-bulkenroll-a@contoso.com\",\"name\":\"a\",\"discoveryServiceUrl\":\"https://x\",\"wifiSsid\":\"Corp\",\"wifiSecurity\":\"WEP\"}", "'WEP'")]
    public void AFileThatIsNoDefinitionIsRefusedNamingTheFileAndWhy(string content, string why)
    {
        using var temp = new TempDirectory();
        string file = temp.Combine("x.bulkenroll.json");
        File.WriteAllText(file, content);

        var e = Assert.Throws<BulkEnrollException>(() => PackageDefinitionFile.Read(file));

        Assert.Equal(PackageDefinitionFile.InvalidId, e.ErrorId);
        Assert.Contains(file, e.Message);
        Assert.Contains(why, e.Message);
    }

    [Fact]
    public void AHugeFileIsRefusedWithoutBeingRead()
    {
        using var temp = new TempDirectory();
        string file = temp.Combine("x.bulkenroll.json");
        using (var stream = File.Create(file))
        {
            stream.SetLength(PackageDefinitionFile.MaximumSize + 1);
        }

        var e = Assert.Throws<BulkEnrollException>(() => PackageDefinitionFile.Read(file));

        Assert.Contains("far more than a definition", e.Message);
    }

    private static BulkEnroll.Packaging.Payload.PackageDefinition WithId(BulkEnroll.Packaging.Payload.PackageDefinition definition, System.Guid id)
    {
        definition.PackageId = id;
        return definition;
    }
}
