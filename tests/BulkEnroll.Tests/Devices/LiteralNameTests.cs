using System.Linq;
using System.Threading.Tasks;
using BulkEnroll.Sandbox;
using BulkEnroll.Sandbox.Tenant;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Devices;

/// <summary>
/// Names with wildcard characters in them (a tenant holds whatever names its devices reported): -LiteralName and a
/// backtick-escaped -Name find them exactly, an unescaped '[' is a pattern error that names the value, and the names
/// of the cmdlets that take no wildcards are matched as typed.
/// </summary>
public sealed class LiteralNameTests : SandboxSession
{
    protected override SandboxOptions Options => new() { DeviceCount = 60, Seed = 41 };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Connect().ThrowIfErrors();
        long generic = Sandbox.Tenant.Snapshot().Accounts.First(a => a.IsGeneric).Id;
        Sandbox.Tenant.RegisterEnrolledDevice(new NewWindowsDevice("CTS-[1]", "BRACKET1", "EliteBook", "HP", "10.0.26100.2314", generic));
        Sandbox.Tenant.RegisterEnrolledDevice(new NewWindowsDevice("CTS-1", "PLAIN1", "EliteBook", "HP", "10.0.26100.2314", generic));
    }

    private string[] Names(string arguments)
        => Shell.Run("Get-BulkEnrolledDevice " + arguments).ThrowIfErrors().All<BulkEnrolledDevice>().Select(d => d.Name!).ToArray();

    [Fact]
    public void LiteralNameAndAnEscapedNameFindTheNameWithBrackets()
    {
        Assert.Equal(new[] { "CTS-[1]" }, Names("-LiteralName 'CTS-[1]'"));
        Assert.Equal(new[] { "CTS-[1]" }, Names("-Name 'CTS-`[1`]'"));
        Assert.Equal(new[] { "CTS-1" }, Names("-Name 'CTS-[1]'")); // a range, as documented for -Name
    }

    [Fact]
    public void AnUnclosedBracketIsAPatternErrorNamingTheValueAndTheFix()
    {
        var error = Shell.Run("Get-BulkEnrolledDevice -Name 'CTS-['").Error("InvalidWildcardPattern");

        Assert.Contains("'CTS-['", error.Exception.Message);
        Assert.Contains("-LiteralName", error.Exception.Message);
        Assert.Contains("'CTS-`['", error.Exception.Message);
    }

    [Fact]
    public void SetDeviceAssignmentTakesTheNameAsTyped()
    {
        var result = Shell.Run("Set-DeviceAssignment -Name 'CTS-[1]' -UserPrincipalName $args[0] -WhatIf",
            Sandbox.Tenant.Snapshot().Accounts.First(a => !a.IsGeneric).Uid).ThrowIfErrors();

        Assert.Empty(result.AllErrors);
    }
}
