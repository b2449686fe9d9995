using System.Collections.Generic;
using System.Linq;
using BulkEnroll.Sandbox.Tenant;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Assignment;

/// <summary>
/// A sandbox for assignment tests that share it: each test takes devices and real users nobody took before, so the
/// tests of a class do not see each other's reassignments.
/// </summary>
public abstract class AssignmentSession : SandboxSession
{
    private int _nextDevice;
    private int _nextUser;

    /// <summary>Unassigned bulk-enrolled active devices of the default space, never reassigned, a fresh set per call.</summary>
    protected List<SandboxDevice> FreshDevices(int count)
    {
        var devices = Sandbox.Tenant.Snapshot().Devices
            .Where(d => d.IsBulkEnrolled && d.SpaceId == Sandbox.Tenant.DefaultSpace.Id && d.Owner.Id == d.Enroller.Id
                && d.RegistrationState == RegistrationState.Active && d.LastReassignmentStatus == null)
            .OrderBy(d => d.Id)
            .Skip(_nextDevice)
            .Take(count)
            .ToList();
        _nextDevice += count;
        Assert.Equal(count, devices.Count);
        return devices;
    }

    /// <summary>A real (not generic) user no earlier call returned.</summary>
    protected SandboxAccount RealUser() => Sandbox.Tenant.Snapshot().Accounts.Where(a => !a.IsGeneric).Skip(_nextUser++).First();
}
