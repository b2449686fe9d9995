using System;
using System.IO;
using System.Linq;
using BulkEnroll.Packaging.Payload;
using BulkEnroll.Packaging.Tests.Wim;
using BulkEnroll.Tests.Hosting;
using BulkEnroll.Tests.Packages;
using Xunit;

namespace BulkEnroll.Tests.Users;

/// <summary>Reset-BulkEnrollUserPassword (issue 18): the tenant takes the new password and refuses the old one.</summary>
public sealed class PasswordResetTests : SandboxSession
{
    protected override bool ConnectsOnStart => true;

    [Fact]
    public void TheNewPasswordWorksTheOldOneNoLongerDoesAndTheAccountIsKept()
    {
        var created = Shell.Run("New-BulkEnrollUser -Name rotate -Domain contoso.com").ThrowIfErrors().Single<BulkEnrollUser>();
        string old = created.Credential!.GetNetworkCredential().Password;
        Sandbox.RequestLog.Clear();

        var reset = Shell.Run("Reset-BulkEnrollUserPassword $args[0] -PasswordLength 24 -Confirm:$false", created.UserPrincipalName).ThrowIfErrors().Single<BulkEnrollUser>();

        string now = reset.Credential!.GetNetworkCredential().Password;
        Assert.Equal(24, now.Length);
        Assert.NotEqual(old, now);
        Assert.Equal(created.Id, reset.Id);
        Assert.True(Sandbox.Tenant.CheckPassword(created.UserPrincipalName, now));
        Assert.False(Sandbox.Tenant.CheckPassword(created.UserPrincipalName, old));
        // One change, no delete, and the password redacted in the log.
        var put = Assert.Single(Sandbox.RequestLog.Entries, e => e.Method != "GET");
        Assert.Equal(("PUT", "/api/v1/accounts"), (put.Method, put.Path));
        Assert.Equal("***", put.Form["accounts[0].password"]);
    }

    [Fact]
    public void WhatIfChangesNothing()
    {
        var created = Shell.Run("New-BulkEnrollUser -Name rotate-whatif -Domain contoso.com").ThrowIfErrors().Single<BulkEnrollUser>();
        Sandbox.RequestLog.Clear();

        var result = Shell.Run("Reset-BulkEnrollUserPassword $args[0] -WhatIf", created.UserPrincipalName).ThrowIfErrors();

        Assert.Empty(result.Output);
        Assert.DoesNotContain(Sandbox.RequestLog.Entries, e => e.Method != "GET");
        Assert.True(Sandbox.Tenant.CheckPassword(created.UserPrincipalName, created.Credential!.GetNetworkCredential().Password));
    }

    /// <summary>A generic user with two packages in two folders: Wi-Fi and a local administrator in one, a project file in the other.</summary>
    private (BulkEnrollUser User, string Folder, BulkEnrollPackage[] Packages) UserWithPackages(TempDirectory temp, string name)
    {
        var user = Shell.Run("New-BulkEnrollUser -Name $args[0] -Domain contoso.com", name).ThrowIfErrors().Single<BulkEnrollUser>();
        string site = Directory.CreateDirectory(temp.Combine("site")).FullName;
        var first = Shell.Run("$args[0] | New-BulkEnrollPackage -OutputPath $args[1] -DiscoveryServiceUrl $args[2] -DeviceNameTemplate 'ROT-%SERIAL%' -WifiSsid Corp -WifiKey $args[3] -LocalAdminCredential $args[4] -Version 3.0",
            user, temp.Path, Sandbox.BaseAddress.ToString(), PackageKit.Secure(PackageKit.WifiKey), PackageKit.Credential("localadmin", PackageKit.AdminPassword)).ThrowIfErrors().Single<BulkEnrollPackage>();
        var second = Shell.Run("$args[0] | New-BulkEnrollPackage -OutputPath $args[1] -DiscoveryServiceUrl $args[2] -PackageName Site2 -SaveProject",
            user, site, Sandbox.BaseAddress.ToString()).ThrowIfErrors().Single<BulkEnrollPackage>();
        return (user, temp.Path, new[] { first, second });
    }

