using System.Linq;
using System.Threading.Tasks;
using BulkEnroll.Sandbox.Tenant;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Tenant;

/// <summary>The tenant's per-user device cap: it binds enrollment under a user, counting its ACTIVE devices.</summary>
public sealed class DeviceLimitTests
{
    [Fact]
    public async Task Enrollment_beyond_the_cap_is_refused_and_a_retired_device_frees_a_place()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 10, controls: c => c with { MaxDevicesPerUser = 2 });
        var generic = sandbox.Tenant.Snapshot().Account("windows-bulkenroll-user4@contoso.com"); // seeded with no device
        int cap = sandbox.Controls.Current.MaxDevicesPerUser;
        NewWindowsDevice Pc(int i) => new($"PAR-CAP{i}", $"CAP{i}", "M", "V", "10.0.26100.1", generic.Id);

        var first = sandbox.Tenant.RegisterEnrolledDevice(Pc(1), cap);
        sandbox.Tenant.RegisterEnrolledDevice(Pc(2), cap);
        var refused = Assert.Throws<DeviceLimitReachedException>(() => sandbox.Tenant.RegisterEnrolledDevice(Pc(3), cap));
        Assert.Contains("2 per user", refused.Message);
        Assert.Equal(2, sandbox.Tenant.Snapshot().Devices.Count(d => d.Owner.Id == generic.Id));

        Assert.Null(sandbox.Tenant.TryRetire([first.Id], _ => true, out _));
        Assert.Equal("PAR-CAP3", sandbox.Tenant.RegisterEnrolledDevice(Pc(3), cap).DeviceName);
    }
}
