using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using BulkEnroll.Packaging.Tests.Wim;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Packages;

public sealed class GetBulkEnrollPackageTests : IClassFixture<PackageShell>
{
    private readonly PowerShellSession _shell;

    public GetBulkEnrollPackageTests(PackageShell shell) => _shell = shell.Session;

    [Fact]
    public void ReadsBackEverySettingOfOurPackageWithSecretsOnlyAsPresent()
    {
        using var temp = new TempDirectory();
        var built = Build(temp.Path);

        var info = _shell.Run("Get-BulkEnrollPackage -Path $args[0]", built.Path).ThrowIfErrors().Single<BulkEnrollPackageInfo>();

        Assert.Equal(built.Path, info.Path);
        Assert.Equal(built.Path, info.ToString());
        Assert.Equal("Package", info.Kind);
        Assert.Equal(built.PackageId, info.PackageId);
        Assert.Equal("Paris", info.Name);
        Assert.Equal("2.1", info.Version);
        Assert.Equal("SystemIntegrator", info.OwnerType);
        Assert.Equal(7, info.Rank);
        Assert.Equal(3007, info.Altitude);
        Assert.StartsWith("VERSION=", info.Notes);
        Assert.Contains("Source=BulkEnroll", info.Notes);
        Assert.Equal("CustomizationsXml", info.SettingsSource);
        Assert.Equal(PackageKit.Upn, info.UserPrincipalName);
        Assert.Equal(PackageKit.DiscoveryUrl, info.DiscoveryServiceUrl);
        Assert.Equal("OnPremise", info.AuthPolicy);
        Assert.True(info.HasEnrollmentSecret);
        Assert.Equal("PAR-%SERIAL%", info.DeviceNameTemplate);
        Assert.Equal("Corp WiFi", info.WifiSsid);
        Assert.Equal("WPA2-Personal", info.WifiSecurity);
        Assert.True(info.WifiHidden);
        Assert.True(info.HasWifiKey);
        Assert.Equal("localadmin", info.LocalAdminUserName);
        Assert.True(info.HasLocalAdminPassword);
        Assert.True(info.HideOobe);
        Assert.Empty(info.OtherSettings);
        Assert.Empty(info.Discrepancies);
        Assert.Equal(built.Size, info.Size);
        Assert.Equal(built.Sha256, info.Sha256);
    }

    [Fact]
    public void ReadsTheSameSettingsFromAnUncompressedWimThatWimlibMadeOfTheSameTree()
    {
        using var temp = new TempDirectory();
        var built = Build(temp.Path);
        string tree = temp.Combine("tree");
        Wimlib.Run("apply", built.Path, "1", tree, "--no-acls");
        string recaptured = temp.Combine("recaptured.ppkg");
        Wimlib.Run("capture", tree, recaptured, "Paris", "--compress=none");

        var infos = _shell.Run("Get-BulkEnrollPackage -Path $args[0], $args[1]", built.Path, recaptured).ThrowIfErrors().All<BulkEnrollPackageInfo>();

        Assert.Equal(2, infos.Count);
        BulkEnrollPackageInfo ours = infos[0], theirs = infos[1];
        Assert.Equal(recaptured, theirs.Path);
        Assert.Null(theirs.Notes);
        foreach (string property in new[]
        {
            "PackageId", "Name", "Version", "OwnerType", "Rank", "Altitude", "SettingsSource", "UserPrincipalName", "DiscoveryServiceUrl", "AuthPolicy",
            "HasEnrollmentSecret", "DeviceNameTemplate", "WifiSsid", "WifiSecurity", "WifiHidden", "HasWifiKey", "LocalAdminUserName",
            "HasLocalAdminPassword", "HideOobe",
        })
        {
            var p = typeof(BulkEnrollPackageInfo).GetProperty(property)!;
            Assert.True(Equals(p.GetValue(ours), p.GetValue(theirs)), $"{property}: {p.GetValue(ours)} vs {p.GetValue(theirs)}");
        }

        Assert.Empty(theirs.Discrepancies);
    }

