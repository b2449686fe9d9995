using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using BulkEnroll.Packaging;
using BulkEnroll.Packaging.Payload;
using BulkEnroll.Packaging.Tests.Wim;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Packages;

public sealed class NewBulkEnrollPackageTests : IClassFixture<PackageShell>
{
    private readonly PowerShellSession _shell;

    public NewBulkEnrollPackageTests(PackageShell shell) => _shell = shell.Session;

    [Fact]
    public void PipedGenericUsersGetOnePackageEachThatWimlibReadsExactly()
    {
        using var temp = new TempDirectory();
        var users = new[] { PackageKit.User("windows-bulkenroll-paris@contoso.com"), PackageKit.User("windows-bulkenroll-lyon@contoso.com", "Other-Pass1!") };

        var result = _shell.Run("$args[0] | New-BulkEnrollPackage -OutputPath $args[1] -WifiSsid Corp -WifiKey $args[2]", users, temp.Path, PackageKit.Secure(PackageKit.WifiKey));

        result.ThrowIfErrors();
        var packages = result.All<BulkEnrollPackage>();
        Assert.Equal(2, packages.Count);
        Assert.Equal(new[] { "windows-bulkenroll-paris", "windows-bulkenroll-lyon" }, packages.Select(p => p.Name));
        for (int i = 0; i < packages.Count; i++)
        {
            BulkEnrollPackage package = packages[i];
            Assert.Equal(Path.Combine(temp.Path, package.Name + ".ppkg"), package.Path);
            Assert.Equal(package.Path, package.ToString());
            Assert.Equal(users[i].UserPrincipalName, package.UserPrincipalName);
            Assert.Equal("1.0", package.Version);
            Assert.Equal(BulkEnroll.Commands.NewBulkEnrollPackageCommand.DefaultDiscoveryServiceUrl, package.DiscoveryServiceUrl);
            Assert.Equal(PackageBuilder.Native, package.Builder);
            Assert.Null(package.ProjectPath);
            Assert.Null(package.DecryptionPassword);
            Assert.Equal(new FileInfo(package.Path).Length, package.Size);
            using (FileStream stream = File.OpenRead(package.Path))
            {
                Assert.Equal(Sha256Hex.Of(stream), package.Sha256);
            }

            PackageDefinition expected = PackageKit.Definition(package.PackageId, package.Name, package.UserPrincipalName, i == 0 ? PackageKit.Secret : "Other-Pass1!");
            expected.Wifi = new WifiDefinition("Corp", WifiSecurity.WPA2Personal, PackageKit.Secure(PackageKit.WifiKey));
            PackageKit.AssertWimlibReadsExactly(package.Path, expected);
        }

        Assert.NotEqual(packages[0].PackageId, packages[1].PackageId);
        Assert.Contains(result.Progress, p => p.Activity == "Building provisioning packages");
    }

    [Fact]
    public void EachPackageAndItsSavedProjectAreBuiltOnOneValidationPass()
    {
        using var temp = new TempDirectory();
        var users = new[] { PackageKit.User("windows-bulkenroll-paris@contoso.com"), PackageKit.User("windows-bulkenroll-lyon@contoso.com", "Other-Pass1!") };
        using ValidationPassCounter.Counter counter = ValidationPassCounter.Start();

        var result = _shell.Run("$args[0] | New-BulkEnrollPackage -OutputPath $args[1] -SaveProject", users, temp.Path);

        result.ThrowIfErrors();
        Assert.All(result.All<BulkEnrollPackage>(), p => Assert.NotNull(p.ProjectPath));
        Assert.Equal(2, result.All<BulkEnrollPackage>().Count);
        Assert.Equal(2, counter.Passes);
    }

    [Fact]
    public void EverySettingGoesIntoThePackageAndTheSavedProject()
    {
        using var temp = new TempDirectory();

        var result = _shell.Run(PackageKit.FullCommand + " -SaveProject", PackageKit.FullArguments(temp.Path));

        var package = result.ThrowIfErrors().Single<BulkEnrollPackage>();
        Assert.Equal("Paris", package.Name);
        Assert.Equal("2.1", package.Version);
        Assert.Equal("PAR-%SERIAL%", package.DeviceNameTemplate);
        Assert.Equal(temp.Combine("Paris.customizations.xml"), package.ProjectPath);
        PackageDefinition expected = PackageKit.FullDefinition(package.PackageId);
        PackageKit.AssertWimlibReadsExactly(package.Path, expected);
        Assert.Equal(CustomizationsXmlWriter.Write(expected), File.ReadAllBytes(package.ProjectPath!));
        PackageKit.AssertOnlyFiles(temp.Path, "Paris.ppkg", "Paris.customizations.xml", "Paris.bulkenroll.json");
        Assert.Empty(result.Progress);
    }

