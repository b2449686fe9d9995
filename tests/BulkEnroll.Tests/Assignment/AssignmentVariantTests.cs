using System;
using System.Collections.Generic;
using System.Linq;
using BulkEnroll.Sandbox;
using BulkEnroll.Sandbox.Tenant;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Assignment;

/// <summary>
/// Set-DeviceAssignment against the sandbox in each API variant a real tenant may show (docs/reference/ivanti-api.md,
/// open questions): how several device ids go in one call, how the reassignment status is spelled or whether it
/// exists, and records without their optional fields. Each test connects afresh, so each detects from scratch.
/// </summary>
public sealed class AssignmentVariantTests : AssignmentSession
{
    private const string UpdateAccountPath = "/api/v1/device/updateAccount";
    private const string ProbeIds = "2147483646,2147483647";

    protected override SandboxOptions Options => new() { DeviceCount = 600, Seed = 12, Controls = new SandboxControlSettings { ReassignmentDelay = TimeSpan.FromMilliseconds(50) } };

    private List<RequestLogEntry> UpdateAccountCalls => Sandbox.RequestLog.Entries.Where(e => e.Method == "PUT" && e.Path == UpdateAccountPath).ToList();

    private ScriptResult Assign(IEnumerable<SandboxDevice> devices, SandboxAccount user, string extra = "")
        => Shell.Run("$args[0] | Set-DeviceAssignment -UserPrincipalName $args[1] -Verbose " + extra,
            devices.Select(d => (object)d.Id).ToArray(), user.Uid);

    private void AssertAssignedOnce(IEnumerable<SandboxDevice> devices, SandboxAccount user, ScriptResult result)
    {
        var results = result.ThrowIfErrors().All<DeviceAssignmentResult>();
        Assert.All(results, r => Assert.Equal(DeviceAssignmentStatus.Assigned, r.Status));
        foreach (var device in devices)
        {
            var now = Sandbox.Tenant.GetDevice(device.Id)!;
            Assert.Equal(user.Id, now.Owner.Id);
            Assert.Equal(1, now.ReassignmentRequests);
        }
    }

    [Theory]
    [InlineData(MultiIdForm.Any, "repeated parameters", 1)]
    [InlineData(MultiIdForm.Repeated, "repeated parameters", 1)]
    [InlineData(MultiIdForm.Comma, "one comma-separated parameter", 2)]
    public void SeveralDevicesGoInOneCallInTheFormTheTenantReads(MultiIdForm form, string detected, int probes)
    {
        Sandbox.Controls.MultiIdForm = form;
        Connect().ThrowIfErrors();
        var devices = FreshDevices(3);
        var user = RealUser();
        Sandbox.RequestLog.Clear();

        var result = Assign(devices, user);

        AssertAssignedOnce(devices, user, result);
        Assert.Contains(result.Verbose, v => v.Contains("API variant") && v.Contains(detected));
        var calls = UpdateAccountCalls;
        // The probes come first and name only ids no device has. Then the devices go in calls of several ids: how
        // many calls depends on how the rows trickle in (a batch waits briefly for more), so the test asserts what
        // the tenant reads, not the split: every device exactly once, and the ids of each call read as the form says.
        Assert.All(calls.Take(probes), c => Assert.Equal(ProbeIds, c.Form["deviceIds"]));
        var sent = calls.Skip(probes).SelectMany(c => c.Form["deviceIds"].Split(',').Select(long.Parse)).OrderBy(i => i);
        Assert.Equal(devices.Select(d => d.Id).OrderBy(i => i), sent);
        Assert.True(calls.Count - probes <= devices.Count, $"{calls.Count - probes} calls for {devices.Count} devices");

        // Detected once per connection: the next run sends no probe.
        var more = FreshDevices(2);
        Sandbox.RequestLog.Clear();
        AssertAssignedOnce(more, user, Assign(more, user));
        Assert.DoesNotContain(UpdateAccountCalls, c => c.Form["deviceIds"] == ProbeIds);
    }

    [Fact]
    public void ATenantThatReadsOneIdPerCallGetsOneCallPerDevice()
    {
        Sandbox.Controls.MultiIdForm = MultiIdForm.Single;
        Connect().ThrowIfErrors();
        var devices = FreshDevices(3);
        var user = RealUser();
        Sandbox.RequestLog.Clear();

        var result = Assign(devices, user);

        AssertAssignedOnce(devices, user, result);
        Assert.Contains(result.Verbose, v => v.Contains("one per call"));
        var calls = UpdateAccountCalls;
        Assert.Equal(2 + 3, calls.Count);
        Assert.All(calls.Take(2), c => Assert.Equal(400, c.StatusCode));
        Assert.Equal(devices.Select(d => d.Id.ToString()).OrderBy(s => s), calls.Skip(2).Select(c => c.Form["deviceIds"]).OrderBy(s => s));
    }

