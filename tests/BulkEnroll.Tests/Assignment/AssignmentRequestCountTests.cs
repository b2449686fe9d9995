using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using BulkEnroll.Sandbox;
using BulkEnroll.Sandbox.Tenant;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Assignment;

/// <summary>
/// Under a rate limit, assignments per second is the limit divided by the requests each assignment costs (issue 15),
/// so the cost is asserted from the requests the sandbox logged: devices and users looked up many per query,
/// reassignments batched per user, read-backs shared. Each test also proves every device ended on its user.
/// </summary>
public sealed class AssignmentRequestCountTests : SandboxSession
{
    private const int Rows = 200;

    protected override SandboxOptions Options => new()
    {
        DeviceCount = 1200,
        Seed = 35,
        Controls = new SandboxControlSettings { ReassignmentDelay = TimeSpan.FromMilliseconds(20) },
    };

    protected override bool ConnectsOnStart => true;

    // Counts must not depend on how fast a loaded machine pipes the rows in.
    protected override TimeSpan? BatchLinger => TimeSpan.FromSeconds(1);

    private (List<SandboxDevice> Devices, List<SandboxAccount> Users) Plan(int users)
    {
        var snapshot = Sandbox.Tenant.Snapshot();
        var devices = snapshot.Devices
            .Where(d => d.IsBulkEnrolled && d.SpaceId == snapshot.DefaultSpace.Id && d.Owner.Id == d.Enroller.Id && d.RegistrationState == RegistrationState.Active)
            .OrderBy(d => d.Id).Take(Rows).ToList();
        Assert.Equal(Rows, devices.Count);
        var accounts = snapshot.Accounts.Where(a => !a.IsGeneric).OrderBy(a => a.Id).Take(users).ToList();
        Assert.Equal(users, accounts.Count);
        return (devices, accounts);
    }

    private static object[] RowsOf(List<SandboxDevice> devices, List<SandboxAccount> users, string key, Func<SandboxDevice, string> value)
        => devices.Select((d, i) =>
        {
            var row = new PSObject();
            row.Properties.Add(new PSNoteProperty(key, value(d)));
            row.Properties.Add(new PSNoteProperty("UserPrincipalName", users[i % users.Count].Uid));
            return (object)row;
        }).ToArray();

    private double RequestsPerAssignment(ScriptResult result, List<SandboxDevice> devices, List<SandboxAccount> users)
    {
        result.ThrowIfErrors();
        var results = result.All<DeviceAssignmentResult>();
        Assert.Equal(devices.Count, results.Count);
        Assert.All(results, r => Assert.Equal(DeviceAssignmentStatus.Assigned, r.Status));
        for (int i = 0; i < devices.Count; i++)
        {
            SandboxDevice now = Sandbox.Tenant.GetDevice(devices[i].Id)!;
            Assert.Equal(users[i % users.Count].Id, now.Owner.Id);
            Assert.Equal(1, now.ReassignmentRequests);
        }

        return (double)Sandbox.RequestLog.Entries.Count(e => e.Path.StartsWith("/api/", StringComparison.Ordinal)) / devices.Count;
    }

    [Fact]
    public void ByIdEachDeviceToItsOwnUserCostsAtMostAboutTwoRequests()
    {
        var (devices, users) = Plan(Rows);
        Sandbox.RequestLog.Clear();

        var result = Shell.Run("$args[0] | Set-DeviceAssignment -Verbose", (object)RowsOf(devices, users, "DeviceId", d => d.Id.ToString()));

        Assert.InRange(RequestsPerAssignment(result, devices, users), 1.0, 2.1);
        Assert.Contains(result.Verbose, v => v.Contains("several keys in one filter", StringComparison.Ordinal));
    }

    [Fact]
    public void BySerialEachDeviceToItsOwnUserCostsAtMostAboutThreeRequestsWhereTheTenantFillsSerials()
    {
        Sandbox.Controls.WindowsSerialNumberFilled = true;
        Connect().ThrowIfErrors();
        var (devices, users) = Plan(Rows);
        Sandbox.RequestLog.Clear();

        var result = Shell.Run("$args[0] | Set-DeviceAssignment", (object)RowsOf(devices, users, "SerialNumber", d => d.HardwareSerial));

        Assert.InRange(RequestsPerAssignment(result, devices, users), 1.0, 3.1);
    }

    [Fact]
    public void ByNameEachDeviceToItsOwnUserCostsAtMostAboutThreeRequests()
    {
        var (devices, users) = Plan(Rows);
        Sandbox.RequestLog.Clear();

        var result = Shell.Run("$args[0] | Set-DeviceAssignment", (object)RowsOf(devices, users, "DeviceName", d => d.DeviceName!));

        Assert.InRange(RequestsPerAssignment(result, devices, users), 1.0, 3.1);
    }

    [Fact]
    public void UsersThatRepeatCostLessThanOneRequestPerAssignment()
    {
        var (devices, users) = Plan(Rows / 10);
        Sandbox.RequestLog.Clear();

        var result = Shell.Run("$args[0] | Set-DeviceAssignment", (object)RowsOf(devices, users, "DeviceId", d => d.Id.ToString()));

        // Ten devices per user: one reassignment call per ten devices, lookups and read-backs shared.
        Assert.InRange(RequestsPerAssignment(result, devices, users), 0.1, 0.6);
    }

    [Fact]
    public void ATenantThatRefusesSeveralKeysInOneFilterIsServedOneKeyAtATime()
    {
        Sandbox.Controls.RefuseOrFilters = true;
        var (devices, users) = Plan(Rows);
        Sandbox.RequestLog.Clear();

        var result = Shell.Run("$args[0] | Set-DeviceAssignment -Verbose", (object)RowsOf(devices, users, "DeviceId", d => d.Id.ToString()));

        double cost = RequestsPerAssignment(result, devices, users);
        Assert.Contains(result.Verbose, v => v.Contains("refused several keys in one filter", StringComparison.Ordinal));
        // Once refused, nothing is sent in that form again: the refusals are the batches already in flight.
        var refused = Sandbox.RequestLog.Entries.Where(e => e.StatusCode == 400).ToList();
        Assert.InRange(refused.Count, 1, 3);
        Assert.All(refused, e => Assert.Contains(" or ", Uri.UnescapeDataString(e.Query.Replace('+', ' ')), StringComparison.Ordinal));
        Assert.True(refused.Max(e => e.Sequence) < Sandbox.RequestLog.Entries.Where(e => e.Method == "PUT").Min(e => e.Sequence));
        Assert.InRange(cost, 3.0, 4.5); // device read, user lookup, reassignment, read-back: as before batching
    }
}