    [Fact]
    public void ProjectOnlyWritesJustTheProject()
    {
        using var temp = new TempDirectory();

        var package = _shell.Run("New-BulkEnrollPackage -UserPrincipalName $args[1] -Secret $args[2] -OutputPath $args[0] -ProjectOnly",
            temp.Path, PackageKit.Upn, PackageKit.Secure(PackageKit.Secret)).ThrowIfErrors().Single<BulkEnrollPackage>();

        Assert.Null(package.Builder);
        Assert.Equal(temp.Combine("windows-bulkenroll-paris.customizations.xml"), package.Path);
        Assert.Equal(package.Path, package.ProjectPath);
        Assert.Equal(CustomizationsXmlWriter.Write(PackageKit.Definition(package.PackageId, "windows-bulkenroll-paris")), File.ReadAllBytes(package.Path));
        PackageKit.AssertOwnerOnly(package.Path);
        PackageKit.AssertOnlyFiles(temp.Path, "windows-bulkenroll-paris.customizations.xml", "windows-bulkenroll-paris.bulkenroll.json");
    }

    [Fact]
    public void FilesAreOwnerOnlyAndNoTemporaryFileIsLeft()
    {
        using var temp = new TempDirectory();

        var package = _shell.Run(PackageKit.FullCommand + " -SaveProject", PackageKit.FullArguments(temp.Path)).ThrowIfErrors().Single<BulkEnrollPackage>();

        PackageKit.AssertOwnerOnly(package.Path);
        PackageKit.AssertOwnerOnly(package.ProjectPath!);
        PackageKit.AssertOnlyFiles(temp.Path, "Paris.ppkg", "Paris.customizations.xml", "Paris.bulkenroll.json");
    }