    [Fact]
    public void ReadsAProjectFile()
    {
        using var temp = new TempDirectory();
        var built = _shell.Run(PackageKit.FullCommand + " -ProjectOnly", PackageKit.FullArguments(temp.Path)).ThrowIfErrors().Single<BulkEnrollPackage>();

        var info = _shell.Run("Get-BulkEnrollPackage $args[0]", built.Path).ThrowIfErrors().Single<BulkEnrollPackageInfo>();

        Assert.Equal("Project", info.Kind);
        Assert.Equal(built.PackageId, info.PackageId);
        Assert.Equal(3007, info.Altitude);
        Assert.Null(info.Notes);
        Assert.Equal("localadmin", info.LocalAdminUserName);
        Assert.True(info.HasWifiKey);
    }

    [Fact]
    public void TakesFilesFromGetChildItemWildcardsAndObjectsWithAPathProperty()
    {
        using var temp = new TempDirectory();
        Build(temp.Path);
        _shell.Run("New-BulkEnrollPackage -UserPrincipalName $args[1] -Secret $args[2] -OutputPath $args[0] -PackageName 'Lyon [2]'",
            temp.Path, PackageKit.Upn, PackageKit.Secure(PackageKit.Secret)).ThrowIfErrors();
        File.WriteAllText(temp.Combine("notes.txt"), "not a package");

        Assert.True(File.Exists(temp.Combine("Lyon [2].ppkg")), string.Join(", ", Directory.GetFiles(temp.Path)));
        var byFileInfo = _shell.Run("[IO.DirectoryInfo]::new($args[0]).GetFiles('*.ppkg') | Get-BulkEnrollPackage", temp.Path).ThrowIfErrors().All<BulkEnrollPackageInfo>();
        // What Get-ChildItem emits: FileInfo objects the provider decorated with PSPath (Get-ChildItem itself is not in this host).
        var byProviderItems = _shell.Run("$ExecutionContext.InvokeProvider.ChildItem.Get($args[0], $false) | Where-Object Extension -eq '.ppkg' | Get-BulkEnrollPackage", temp.Path)
            .ThrowIfErrors().All<BulkEnrollPackageInfo>();
        var byWildcard = _shell.Run("Get-BulkEnrollPackage -Path ([IO.Path]::Combine($args[0], '*.ppkg'))", temp.Path).ThrowIfErrors().All<BulkEnrollPackageInfo>();
        var byProperty = _shell.Run("[pscustomobject]@{ Path = [IO.Path]::Combine($args[0], 'Paris.ppkg') } | Get-BulkEnrollPackage", temp.Path).ThrowIfErrors().All<BulkEnrollPackageInfo>();
        var byLiteral = _shell.Run("Get-BulkEnrollPackage -LiteralPath ([IO.Path]::Combine($args[0], 'Lyon [2].ppkg'))", temp.Path).ThrowIfErrors().All<BulkEnrollPackageInfo>();

        Assert.Equal(new[] { "Lyon [2]", "Paris" }, byFileInfo.Select(i => i.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(new[] { "Lyon [2]", "Paris" }, byProviderItems.Select(i => i.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(new[] { "Lyon [2]", "Paris" }, byWildcard.Select(i => i.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal("Paris", Assert.Single(byProperty).Name);
        Assert.Equal("Lyon [2]", Assert.Single(byLiteral).Name);
    }

    [Fact]
    public void AnLzxWimIsAClearUnsupportedCompressionError()
    {
        using var temp = new TempDirectory();
        var built = Build(temp.Path);
        string tree = temp.Combine("tree");
        Wimlib.Run("apply", built.Path, "1", tree, "--no-acls");
        string lzx = temp.Combine("lzx.ppkg");
        Wimlib.Run("capture", tree, lzx, "--compress=lzx");

        var result = _shell.Run("Get-BulkEnrollPackage -Path $args[0]", lzx);

        var error = result.Error("PackageUnsupportedCompression");
        Assert.Equal(ErrorCategory.NotImplemented, error.CategoryInfo.Category);
        Assert.Contains("LZX", error.Exception.Message);
        Assert.Equal(lzx, error.TargetObject);
        Assert.Empty(result.Output);
    }

    [Theory]
    [InlineData("truncated", "PackageTruncated")]
    [InlineData("corrupt", "PackageCorrupt")]
    [InlineData("garbage", "PackageNotAWim")]
    [InlineData("empty", "PackageNotAWim")]
    [InlineData("doctype.xml", "PackageXmlDtdProhibited")]
    [InlineData("wrongroot.xml", "PackageXmlUnexpectedRoot")]
    [InlineData("broken.xml", "PackageXmlMalformed")]
    [InlineData("missing.ppkg", "PackageNotFound")]
    [InlineData("folder", "PackagePathIsFolder")]
    public void ADamagedFileIsAClearErrorOfItsOwnAndTheOthersAreStillRead(string kind, string errorId)
    {
        using var temp = new TempDirectory();
        var built = Build(temp.Path);
        string bad = MakeBad(temp, kind, File.ReadAllBytes(built.Path));

        var result = _shell.Run("Get-BulkEnrollPackage -Path $args[0], $args[1]", bad, built.Path);

        var error = result.Error(errorId);
        Assert.Single(result.Errors);
        Assert.IsAssignableFrom<BulkEnrollException>(error.Exception);
        Assert.DoesNotContain("   at ", error.ToString());
        Assert.Contains(Path.GetFileName(bad), error.Exception.Message);
        Assert.Equal(built.PackageId, result.Single<BulkEnrollPackageInfo>().PackageId);
        PackageKit.AssertNoSecret(result.AllText);
    }

    [Fact]
    public void AnAlteredPackageShowsItsDiscrepanciesWithAWarning()
    {
        using var temp = new TempDirectory();
        string altered = TamperedPackages.WithCustomizationsSecret(temp, "Changed-Secret-1!");

        var result = _shell.Run("Get-BulkEnrollPackage -Path $args[0]", altered);

        var info = result.Single<BulkEnrollPackageInfo>();
        Assert.Equal(new[] { "Enrollment.Secret" }, info.Discrepancies);
        Assert.Contains(result.Warnings, w => w.Contains("Enrollment.Secret", StringComparison.Ordinal));
        Assert.DoesNotContain("Changed-Secret-1!", result.AllText);
    }

    private BulkEnrollPackage Build(string folder) =>
        _shell.Run(PackageKit.FullCommand, PackageKit.FullArguments(folder)).ThrowIfErrors().Single<BulkEnrollPackage>();

    private static string MakeBad(TempDirectory temp, string kind, byte[] good)
    {
        string path = temp.Combine(kind.Contains('.') ? kind : kind + ".ppkg");
        switch (kind)
        {
            case "truncated":
                File.WriteAllBytes(path, good.Take(good.Length / 2).ToArray());
                break;
            case "corrupt":
                byte[] copy = (byte[])good.Clone();
                copy[600] ^= 0x5A; // inside the first file blob: its SHA-1 no longer matches
                File.WriteAllBytes(path, copy);
                break;
            case "garbage":
                File.WriteAllBytes(path, Encoding.ASCII.GetBytes("PK\u0003\u0004 this is a zip file, not a provisioning package"));
                break;
            case "empty":
                File.WriteAllBytes(path, Array.Empty<byte>());
                break;
            case "doctype.xml":
                File.WriteAllText(path, "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]><WindowsCustomizations>&lol2;</WindowsCustomizations>");
                break;
            case "wrongroot.xml":
                File.WriteAllText(path, "<?xml version=\"1.0\"?><Project/>");
                break;
            case "broken.xml":
                File.WriteAllText(path, "<?xml version=\"1.0\"?><WindowsCustomizations><PackageConfig>");
                break;
            case "folder":
                Directory.CreateDirectory(path);
                break;
        }

        return path;
    }
}
