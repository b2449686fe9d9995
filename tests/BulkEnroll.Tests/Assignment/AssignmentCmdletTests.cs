using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using BulkEnroll.Assignment;
using BulkEnroll.Sandbox;
using Xunit;

namespace BulkEnroll.Tests.Assignment;

public sealed class AssignmentCmdletTests : AssignmentSession
{
    protected override SandboxOptions Options => new() { DeviceCount = 1200, Seed = 33, Controls = new SandboxControlSettings { ReassignmentDelay = TimeSpan.FromMilliseconds(50) } };

    protected override bool ConnectsOnStart => true;

    private IEnumerable<RequestLogEntry> Reassignments => Sandbox.RequestLog.Entries.Where(e => e.Method == "PUT" && e.Path == "/api/v1/device/updateAccount");

    private static PSObject Row(params (string Name, object? Value)[] columns)
    {
        var row = new PSObject();
        foreach (var (name, value) in columns)
        {
            row.Properties.Add(new PSNoteProperty(name, value));
        }

        return row;
    }

    [Fact]
    public void DevicesFromGetBulkEnrolledDeviceAreAssignedAndVerified()
    {
        var devices = FreshDevices(3);
        var user = RealUser();

        var results = Shell.Run("$args[0] | Get-BulkEnrolledDevice | Set-DeviceAssignment -UserPrincipalName $args[1]",
            devices.Select(d => d.Id).ToArray(), user.Uid).ThrowIfErrors().All<DeviceAssignmentResult>();

        Assert.Equal(3, results.Count);
        Assert.All(results, r =>
        {
            Assert.Equal(DeviceAssignmentStatus.Assigned, r.Status);
            Assert.Equal(user.Uid, r.UserPrincipalName);
            Assert.True(GenericUser.IsGeneric(r.PreviousUser));
        });
        foreach (var device in devices)
        {
            var now = Sandbox.Tenant.GetDevice(device.Id)!;
            Assert.Equal(user.Id, now.Owner.Id);
            Assert.Equal(device.Enroller.Id, now.Enroller.Id);
            Assert.Equal(1, now.ReassignmentRequests);
        }
    }

