using System;
using System.IO;
using System.Linq;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Packages;

/// <summary>
/// The local administrator password goes to every PC a package provisions: a weak one is refused before any file is
/// written, with the rule it failed and never the value; -AllowWeakPassword lets it through with a warning, and
/// Test-BulkEnrollPackage then reports it as a failed check.
/// </summary>
public sealed class LocalAdminPasswordTests : IDisposable
{
    private const string New = "New-BulkEnrollPackage -UserPrincipalName windows-bulkenroll-user1@contoso.com -Secret $args[1] -OutputPath $args[0] -LocalAdminCredential $args[2] ";
    private readonly PowerShellSession _shell = new();
    private readonly string _out = Directory.CreateTempSubdirectory("bulkenroll-weakpw-").FullName;

    public void Dispose()
    {
        _shell.Dispose();
        Directory.Delete(_out, recursive: true);
    }

    private ScriptResult Build(string user, string password, string extra = "")
        => _shell.Run(New + extra, _out, SandboxSession.Secure("Generic-Pass-42"), SandboxSession.Credential(user, password));

    [Theory]
    [InlineData("localadmin", "a", "fewer than 8 characters")]
    [InlineData("localadmin", "Abcdefg", "fewer than 8 characters")]
    [InlineData("localadmin", "abcdefgh1", "at least 3 of")]
    [InlineData("localadmin", "ABCDEFGH!", "at least 3 of")]
    [InlineData("admin", "MyAdmin-2024", "contains the account name 'admin'")]
    public void AWeakPasswordIsRefusedNamingTheRuleNotTheValue(string user, string password, string rule)
    {
        ScriptResult result = Build(user, password);

        var error = result.Error("WeakLocalAdminPassword");
        Assert.Contains(rule, error.Exception.Message);
        Assert.Contains("-AllowWeakPassword", error.Exception.Message);
        if (password.Length > 3) // a one-letter password is in every sentence
        {
            Assert.DoesNotContain(password, result.AllText);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(_out));
    }

    [Fact]
    public void AStrongPasswordBuildsWithoutAWarning()
    {
        ScriptResult result = Build("localadmin", "Adm1n-Pass-2024").ThrowIfErrors();

        Assert.Single(result.All<BulkEnrollPackage>());
        Assert.DoesNotContain(result.Warnings, w => w.Contains("password", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void TheLabSwitchBuildsWithAWarningAndTestBulkEnrollPackageFailsTheCheck()
    {
        ScriptResult result = Build("localadmin", "labpass", "-AllowWeakPassword").ThrowIfErrors();

        string warning = Assert.Single(result.Warnings, w => w.Contains("-AllowWeakPassword", StringComparison.Ordinal));
        Assert.Contains("fewer than 8 characters", warning);
        Assert.DoesNotContain("labpass", warning);
        string path = result.Single<BulkEnrollPackage>().Path;

        var check = _shell.Run("Test-BulkEnrollPackage $args[0]", path).ThrowIfErrors().All<PackageTestResult>().Single(r => r.Check == "LocalAdminPassword");
        Assert.Equal(PackageCheckStatus.Failed, check.Result);
        Assert.Contains("fewer than 8 characters", check.Message);
        Assert.DoesNotContain("labpass", check.Message);
    }
}
