using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using BulkEnroll.Sandbox;
using BulkEnroll.Sandbox.Tenant;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Assignment;

/// <summary>
/// Ten thousand assignments through a tenant where one request in five fails (429 with Retry-After, 500, 502,
/// 503, connection resets; half of the 5xx and resets after the change was made). Every device must end
/// assigned exactly once, and a run stopped half-way and run again must finish the rest and repeat nothing.
/// Injected 429/503 say "Retry-After: 0" and the client's first backoff is 20 ms so the run takes seconds,
/// not minutes; the logic under test is the same.
/// </summary>
public sealed class ChaosTests : SandboxSession
{
    private const int Assignments = 10_000;
    private const int DevicesPerUser = 10;

    protected override SandboxOptions Options => new()
    {
        DeviceCount = 46_000,
        Seed = 99,
        Controls = new SandboxControlSettings { ReassignmentDelay = TimeSpan.FromMilliseconds(20), FaultRetryAfterSeconds = 0 },
    };

    private static readonly SandboxControlSettings TwentyPercentFaults = new()
    {
        Fault429 = 0.06,
        Fault500 = 0.04,
        Fault502 = 0.03,
        Fault503 = 0.04,
        FaultConnectionReset = 0.03,
        PostProcessingFaultShare = 0.5,
        FaultRetryAfterSeconds = 0,
        ReassignmentDelay = TimeSpan.FromMilliseconds(20),
    };

    private (PSObject[] Rows, List<SandboxDevice> Devices, Dictionary<long, SandboxAccount> Target) Plan(int count, int skip)
    {
        var snapshot = Sandbox.Tenant.Snapshot();
        var devices = snapshot.Devices
            .Where(d => d.IsBulkEnrolled && d.SpaceId == snapshot.DefaultSpace.Id && d.Owner.Id == d.Enroller.Id && d.RegistrationState == RegistrationState.Active)
            .OrderBy(d => d.Id).Skip(skip).Take(count).ToList();
        Assert.Equal(count, devices.Count);
        var users = snapshot.Accounts.Where(a => !a.IsGeneric).OrderBy(a => a.Id).Skip(skip / DevicesPerUser).Take(count / DevicesPerUser).ToList();
        var target = new Dictionary<long, SandboxAccount>();
        var rows = new PSObject[count];
        for (int i = 0; i < count; i++)
        {
            target[devices[i].Id] = users[i / DevicesPerUser];
            var row = new PSObject();
            row.Properties.Add(new PSNoteProperty("DeviceId", devices[i].Id.ToString()));
            row.Properties.Add(new PSNoteProperty("UserPrincipalName", users[i / DevicesPerUser].Uid));
            rows[i] = row;
        }

        return (rows, devices, target);
    }

    private void ConnectForChaos() => Connect(extra: "-RetryDelay ([TimeSpan]::FromMilliseconds(20)) -MaxRetryCount 12").ThrowIfErrors();

    [Fact]
    public void TenThousandAssignmentsUnderTwentyPercentFaultsEachLandExactlyOnce()
    {
        var (rows, devices, target) = Plan(Assignments, skip: 0);
        ConnectForChaos();
        Sandbox.Controls.Set(TwentyPercentFaults);

        var result = Shell.Run("$args[0] | Set-DeviceAssignment", (object)rows);
        Sandbox.Controls.ClearFaults();

        var log = Sandbox.RequestLog.Entries;
        double faultShare = (double)log.Count(e => e.Fault != null) / log.Count;
        Assert.InRange(faultShare, 0.15, 0.25);
        Assert.Contains(log, e => e.Path == "/api/v1/device/updateAccount" && e.FaultAfterHandler);

        var results = result.All<DeviceAssignmentResult>();
        Assert.Equal(Assignments, results.Count);
        // Anything that truly failed is an ErrorRecord naming the device; with these faults, nothing should.
        Assert.All(result.AllErrors, e => Assert.NotNull(e.TargetObject));
        Assert.Equal(results.Count(r => r.Status == DeviceAssignmentStatus.Failed), result.Errors.Count);
        Assert.True(results.All(r => r.Status == DeviceAssignmentStatus.Assigned),
            string.Join("\n", results.Where(r => r.Status != DeviceAssignmentStatus.Assigned).Take(10).Select(r => r.ToString() + " " + r.Message)));
        AssertEachAssignedExactlyOnce(devices, target);
    }

    [Fact]
    public void AChaoticRunStoppedHalfWayAndRunAgainFinishesTheRestAndRepeatsNothing()
    {
        var (rows, devices, target) = Plan(4_000, skip: 0);
        ConnectForChaos();
        Sandbox.Controls.Set(TwentyPercentFaults);

        using (var running = Shell.Start("$args[0] | Set-DeviceAssignment", (object)rows))
        {
            Assert.True(SpinWait.SpinUntil(() => devices.Count(d => Sandbox.Tenant.GetDevice(d.Id)!.ReassignmentRequests > 0) >= devices.Count / 2, TimeSpan.FromMinutes(3)));
            running.Stop();
            Assert.Equal(PSInvocationState.Stopped, running.State);
        }

        int startedBefore = devices.Count(d => Sandbox.Tenant.GetDevice(d.Id)!.ReassignmentRequests > 0);
        Assert.InRange(startedBefore, devices.Count / 2, devices.Count - 1);
        SpinWait.SpinUntil(() => Sandbox.PendingReassignments == 0, TimeSpan.FromSeconds(30));

        var rerun = Shell.Run("$args[0] | Set-DeviceAssignment", (object)rows);
        Sandbox.Controls.ClearFaults();

        var results = rerun.All<DeviceAssignmentResult>();
        Assert.Equal(devices.Count, results.Count);
        Assert.True(results.Count(r => r.Status == DeviceAssignmentStatus.AlreadyAssigned) >= startedBefore - 200,
            $"{results.Count(r => r.Status == DeviceAssignmentStatus.AlreadyAssigned)} already assigned after {startedBefore} started");
        Assert.All(results, r => Assert.NotEqual(DeviceAssignmentStatus.Failed, r.Status));
        AssertEachAssignedExactlyOnce(devices, target);
    }

    private void AssertEachAssignedExactlyOnce(List<SandboxDevice> devices, Dictionary<long, SandboxAccount> target)
    {
        var wrong = devices.Select(d => Sandbox.Tenant.GetDevice(d.Id)!)
            .Where(d => d.Owner.Id != target[d.Id].Id || d.ReassignmentRequests != 1 || d.SuccessfulReassignments != 1)
            .Take(10)
            .Select(d => $"{d.Id}: owner {d.Owner.Uid} (want {target[d.Id].Uid}), {d.ReassignmentRequests} requests, {d.SuccessfulReassignments} applied")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