    [Fact]
    public void CsvRowsWithTheHeadersPeopleUseJustWork()
    {
        var devices = FreshDevices(4);
        var users = Enumerable.Range(0, 4).Select(_ => RealUser()).ToList();
        var rows = new[]
        {
            Row(("Serial Number", devices[0].HardwareSerial), ("Assigned User", users[0].Uid)),
            Row(("ComputerName", devices[1].DeviceName), ("UPN", users[1].Uid)),
            Row(("DeviceId", devices[2].Id.ToString()), ("EmailAddress", users[2].Uid)),
            Row(("Serial", devices[3].HardwareSerial.ToLowerInvariant()), ("User", users[3].Uid), ("Notes", "desk 4")),
        };

        var result = Shell.Run("$args[0] | Set-DeviceAssignment", (object)rows).ThrowIfErrors();

        var results = result.All<DeviceAssignmentResult>();
        Assert.Equal(4, results.Count);
        Assert.All(results, r => Assert.Equal(DeviceAssignmentStatus.Assigned, r.Status));
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(users[i].Id, Sandbox.Tenant.GetDevice(devices[i].Id)!.Owner.Id);
        }
    }

    [Fact]
    public void ReRunningIsSafeAlreadyAssignedDevicesSendNothing()
    {
        var devices = FreshDevices(3);
        var user = RealUser();
        object[] ids = devices.Select(d => (object)d.Id).ToArray();
        Shell.Run("$args[0] | Set-DeviceAssignment -UserPrincipalName $args[1]", ids, user.Uid).ThrowIfErrors();
        Sandbox.RequestLog.Clear();

        var again = Shell.Run("$upn = $args[1]; $args[0] | ForEach-Object { [pscustomobject]@{ Id = $_; UserPrincipalName = $upn } } | Set-DeviceAssignment", ids, user.Uid)
            .ThrowIfErrors().All<DeviceAssignmentResult>();

        Assert.All(again, r => Assert.Equal(DeviceAssignmentStatus.AlreadyAssigned, r.Status));
        Assert.Empty(Reassignments);
        Assert.All(devices, d => Assert.Equal(1, Sandbox.Tenant.GetDevice(d.Id)!.ReassignmentRequests));
    }

    [Fact]
    public void PipingTheSameDeviceObjectsAgainSendsNothing()
    {
        var devices = FreshDevices(2);
        var user = RealUser();
        object[] ids = devices.Select(d => (object)d.Id).ToArray();

        // The objects are kept in a variable, as an admin does, and piped twice: the second run must not trust
        // what they said before the first one changed the tenant.
        var results = Shell.Run("$global:waiting = $args[0] | Get-BulkEnrolledDevice; $global:waiting | Set-DeviceAssignment -UserPrincipalName $args[1]; "
            + "$global:waiting | Set-DeviceAssignment -UserPrincipalName $args[1]", ids, user.Uid).ThrowIfErrors().All<DeviceAssignmentResult>();

        Assert.Equal(new[] { DeviceAssignmentStatus.Assigned, DeviceAssignmentStatus.Assigned, DeviceAssignmentStatus.AlreadyAssigned, DeviceAssignmentStatus.AlreadyAssigned },
            results.Select(r => r.Status));
        Assert.All(devices, d => Assert.Equal(1, Sandbox.Tenant.GetDevice(d.Id)!.ReassignmentRequests));
        Assert.All(Shell.Run("$global:waiting").All<BulkEnrolledDevice>(), d => Assert.Equal(user.Uid, d.AssignedTo));
    }

    [Fact]
    public void RulesAreEnforcedPerItemAndNothingIsSentForBrokenRows()
    {
        var snapshot = Sandbox.Tenant.Snapshot();
        var direct = snapshot.Devices.First(d => d.IsWindows && !d.IsBulkEnrolled && d.SpaceId == Sandbox.Tenant.DefaultSpace.Id);
        var good = FreshDevices(1)[0];
        var user = RealUser();
        var generic = snapshot.Accounts.First(a => a.IsGeneric);
        var rows = new[]
        {
            Row(("Id", direct.Id), ("UserPrincipalName", user.Uid)),
            Row(("Id", 99999999), ("UserPrincipalName", user.Uid)),
            Row(("Id", good.Id), ("UserPrincipalName", "nobody@contoso.com")),
            Row(("Id", good.Id), ("UserPrincipalName", generic.Uid)),
            Row(("Id", good.Id), ("UserPrincipalName", "not an upn")),
            Row(("Notes", "no device named"), ("UserPrincipalName", user.Uid)),
        };

        var result = Shell.Run("$args[0] | Set-DeviceAssignment", (object)rows);

        Assert.Equal(direct.Id, result.Error("NotBulkEnrolled").TargetObject is PSObject p ? Convert.ToInt64(p.Properties["Id"].Value) : -1);
        Assert.Equal(ErrorCategory.ObjectNotFound, result.Error("DeviceNotFound").CategoryInfo.Category);
        Assert.Equal(ErrorCategory.ObjectNotFound, result.Error("UserNotFound").CategoryInfo.Category);
        Assert.Equal(ErrorCategory.InvalidArgument, result.Error("TargetIsGenericUser").CategoryInfo.Category);
        Assert.Equal(ErrorCategory.InvalidArgument, result.Error("InvalidUserPrincipalName").CategoryInfo.Category);
        Assert.Equal(ErrorCategory.InvalidArgument, result.Error("DeviceNotIdentified").CategoryInfo.Category);
        Assert.All(result.All<DeviceAssignmentResult>(), r => Assert.Equal(DeviceAssignmentStatus.Failed, r.Status));
        Assert.Equal(6, result.All<DeviceAssignmentResult>().Count);
        Assert.Empty(Reassignments);
        Assert.Equal(good.Owner.Id, Sandbox.Tenant.GetDevice(good.Id)!.Owner.Id);
    }

    [Fact]
    public void AnIdColumnThatIsNotANumberFailsItsRowAndCountsInTheSummary()
    {
        var good = FreshDevices(1)[0];
        var user = RealUser();
        var rows = new[]
        {
            Row(("Device Id", "PC-0042"), ("Device Name", "PC-0042"), ("UPN", user.Uid)),
            Row(("Device Id", good.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("UPN", user.Uid)),
        };

        var result = Shell.Run("$args[0] | Set-DeviceAssignment -Verbose", (object)rows);

        var error = result.Error("InvalidDeviceId");
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("'PC-0042' is not a device id", error.Exception.Message);
        var results = result.All<DeviceAssignmentResult>();
        var refused = Assert.Single(results, r => r.Status == DeviceAssignmentStatus.Failed);
        Assert.Equal("PC-0042", refused.DeviceName);
        Assert.Equal(user.Uid, refused.UserPrincipalName);
        Assert.Single(results, r => r.Status == DeviceAssignmentStatus.Assigned && r.DeviceId == good.Id);
        Assert.Contains(result.Verbose, v => v.StartsWith("Set-DeviceAssignment: 1 assigned, 0 already assigned, 0 initiated, 0 not enrolled yet, 1 failed, 0 skipped of 2", StringComparison.Ordinal));
        Assert.Single(Reassignments);
    }

    [Fact]
    public void TheSameDeviceTwiceInOneRunIsAssignedOnce()
    {
        var device = FreshDevices(1)[0];
        var user = RealUser();
        var rows = new[] { Row(("Id", device.Id), ("UPN", user.Uid)), Row(("Id", device.Id), ("UPN", user.Uid)) };

        var result = Shell.Run("$args[0] | Set-DeviceAssignment -ThrottleLimit 1", (object)rows);

        var statuses = result.All<DeviceAssignmentResult>().Select(r => r.Status).OrderBy(s => s).ToList();
        Assert.Contains(DeviceAssignmentStatus.Assigned, statuses);
        Assert.Contains(statuses, s => s == DeviceAssignmentStatus.Skipped || s == DeviceAssignmentStatus.AlreadyAssigned);
        Assert.Equal(1, Sandbox.Tenant.GetDevice(device.Id)!.ReassignmentRequests);
    }

    [Fact]
    public void ADevicesOwnAssignedToIsNeverTakenAsTheTargetUser()
    {
        var device = Sandbox.Tenant.Snapshot().Devices.First(d => d.IsBulkEnrolled && d.SpaceId == Sandbox.Tenant.DefaultSpace.Id && d.Owner.Id != d.Enroller.Id);

        var result = Shell.Run("Get-BulkEnrolledDevice -Id $args[0] | Set-DeviceAssignment", device.Id);

        Assert.Equal(DeviceAssignmentStatus.Failed, Assert.Single(result.All<DeviceAssignmentResult>()).Status);
        Assert.StartsWith("UserNotGiven,", Assert.Single(result.AllErrors).FullyQualifiedErrorId);
        Assert.Empty(Reassignments);
    }

    [Fact]
    public void WhatIfSendsNothing()
    {
        var devices = FreshDevices(5);
        var user = RealUser();

        var result = Shell.Run("$args[0] | Get-BulkEnrolledDevice | Set-DeviceAssignment -UserPrincipalName $args[1] -WhatIf",
            devices.Select(d => d.Id).ToArray(), user.Uid).ThrowIfErrors();

        Assert.Empty(result.All<DeviceAssignmentResult>());
        Assert.Empty(Reassignments);
        Assert.DoesNotContain(Sandbox.RequestLog.Entries, e => e.Method != "GET");
        Assert.Contains("What if:", Shell.HostText);
        Assert.All(devices, d => Assert.Equal(d.Owner.Id, Sandbox.Tenant.GetDevice(d.Id)!.Owner.Id));
    }

    [Fact]
    public void AtMostTenDevicesGoInOneRequest()
    {
        var devices = FreshDevices(25);
        var user = RealUser();

        var results = Shell.Run("$args[0] | Set-DeviceAssignment -UserPrincipalName $args[1]", devices.Select(d => (object)d.Id).ToArray(), user.Uid)
            .ThrowIfErrors().All<DeviceAssignmentResult>();

        Assert.Equal(25, results.Count(r => r.Status == DeviceAssignmentStatus.Assigned));
        // Leave out the connection's one probe of the multi-id form (ids no device has: AssignmentVariantTests).
        var calls = Reassignments.Where(c => c.Form["deviceIds"] != "2147483646,2147483647").ToList();
        Assert.InRange(calls.Count, 3, 6);
        Assert.All(calls, c => Assert.InRange(c.Form["deviceIds"].Split(',').Length, 1, 10));
        Assert.Equal(25, calls.Sum(c => c.Form["deviceIds"].Split(',').Length));
    }

    [Fact]
    public void ThrottlingAndServerFaultsAreAbsorbedAndNoDeviceIsReassignedTwice()
    {
        var devices = FreshDevices(40);
        var user = RealUser();
        Sandbox.Controls.Update(s => s with { Fault429 = 0.1, Fault500 = 0.07, Fault502 = 0.05, Fault503 = 0.05, FaultConnectionReset = 0.05, PostProcessingFaultShare = 0.5 });

        var result = Shell.Run("$args[0] | Set-DeviceAssignment -UserPrincipalName $args[1] -BatchSize 3", devices.Select(d => (object)d.Id).ToArray(), user.Uid);
        Sandbox.Controls.ClearFaults();

        Assert.Empty(result.AllErrors);
        Assert.Equal(40, result.All<DeviceAssignmentResult>().Count(r => r.Status == DeviceAssignmentStatus.Assigned));
        Assert.Contains(Sandbox.RequestLog.Entries, e => e.Fault != null && e.Path == "/api/v1/device/updateAccount");
        Assert.All(devices, d =>
        {
            var now = Sandbox.Tenant.GetDevice(d.Id)!;
            Assert.Equal(user.Id, now.Owner.Id);
            Assert.Equal(1, now.ReassignmentRequests);
            Assert.Equal(1, now.SuccessfulReassignments);
        });
    }

    [Fact]
    public void ATenantSideFailureIsReportedNamingTheDevice()
    {
        var device = FreshDevices(1)[0];
        var user = RealUser();
        Sandbox.Controls.ReassignmentFailureRate = 1.0;

        var result = Shell.Run("Set-DeviceAssignment -Id $args[0] -UserPrincipalName $args[1]", device.Id, user.Uid);
        Sandbox.Controls.ReassignmentFailureRate = 0;

        var error = result.Error("ReassignmentFailed");
        Assert.Contains(device.DeviceName, error.Exception.Message);
        Assert.Equal(DeviceAssignmentStatus.Failed, result.Single<DeviceAssignmentResult>().Status);
        Assert.Equal(device.Enroller.Id, Sandbox.Tenant.GetDevice(device.Id)!.Owner.Id);
    }

    [Fact]
    public void NoWaitReturnsOnceTheTenantAcceptedTheRequest()
    {
        var device = FreshDevices(1)[0];
        var user = RealUser();
        Sandbox.Controls.ReassignmentDelay = TimeSpan.FromSeconds(2);

        var result = Shell.Run("Set-DeviceAssignment -Id $args[0] -UserPrincipalName $args[1] -NoWait", device.Id, user.Uid).ThrowIfErrors();
        Sandbox.Controls.ReassignmentDelay = TimeSpan.FromMilliseconds(50);

        Assert.Equal(DeviceAssignmentStatus.Initiated, result.Single<DeviceAssignmentResult>().Status);
        Assert.Equal(1, Sandbox.Tenant.GetDevice(device.Id)!.ReassignmentRequests);
    }

    [Fact]
    public void VerboseTellsTheStoryOfEachBatchAndProgressCounts()
    {
        var devices = FreshDevices(12);
        var user = RealUser();

        var result = Shell.Run("$args[0] | Set-DeviceAssignment -UserPrincipalName $args[1] -Verbose", devices.Select(d => (object)d.Id).ToArray(), user.Uid).ThrowIfErrors();

        Assert.Contains(result.Verbose, v => v.StartsWith("Batch 1: assigning", StringComparison.Ordinal) && v.Contains(user.Uid));
        Assert.Contains(result.Verbose, v => v.Contains("the tenant accepted"));
        Assert.Contains(result.Verbose, v => v.Contains("finished in"));
        Assert.Contains(result.Verbose, v => v.StartsWith("Set-DeviceAssignment: 12 assigned", StringComparison.Ordinal));
        Assert.Contains(result.Progress, p => p.Activity == "Assigning devices" && p.StatusDescription.Contains("assigned"));
    }

    [Fact]
    public void ErrorActionStopEndsTheRunAtOnceWithTheRowsError()
    {
        // Devices found by serial; the bad row's error stops the pipeline while other rows' ShouldProcess questions
        // may be queued: those must be dropped, not awaited (the run used to hang 30 s, about one run in six).
        for (int run = 0; run < 6; run++)
        {
            var devices = FreshDevices(2);
            var user = RealUser();
            var rows = new[]
            {
                Row(("Serial Number", devices[0].HardwareSerial), ("UPN", user.Uid)),
                Row(("Serial Number", "NO-SUCH-SERIAL"), ("UPN", user.Uid)),
                Row(("Serial Number", devices[1].HardwareSerial), ("UPN", user.Uid)),
            };

            var took = System.Diagnostics.Stopwatch.StartNew();
            var result = Shell.Run("$args[0] | Set-DeviceAssignment -NotEnrolledAsError -ErrorAction Stop", (object)rows);
            took.Stop();

            var error = result.Error("DeviceNotFound");
            Assert.Equal("NO-SUCH-SERIAL", ((PSObject)error.TargetObject).Properties["Serial Number"].Value);
            Assert.True(took.Elapsed < TimeSpan.FromSeconds(10), $"run {run} took {took.Elapsed}");
        }
    }

    [Fact]
    public void StoppingMidRunStopsAtOnceAndARerunFinishesWithoutRepeatingAnything()
    {
        var devices = FreshDevices(30);
        var user = RealUser();
        object[] ids = devices.Select(d => (object)d.Id).ToArray();
        Sandbox.Controls.Latency = TimeSpan.FromMilliseconds(150);

        using (var running = Shell.Start("$args[0] | Set-DeviceAssignment -UserPrincipalName $args[1] -ThrottleLimit 1 -BatchSize 2", ids, user.Uid))
        {
            SpinWait.SpinUntil(() => Reassignments.Count() >= 2, TimeSpan.FromSeconds(20));
            TimeSpan stopTook = running.Stop();
            Assert.True(stopTook < TimeSpan.FromSeconds(3), $"stop took {stopTook}");
            Assert.Equal(System.Management.Automation.PSInvocationState.Stopped, running.State);
        }

        Sandbox.Controls.Latency = TimeSpan.Zero;
        int doneBefore = devices.Count(d => Sandbox.Tenant.GetDevice(d.Id)!.ReassignmentRequests > 0);
        Assert.InRange(doneBefore, 1, 29);
        // Let reassignments the first run started finish, as they would on a tenant.
        SpinWait.SpinUntil(() => Sandbox.PendingReassignments == 0, TimeSpan.FromSeconds(10));

        var rerun = Shell.Run("$args[0] | Set-DeviceAssignment -UserPrincipalName $args[1]", ids, user.Uid).ThrowIfErrors().All<DeviceAssignmentResult>();

        Assert.Equal(30, rerun.Count);
        Assert.True(rerun.Count(r => r.Status == DeviceAssignmentStatus.AlreadyAssigned) >= doneBefore - 2);
        Assert.All(devices, d =>
        {
            var now = Sandbox.Tenant.GetDevice(d.Id)!;
            Assert.Equal(user.Id, now.Owner.Id);
            Assert.Equal(1, now.ReassignmentRequests);
        });
    }

    [Fact]
    public void ATenantThatDiesMidRunGivesOneTerminatingErrorListingTheDevicesNotDone()
    {
        var devices = FreshDevices(60);
        var user = RealUser();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The tenant starts resetting every connection once the 20th row has been read.
        var result = Shell.Run(
            "param($ids, $upn, $controls) $i = 0; $ids | ForEach-Object { if (++$i -eq 20) { $controls.FaultConnectionReset = 1.0 }; [pscustomobject]@{ Id = $_; UserPrincipalName = $upn } } | Set-DeviceAssignment",
            devices.Select(d => d.Id).ToArray(), user.Uid, Sandbox.Controls);
        clock.Stop();

        var error = Assert.Single(result.AllErrors); // one error for the run, not one per device
        Assert.Equal("TenantUnavailable,BulkEnroll.Commands.SetDeviceAssignmentCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains("stopped answering", error.Exception.Message);
        Assert.Contains("Running the same command again is safe", error.Exception.Message);
        var notDone = Assert.IsType<object[]>(error.TargetObject);
        Assert.NotEmpty(notDone);
        Assert.Contains($"{notDone.Length} device(s) were not done", error.Exception.Message);
        // Every device is either reported or listed as not done.
        Assert.Equal(devices.Count, result.All<DeviceAssignmentResult>().Count + notDone.Length);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A403DuringAssignmentIsPermissionDeniedNamingTheDeviceSpace()
    {
        // Device Read Only: the device can be read but not reassigned.
        Connect(user: Sandbox.ReadOnly).ThrowIfErrors();
        var device = FreshDevices(1).Single();
        var result = Shell.Run("Set-DeviceAssignment -Id $args[0] -UserPrincipalName $args[1]", device.Id, RealUser().Uid);

        var error = result.Error(AssignmentFailure.PermissionDenied);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Contains($"in the device space '{Sandbox.Tenant.DefaultSpace.Name}' (403)", error.Exception.Message);
        Assert.Equal(DeviceAssignmentStatus.Failed, result.Single<DeviceAssignmentResult>().Status);
        Assert.Null(result.Terminating);
    }
}