    [Fact]
    public void ASingleDeviceNeedsNoProbe()
    {
        Sandbox.Controls.MultiIdForm = MultiIdForm.Comma;
        Connect().ThrowIfErrors();
        var devices = FreshDevices(1);
        var user = RealUser();
        Sandbox.RequestLog.Clear();

        AssertAssignedOnce(devices, user, Assign(devices, user));
        Assert.Single(UpdateAccountCalls);
    }

    [Theory]
    [InlineData(ReassignmentStatusStyle.Upper, "carry the reassignment status field")]
    [InlineData(ReassignmentStatusStyle.Title, "carry the reassignment status field")]
    [InlineData(ReassignmentStatusStyle.Pending, "carry the reassignment status field")]
    [InlineData(ReassignmentStatusStyle.Absent, "carry no reassignment status field")]
    public void AssignmentsAreVerifiedWhateverTheStatusSpellingOrItsAbsence(ReassignmentStatusStyle style, string detected)
    {
        Sandbox.Controls.ReassignmentStatusStyle = style;
        Connect().ThrowIfErrors();
        var devices = FreshDevices(2);
        var user = RealUser();

        var result = Assign(devices, user);

        AssertAssignedOnce(devices, user, result);
        Assert.Single(result.Verbose, v => v.Contains("API variant") && v.Contains("status field"));
        Assert.Contains(result.Verbose, v => v.Contains(detected));
    }

    [Theory]
    [InlineData(ReassignmentStatusStyle.Pending, "PENDING")]
    [InlineData(ReassignmentStatusStyle.Title, "INITIATED")]
    public void AReassignmentInProgressIsWaitedOutInAnySpelling(ReassignmentStatusStyle style, string shown)
    {
        Sandbox.Controls.ReassignmentStatusStyle = style;
        Sandbox.Controls.ReassignmentDelay = TimeSpan.FromSeconds(5);
        try
        {
            Connect().ThrowIfErrors();
            var device = FreshDevices(1);
            var user = RealUser();
            var started = Assign(device, user, "-NoWait").ThrowIfErrors().Single<DeviceAssignmentResult>();
            Assert.Equal(DeviceAssignmentStatus.Initiated, started.Status);

            // Get-BulkEnrolledDevice shows the status in one spelling, whatever the tenant's.
            var listed = Shell.Run("Get-BulkEnrolledDevice -Id $args[0]", device[0].Id).ThrowIfErrors().Single<BulkEnrolledDevice>();
            Assert.Equal(shown, listed.ReassignmentStatus);

            // Asked again while the tenant is still at it: the module waits for it instead of sending a second call.
            var again = Assign(device, user).ThrowIfErrors();
            Assert.Equal(DeviceAssignmentStatus.AlreadyAssigned, again.Single<DeviceAssignmentResult>().Status);
            Assert.Contains(again.Verbose, v => v.Contains("still in progress"));
            Assert.Equal(1, Sandbox.Tenant.GetDevice(device[0].Id)!.ReassignmentRequests);
        }
        finally
        {
            Sandbox.Controls.ReassignmentDelay = TimeSpan.FromMilliseconds(50);
        }
    }

    [Fact]
    public void RecordsWithoutOptionalFieldsAreListedAndAssigned()
    {
        Sandbox.Controls.OmitOptionalFields = true;
        Sandbox.Controls.ReassignmentStatusStyle = ReassignmentStatusStyle.Absent;
        Connect().ThrowIfErrors();
        var devices = FreshDevices(2);
        var user = RealUser();

        var listed = Shell.Run("$args[0] | Get-BulkEnrolledDevice", (object)devices.Select(d => (object)d.Id).ToArray()).ThrowIfErrors().All<BulkEnrolledDevice>();
        Assert.Equal(devices.Select(d => d.DeviceName), listed.Select(d => d.Name));
        Assert.All(listed, d => Assert.True(GenericUser.IsGeneric(d.EnrolledBy)));

        AssertAssignedOnce(devices, user, Assign(devices, user));
    }
}
