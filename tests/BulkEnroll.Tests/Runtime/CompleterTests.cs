using System;
using System.Linq;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Runtime;

public sealed class CompleterTests : SandboxSession
{
    protected override bool ConnectsOnStart => true;

    private string[] Complete(string line)
    {
        var result = Shell.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches | ForEach-Object CompletionText", line).ThrowIfErrors();
        return result.Output.Select(o => o.ToString()!).ToArray();
    }

    [Fact]
    public void GenericUserPrincipalNamesComplete()
    {
        string[] matches = Complete("Get-BulkEnrollUser -UserPrincipalName windows-bulkenroll-user");
        Assert.Equal(Sandbox.Tenant.Snapshot().Accounts.Where(a => a.IsGeneric).Select(a => a.Uid).OrderBy(u => u, StringComparer.OrdinalIgnoreCase), matches);

        Assert.Contains("windows-bulkenroll-user1@contoso.com", Complete("Get-BulkEnrolledDevice -EnrolledBy windows-bulkenroll-user1"));
        Assert.Contains("windows-bulkenroll-user2@contoso.com", Complete("Remove-BulkEnrollUser windows-bulkenroll-user2"));
        Assert.Contains("windows-bulkenroll-user3@contoso.com", Complete("New-BulkEnrollPackage -UserPrincipalName windows-bulkenroll-user3"));
    }

    [Fact]
    public void CompletionIsCachedBriefly()
    {
        Complete("Get-BulkEnrollUser -UserPrincipalName windows-");
        int before = Sandbox.RequestLog.Entries.Count(e => e.Path == "/api/v1/account");
        Complete("Get-BulkEnrollUser -UserPrincipalName windows-bulkenroll-user3");
        Assert.Equal(before, Sandbox.RequestLog.Entries.Count(e => e.Path == "/api/v1/account"));
    }

    [Fact]
    public void DeviceSpacesCompleteAndNeedQuotesWhenTheyHaveSpaces()
    {
        var second = Sandbox.Tenant.Spaces.First(s => s.Name.Contains(' '));
        string[] matches = Complete("Connect-BulkEnroll -DeviceSpace " + second.Name.Substring(0, 3));
        Assert.Contains("'" + second.Name + "'", matches);
        Assert.Contains(Sandbox.Tenant.DefaultSpace.Name, Complete("Get-BulkEnrollDeviceSpace -Name " + Sandbox.Tenant.DefaultSpace.Name.Substring(0, 2)));
    }

    [Fact]
    public void DeviceNamesCompleteFromASearchNotAFullListing()
    {
        var device = Sandbox.Tenant.Snapshot().Devices.First(d => d.IsWindows && d.SpaceId == Sandbox.Tenant.DefaultSpace.Id);
        string prefix = device.DeviceName.Substring(0, device.DeviceName.Length - 2);

        string[] matches = Complete("Get-BulkEnrolledDevice -Name " + prefix);

        Assert.Contains(device.DeviceName, matches);
        Assert.All(matches, m => Assert.StartsWith(prefix, m, StringComparison.OrdinalIgnoreCase));
        var search = Sandbox.RequestLog.Entries.Last(e => e.Path == "/api/v1/device");
        Assert.Contains("rows=50", search.Query);
        Assert.Contains("q=" + Uri.EscapeDataString(prefix), search.Query);
    }

    [Fact]
    public void NothingIsOfferedWhenNotConnectedOrTheTenantIsSlow()
    {
        using var other = new PowerShellSession();
        var offline = other.Run("(TabExpansion2 -inputScript 'Get-BulkEnrollUser -UserPrincipalName windows-' -cursorColumn 41).CompletionMatches").ThrowIfErrors();
        Assert.Empty(offline.Output);

        Sandbox.Controls.Latency = TimeSpan.FromSeconds(4);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string[] slow = Complete("Set-DeviceAssignment -Name XY");
        Assert.Empty(slow);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"Tab took {clock.Elapsed}");
        Sandbox.Controls.Latency = TimeSpan.Zero;
    }

    [Fact]
    public void TheTargetUserOfAnAssignmentCompletesFromTheTenantsRealUsers()
    {
        var real = Sandbox.Tenant.Snapshot().Accounts.First(a => !a.IsGeneric);
        string prefix = real.Uid.Substring(0, 4);

        string[] matches = Complete("Set-DeviceAssignment -Name PC1 -UserPrincipalName " + prefix);

        Assert.Contains(real.Uid, matches);
        Assert.All(matches, m => Assert.StartsWith(prefix, m.Trim('\''), StringComparison.OrdinalIgnoreCase));
        Assert.Empty(Complete("Set-DeviceAssignment -Name PC1 -UserPrincipalName windows-bulkenroll-user")); // devices never go to generic users
        Assert.Contains(Sandbox.RequestLog.Entries, e => e.Path == "/api/v1/account" && e.Query.Contains("q=" + Uri.EscapeDataString(prefix)));
    }

    [Fact]
    public void SerialNumbersCompleteWhereTheTenantFillsThem()
    {
        Sandbox.Controls.WindowsSerialNumberFilled = true;
        var device = Sandbox.Tenant.Snapshot().Devices.First(d => d.IsWindows && d.SpaceId == Sandbox.Tenant.DefaultSpace.Id);
        string prefix = device.HardwareSerial.Substring(0, device.HardwareSerial.Length - 2);

        Assert.Contains(device.HardwareSerial, Complete("Set-DeviceAssignment -SerialNumber " + prefix));
        Assert.Contains(device.HardwareSerial, Complete("Get-BulkEnrolledDevice -SerialNumber " + prefix));
    }

    [Fact]
    public void TypedBracketsAreTextNotAWildcardRange()
    {
        var result = Shell.Run("(TabExpansion2 -inputScript 'Get-BulkEnrolledDevice -Name CTS-[' -cursorColumn 33).CompletionMatches");

        Assert.Empty(result.AllErrors);
        Assert.Empty(result.Output);
    }
}