    [Fact]
    public void WithPathTheUsersPackagesAreRebuiltFromTheirDefinitionsWithTheNewPassword()
    {
        using var temp = new TempDirectory();
        var (user, folder, before) = UserWithPackages(temp, "rebuild");
        string oldHash = File.ReadAllText(before[1].ProjectPath!);
        Sandbox.RequestLog.Clear();

        var rebuilt = Shell.Run("Reset-BulkEnrollUserPassword $args[0] -Path $args[1] -Recurse -WifiKey $args[2] -LocalAdminCredential $args[3] -Confirm:$false",
            user.UserPrincipalName, folder, PackageKit.Secure(PackageKit.WifiKey), PackageKit.Credential("localadmin", PackageKit.AdminPassword)).ThrowIfErrors().All<BulkEnrollPackage>();

        Assert.Equal(before.Select(p => p.Path).OrderBy(p => p), rebuilt.Select(p => p.Path).OrderBy(p => p));
        Assert.Single(Sandbox.RequestLog.Entries, e => e.Method != "GET");
        // The password inside the rebuilt package is the one the tenant now takes, and the old one is refused.
        string password = BulkEnroll.Packaging.Secrets.SecretText.Reveal(BulkEnroll.Packaging.PackageFileReader.Read(rebuilt[0].Path).Definition.Enrollment!.Secret);
        Assert.True(Sandbox.Tenant.CheckPassword(user.UserPrincipalName, password));
        Assert.False(Sandbox.Tenant.CheckPassword(user.UserPrincipalName, user.Credential!.GetNetworkCredential().Password));
        foreach (BulkEnrollPackage package in rebuilt)
        {
            BulkEnrollPackage old = before.Single(p => p.Path == package.Path);
            Assert.NotEqual(old.PackageId, package.PackageId);
            Assert.NotEqual(old.Sha256, package.Sha256);
            Assert.Equal((old.Name, old.Version, old.DeviceNameTemplate, old.DefinitionPath), (package.Name, package.Version, package.DeviceNameTemplate, package.DefinitionPath));
        }

        // Byte for byte what New-BulkEnrollPackage builds from the same settings and the new password.
        var main = rebuilt.Single(p => p.Name == before[0].Name);
        var expected = PackageKit.Definition(main.PackageId, main.Name, user.UserPrincipalName, password, Sandbox.BaseAddress.ToString());
        expected.Version = "3.0";
        expected.ComputerNameTemplate = "ROT-%SERIAL%";
        expected.Wifi = new WifiDefinition("Corp", WifiSecurity.WPA2Personal, PackageKit.Secure(PackageKit.WifiKey));
        expected.LocalAccount = new LocalAccountDefinition("localadmin", PackageKit.Secure(PackageKit.AdminPassword));
        PackageKit.AssertWimlibReadsExactly(main.Path, expected);
        var site = rebuilt.Single(p => p.Name == "Site2");
        Assert.NotNull(site.ProjectPath);
        Assert.NotEqual(oldHash, File.ReadAllText(site.ProjectPath!));
        Assert.Contains(System.Security.SecurityElement.Escape(password), File.ReadAllText(site.ProjectPath!));
    }

    [Fact]
    public void WhatIfListsThePackagesItWouldRebuildAndChangesNothing()
    {
        using var temp = new TempDirectory();
        var (user, folder, before) = UserWithPackages(temp, "rebuild-whatif");
        Sandbox.RequestLog.Clear();
        Shell.ClearHostText();

        var result = Shell.Run("Reset-BulkEnrollUserPassword $args[0] -Path $args[1] -Recurse -WifiKey $args[2] -LocalAdminCredential $args[3] -WhatIf",
            user.UserPrincipalName, folder, PackageKit.Secure(PackageKit.WifiKey), PackageKit.Credential("localadmin", PackageKit.AdminPassword)).ThrowIfErrors();

        Assert.Empty(result.Output);
        string whatIf = Shell.HostText;
        Assert.Contains("rebuild 2 packages", whatIf);
        foreach (BulkEnrollPackage package in before)
        {
            Assert.Contains(package.Path, whatIf);
            Assert.Equal(package.Sha256, BulkEnroll.Packaging.Sha256Hex.Of(File.ReadAllBytes(package.Path)));
        }

        Assert.DoesNotContain(Sandbox.RequestLog.Entries, e => e.Method != "GET");
        Assert.True(Sandbox.Tenant.CheckPassword(user.UserPrincipalName, user.Credential!.GetNetworkCredential().Password));
    }

    [Fact]
    public void AMissingSecretKeepsThePasswordAndEveryPackageAsTheyWere()
    {
        using var temp = new TempDirectory();
        var (user, folder, before) = UserWithPackages(temp, "rebuild-nokey");
        Sandbox.RequestLog.Clear();

        var result = Shell.Run("Reset-BulkEnrollUserPassword $args[0] -Path $args[1] -Recurse -LocalAdminCredential $args[2] -Confirm:$false",
            user.UserPrincipalName, folder, PackageKit.Credential("localadmin", PackageKit.AdminPassword));

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("WifiKeyRequired,", error.FullyQualifiedErrorId);
        Assert.Contains("'Corp'", error.Exception.Message);
        Assert.Contains(before[0].Path, error.Exception.Message);
        Assert.Contains("-WifiKey", error.ErrorDetails.RecommendedAction);
        Assert.Empty(Sandbox.RequestLog.Entries);
        Assert.True(Sandbox.Tenant.CheckPassword(user.UserPrincipalName, user.Credential!.GetNetworkCredential().Password));
        Assert.All(before, p => Assert.Equal(p.Sha256, BulkEnroll.Packaging.Sha256Hex.Of(File.ReadAllBytes(p.Path))));
    }

    [Fact]
    public void ALabPackageBuiltWithAWeakAdministratorPasswordIsRebuiltWithTheSameWarning()
    {
        using var temp = new TempDirectory();
        var user = Shell.Run("New-BulkEnrollUser -Name rebuild-lab -Domain contoso.com").ThrowIfErrors().Single<BulkEnrollUser>();
        var weak = PackageKit.Credential("labadmin", "lab");
        Shell.Run("$args[0] | New-BulkEnrollPackage -OutputPath $args[1] -DiscoveryServiceUrl $args[2] -LocalAdminCredential $args[3] -AllowWeakPassword -WarningAction SilentlyContinue",
            user, temp.Path, Sandbox.BaseAddress.ToString(), weak).ThrowIfErrors();

        var result = Shell.Run("Reset-BulkEnrollUserPassword $args[0] -Path $args[1] -LocalAdminCredential $args[2] -Confirm:$false", user.UserPrincipalName, temp.Path, weak);

        result.ThrowIfErrors();
        Assert.Single(result.All<BulkEnrollPackage>());
        Assert.Contains(result.Warnings, w => w.Contains("'labadmin'", StringComparison.Ordinal) && w.Contains("lab only", StringComparison.Ordinal));
    }
}
