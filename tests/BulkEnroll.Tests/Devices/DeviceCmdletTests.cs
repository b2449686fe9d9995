using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using BulkEnroll.Sandbox;
using BulkEnroll.Sandbox.Tenant;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Devices;

public sealed class DeviceCmdletTests : SandboxSession
{
    protected override SandboxOptions Options => new() { DeviceCount = 1600, Seed = 21 };

    protected override bool ConnectsOnStart => true;

    /// <summary>What a listing shows by default: active bulk-enrolled Windows devices of the space (any state with <paramref name="anyState"/>).</summary>
    private List<SandboxDevice> ExpectedBulkDevices(Func<SandboxDevice, bool>? also = null, bool anyState = false)
        => ListedByDefault(anyState).Where(d => also == null || also(d)).ToList();

    [Fact]
    public void ListsEveryBulkEnrolledWindowsDeviceOfTheSpaceAndNothingElse()
    {
        var devices = Shell.Run("Get-BulkEnrolledDevice").ThrowIfErrors().All<BulkEnrolledDevice>();
        var expected = ExpectedBulkDevices();

        Assert.True(expected.Count > 500, "the fleet must span several pages");
        Assert.Equal(expected.Select(d => d.Id).OrderBy(i => i), devices.Select(d => d.Id).OrderBy(i => i));
        var sample = expected[expected.Count / 2];
        var mapped = devices.Single(d => d.Id == sample.Id);
        Assert.Equal(sample.DeviceName, mapped.Name);
        Assert.Equal(sample.Enroller.Uid, mapped.EnrolledBy);
        Assert.Equal(sample.Owner.Id == sample.Enroller.Id ? null : sample.Owner.Uid, mapped.AssignedTo);
        Assert.Equal(sample.Guid.ToString(), mapped.Guid, ignoreCase: true);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(sample.LastCheckin).LocalDateTime, mapped.LastCheckIn);
        Assert.Equal(Sandbox.Tenant.DefaultSpace.Name, mapped.DeviceSpace);
        Assert.All(devices, d => Assert.Null(d.SerialNumber));
        // Without -IncludeSerialNumber not one inventory request is made.
        Assert.DoesNotContain(Sandbox.RequestLog.Entries, e => e.Path.EndsWith("/hardwareinventory", StringComparison.Ordinal));
    }

    [Fact]
    public void UnassignedAndAssignedSplitTheFleet()
    {
        var unassigned = Shell.Run("Get-BulkEnrolledDevice -Unassigned").ThrowIfErrors().All<BulkEnrolledDevice>();
        var assigned = Shell.Run("Get-BulkEnrolledDevice -Assigned").ThrowIfErrors().All<BulkEnrolledDevice>();

        Assert.Equal(ExpectedBulkDevices(d => d.Owner.Id == d.Enroller.Id).Select(d => d.Id), unassigned.Select(d => d.Id).OrderBy(i => i));
        Assert.Equal(ExpectedBulkDevices(d => d.Owner.Id != d.Enroller.Id).Select(d => d.Id), assigned.Select(d => d.Id).OrderBy(i => i));
        Assert.All(unassigned, d => Assert.Null(d.AssignedTo));
        Assert.All(assigned, d => Assert.False(GenericUser.IsGeneric(d.AssignedTo)));
        // -Unassigned is a server-side filter: the owner must still be the enroller.
        Assert.Contains(Sandbox.RequestLog.Entries, e => e.Path == "/api/v1/device" && Uri.UnescapeDataString(e.Query).Contains("ownerId="));
    }

    [Fact]
    public void OnlyAssignableDevicesAreListedUnlessOtherStatesAreAskedFor()
    {
        var inactive = ExpectedBulkDevices(d => d.RegistrationState != RegistrationState.Active, anyState: true);
        Assert.True(inactive.Count > 10, "the seeded fleet must hold retired and pending-retire devices");

        var byDefault = Shell.Run("Get-BulkEnrolledDevice").ThrowIfErrors().All<BulkEnrolledDevice>();
        var unassigned = Shell.Run("Get-BulkEnrolledDevice -Unassigned").ThrowIfErrors().All<BulkEnrolledDevice>();
        var everything = Shell.Run("Get-BulkEnrolledDevice -RegistrationState All").ThrowIfErrors().All<BulkEnrolledDevice>();

        Assert.All(byDefault.Concat(unassigned), d => Assert.Equal("ACTIVE", d.RegistrationState));
        Assert.Equal(ExpectedBulkDevices(anyState: true).Select(d => d.Id), everything.Select(d => d.Id).OrderBy(i => i));
        // The tenant filters the state, so retired devices are not even transferred.
        Assert.Contains(Sandbox.RequestLog.Entries, e => e.Path == "/api/v1/device" && Uri.UnescapeDataString(e.Query).Contains("registrationState=ACTIVE"));
    }

    [Fact]
    public void AssignedAndUnassignedTogetherIsAParameterError()
    {
        var result = Shell.Run("Get-BulkEnrolledDevice -Assigned -Unassigned");
        Assert.Equal(ErrorCategory.InvalidArgument, result.Error("ConflictingFilters").CategoryInfo.Category);
        Assert.Empty(Sandbox.RequestLog.Entries);
    }

    [Fact]
    public void FiltersByEnrollerNameStateAndCheckInTime()
    {
        var byUser = Shell.Run("Get-BulkEnrolledDevice -EnrolledBy 'windows-bulkenroll-user1@*'").ThrowIfErrors().All<BulkEnrolledDevice>();
        Assert.Equal(ExpectedBulkDevices(d => d.Enroller.Uid.StartsWith("windows-bulkenroll-user1@")).Count, byUser.Count);
        Assert.All(byUser, d => Assert.Equal("windows-bulkenroll-user1@contoso.com", d.EnrolledBy));

        var one = ExpectedBulkDevices()[3];
        var byName = Shell.Run("Get-BulkEnrolledDevice -Name $args[0]", one.DeviceName).ThrowIfErrors().All<BulkEnrolledDevice>();
        Assert.Contains(byName, d => d.Id == one.Id);
        Assert.All(byName, d => Assert.Equal(one.DeviceName, d.Name, ignoreCase: true));
        Assert.Contains(Sandbox.RequestLog.Entries, e => Uri.UnescapeDataString(e.Query).Contains("deviceName=" + one.DeviceName));

        string prefix = one.DeviceName.Substring(0, 4);
        var byWildcard = Shell.Run("Get-BulkEnrolledDevice -Name ($args[0] + '*')", prefix).ThrowIfErrors().All<BulkEnrolledDevice>();
        Assert.Equal(ExpectedBulkDevices(d => d.DeviceName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Count, byWildcard.Count);

        var retired = Shell.Run("Get-BulkEnrolledDevice -RegistrationState RETIRED, RETIRE_PENDING").ThrowIfErrors().All<BulkEnrolledDevice>();
        Assert.Equal(ExpectedBulkDevices(d => d.RegistrationState != RegistrationState.Active, anyState: true).Count, retired.Count);

        var all = ExpectedBulkDevices();
        var middle = DateTimeOffset.FromUnixTimeMilliseconds(all.OrderBy(d => d.LastCheckin).ElementAt(all.Count / 2).LastCheckin).LocalDateTime;
        var before = Shell.Run("Get-BulkEnrolledDevice -LastCheckInBefore $args[0]", middle).ThrowIfErrors().All<BulkEnrolledDevice>();
        var after = Shell.Run("Get-BulkEnrolledDevice -LastCheckInAfter $args[0]", middle).ThrowIfErrors().All<BulkEnrolledDevice>();
        Assert.All(before, d => Assert.True(d.LastCheckIn < middle));
        Assert.All(after, d => Assert.True(d.LastCheckIn > middle));
        Assert.Equal(all.Count(d => DateTimeOffset.FromUnixTimeMilliseconds(d.LastCheckin).LocalDateTime < middle), before.Count);
    }

    [Fact]
    public void SerialNumbersComeFromHardwareInventoryOnlyWhenAsked()
    {
        var expected = ExpectedBulkDevices(d => d.Enroller.Uid.StartsWith("windows-bulkenroll-user2@"));
        var devices = Shell.Run("Get-BulkEnrolledDevice -EnrolledBy windows-bulkenroll-user2@contoso.com -IncludeSerialNumber").ThrowIfErrors().All<BulkEnrolledDevice>();

        Assert.Equal(expected.Select(d => d.HardwareSerial), devices.OrderBy(d => d.Id).Select(d => d.SerialNumber));

        var target = expected[expected.Count / 3];
        var bySerial = Shell.Run("Get-BulkEnrolledDevice -SerialNumber $args[0]", target.HardwareSerial.ToLowerInvariant()).ThrowIfErrors().All<BulkEnrolledDevice>();
        Assert.Equal(target.Id, Assert.Single(bySerial).Id);
        Assert.Equal(target.HardwareSerial, bySerial[0].SerialNumber);
    }

    [Fact]
    public void ByIdGivesTheDeviceOrSaysWhyNot()
    {
        var snapshot = Sandbox.Tenant.Snapshot();
        var bulk = ExpectedBulkDevices()[0];
        var direct = snapshot.Devices.First(d => d.IsWindows && !d.IsBulkEnrolled && d.SpaceId == Sandbox.Tenant.DefaultSpace.Id);

        var result = Shell.Run("$args[0], $args[1], 99999999 | Get-BulkEnrolledDevice -IncludeSerialNumber", bulk.Id, direct.Id);

        var device = result.Single<BulkEnrolledDevice>();
        Assert.Equal(bulk.Id, device.Id);
        Assert.Equal(bulk.HardwareSerial, device.SerialNumber);
        Assert.Equal(direct.Id, result.Error("NotBulkEnrolled").TargetObject);
        Assert.Equal(99999999L, result.Error("DeviceNotFound").TargetObject);
    }

    [Fact]
    public void UnknownGenericUserIsReported()
    {
        var result = Shell.Run("Get-BulkEnrolledDevice -EnrolledBy windows-bulkenroll-ghost@contoso.com");
        Assert.Empty(result.Output);
        Assert.Equal(ErrorCategory.ObjectNotFound, result.Error("UserNotFound").CategoryInfo.Category);
    }

    [Fact]
    public void EachMissingGenericUserIsReportedEvenAmongExistingOnes()
    {
        var result = Shell.Run("Get-BulkEnrolledDevice -EnrolledBy windows-bulkenroll-user1@contoso.com, windows-bulkenroll-ghost@contoso.com");

        Assert.Equal(ExpectedBulkDevices(d => d.Enroller.Uid == "windows-bulkenroll-user1@contoso.com").Count, result.All<BulkEnrolledDevice>().Count);
        Assert.Equal("windows-bulkenroll-ghost@contoso.com", result.Error("UserNotFound").TargetObject);
    }

    [Fact]
    public void GenericUsersPipeIntoDeviceListing()
    {
        var devices = Shell.Run("Get-BulkEnrollUser windows-bulkenroll-user3@contoso.com | Get-BulkEnrolledDevice").ThrowIfErrors().All<BulkEnrolledDevice>();
        Assert.Equal(ExpectedBulkDevices(d => d.Enroller.Uid == "windows-bulkenroll-user3@contoso.com").Count, devices.Count);
        Assert.NotEmpty(devices);
    }

    [Fact]
    public void ListingUnderThrottlingAndFaultsStillReturnsEveryDeviceOnce()
    {
        Sandbox.Controls.Update(s => s with { Fault429 = 0.1, Fault500 = 0.05, Fault503 = 0.05, FaultConnectionReset = 0.05 });
        var devices = Shell.Run("Get-BulkEnrolledDevice").ThrowIfErrors().All<BulkEnrolledDevice>();
        Sandbox.Controls.ClearFaults();

        Assert.Equal(ExpectedBulkDevices().Select(d => d.Id), devices.Select(d => d.Id).OrderBy(i => i));
        Assert.Contains(Sandbox.RequestLog.Entries, e => e.Fault != null);
    }
}