    [Fact]
    public void AnExistingPackageIsKeptWithoutForceAndReplacedWithAFreshIdWithIt()
    {
        using var temp = new TempDirectory();
        var first = _shell.Run(PackageKit.FullCommand, PackageKit.FullArguments(temp.Path)).ThrowIfErrors().Single<BulkEnrollPackage>();
        byte[] before = File.ReadAllBytes(first.Path);

        var refused = _shell.Run(PackageKit.FullCommand, PackageKit.FullArguments(temp.Path));

        var error = refused.Error("PackageExists");
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Contains(first.Path, error.Exception.Message);
        Assert.Contains("-Force", error.Exception.Message);
        Assert.Empty(refused.Output);
        Assert.Equal(before, File.ReadAllBytes(first.Path));

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(first.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var second = _shell.Run(PackageKit.FullCommand + " -Force", PackageKit.FullArguments(temp.Path)).ThrowIfErrors().Single<BulkEnrollPackage>();

        Assert.Equal(first.Path, second.Path);
        Assert.NotEqual(first.PackageId, second.PackageId);
        PackageKit.AssertOwnerOnly(second.Path);
        PackageKit.AssertWimlibReadsExactly(second.Path, PackageKit.FullDefinition(second.PackageId));
        PackageKit.AssertOnlyFiles(temp.Path, "Paris.ppkg", "Paris.bulkenroll.json");
    }

    [Fact]
    public void WhatIfWritesNothingNotEvenTheFolder()
    {
        using var temp = new TempDirectory();
        string folder = temp.Combine("new", "folder");
        _shell.ClearHostText();

        var result = _shell.Run(PackageKit.FullCommand + " -SaveProject -WhatIf", PackageKit.FullArguments(folder));

        Assert.Empty(result.AllErrors);
        Assert.Empty(result.Output);
        Assert.False(Directory.Exists(temp.Combine("new")));
        Assert.Contains("Paris.ppkg", _shell.HostText);
        Assert.Contains("Paris.customizations.xml", _shell.HostText);
    }

    [Fact]
    public void AMissingOutputFolderIsCreatedAndRelativePathsFollowThePowerShellLocation()
    {
        using var temp = new TempDirectory();

        var package = _shell.Run(InLocation("New-BulkEnrollPackage -UserPrincipalName $args[1] -Secret $args[2] -OutputPath ./out/pkg"),
            temp.Path, PackageKit.Upn, PackageKit.Secure(PackageKit.Secret)).ThrowIfErrors().Single<BulkEnrollPackage>();
        Assert.Equal(temp.Combine("out", "pkg", "windows-bulkenroll-paris.ppkg"), package.Path);

        var here = _shell.Run(InLocation("New-BulkEnrollPackage -UserPrincipalName $args[1] -Secret $args[2] -PackageName here"),
            temp.Path, PackageKit.Upn, PackageKit.Secure(PackageKit.Secret)).ThrowIfErrors().Single<BulkEnrollPackage>();
        Assert.Equal(temp.Combine("here.ppkg"), here.Path);
    }

    [Fact]
    public void EachBuildGetsAFreshPackageId()
    {
        using var temp = new TempDirectory();

        var packages = _shell.Run(
            "$a = $args; 1..3 | ForEach-Object { New-BulkEnrollPackage -UserPrincipalName $a[1] -Secret $a[2] -OutputPath $a[0] -PackageName \"p$_\" }",
            temp.Path, PackageKit.Upn, PackageKit.Secure(PackageKit.Secret)).ThrowIfErrors().All<BulkEnrollPackage>();

        Assert.Equal(3, packages.Select(p => p.PackageId).Distinct().Count());
        Assert.All(packages, p => Assert.Equal("{" + p.PackageId.ToString("D") + "}", PackageKit.WimlibImageXml(p.Path).Element("PACKAGEID")!.Value));
    }

    [Fact]
    public void SecretsAppearInNoStreamAndNoOutputProperty()
    {
        using var temp = new TempDirectory();
        var script = "$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; "
            + PackageKit.FullCommand + " -SaveProject; "
            + PackageKit.FullCommand + "; "                                       // PackageExists
            + PackageKit.FullCommand.Replace("-PackageName Paris -Version 2.1", "-PackageName Bad -Version x") + "; " // VersionInvalid
            + "New-BulkEnrollPackage -UserPrincipalName someone@contoso.com -Secret $args[1] -OutputPath $args[0]; "
            + "Get-BulkEnrollPackage -Path ([IO.Path]::Combine($args[0], '*'))";

        var result = _shell.Run(script, PackageKit.FullArguments(temp.Path));

        Assert.Contains(result.Verbose, v => v.Contains("Paris", StringComparison.Ordinal));
        Assert.Contains(result.ErrorIds, id => id.StartsWith("PackageExists", StringComparison.Ordinal));
        Assert.Contains(result.ErrorIds, id => id.StartsWith("VersionInvalid", StringComparison.Ordinal));
        Assert.Contains(result.ErrorIds, id => id.StartsWith("UpnNotBulkEnroll", StringComparison.Ordinal));
        Assert.Equal(2, result.All<BulkEnrollPackageInfo>().Count);
        PackageKit.AssertNoSecret(result.AllText);
        PackageKit.AssertNoSecret(_shell.HostText);
        PackageKit.AssertNoSecret(PackageKit.Everything(result.Output));
    }

    [Fact]
    public void WarningsAreGivenOnceForTheWholePipeline()
    {
        using var temp = new TempDirectory();
        var users = new[] { PackageKit.User("windows-bulkenroll-a@contoso.com"), PackageKit.User("windows-bulkenroll-b@contoso.com") };

        var result = _shell.Run("$args[0] | New-BulkEnrollPackage -OutputPath $args[1] -DeviceNameTemplate 'PARIS-SITE-%SERIAL%'", users, temp.Path);

        Assert.Empty(result.AllErrors);
        Assert.Equal(2, result.All<BulkEnrollPackage>().Count);
        Assert.Single(result.Warnings, w => w.Contains("Wi-Fi", StringComparison.Ordinal));
        Assert.Single(result.Warnings, w => w.Contains("%SERIAL%", StringComparison.Ordinal));
    }

    [Fact]
    public void AnHttpDiscoveryUrlOnLoopbackIsAllowedWithAWarning()
    {
        using var temp = new TempDirectory();

        var result = _shell.Run("New-BulkEnrollPackage -UserPrincipalName $args[1] -Secret $args[2] -OutputPath $args[0] -DiscoveryServiceUrl http://127.0.0.1:5000/EnrollmentServer/Discovery.svc",
            temp.Path, PackageKit.Upn, PackageKit.Secure(PackageKit.Secret));

        var package = result.ThrowIfErrors().Single<BulkEnrollPackage>();
        Assert.Contains(result.Warnings, w => w.Contains("plain HTTP", StringComparison.Ordinal));
        PackageKit.AssertWimlibReadsExactly(package.Path,
            PackageKit.Definition(package.PackageId, package.Name, discoveryUrl: "http://127.0.0.1:5000/EnrollmentServer/Discovery.svc"));
    }

    /// <summary>Runs a command with the PowerShell location (not the process's) at $args[0], then goes back.</summary>
    private static string InLocation(string command) =>
        "$ExecutionContext.SessionState.Path.PushCurrentLocation('t'); $null = $ExecutionContext.SessionState.Path.SetLocation($args[0]); "
        + "try { " + command + " } finally { $null = $ExecutionContext.SessionState.Path.PopLocation('t') }";
}
