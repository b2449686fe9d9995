using System;
using System.Linq;
using System.Threading.Tasks;
using BulkEnroll.Sandbox.Tenant;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Tenant;

/// <summary>What the MS-MDE2 enrollment endpoints will rely on.</summary>
public sealed class EnrollmentHookTests
{
    [Fact]
    public async Task A_registered_device_appears_as_bulk_enrolled_and_can_be_assigned()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 10, controls: c => c with { ReassignmentDelay = TimeSpan.FromMilliseconds(20) });
        var generic = sandbox.Tenant.Snapshot().Account("windows-bulkenroll-user4@contoso.com");
        Assert.True(sandbox.Tenant.CheckPassword(generic.Uid, sandbox.Options.GenericUserPassword));

        var device = sandbox.Tenant.RegisterEnrolledDevice(new NewWindowsDevice(
            "PAR-PF4XK2Q9", "PF4XK2Q9", "21HD000QUS", "LENOVO", "10.0.26100.2314", generic.Id));
        Assert.True(device.IsBulkEnrolled);
        Assert.Equal(generic.Id, device.Owner.Id);

        using var http = sandbox.CreateClient(sandbox.Admin);
        var listed = (await http.GetApiAsync(SandboxTestKit.DevicesUri(sandbox, $"fq=enrollerId={generic.Id}"))).ShouldBeOk();
        var d = Assert.Single(listed.SearchResults);
        Assert.Equal("PAR-PF4XK2Q9", d.GetProperty("deviceName").GetString());
        Assert.Equal("WINDOWS_PHONE", d.GetProperty("platformType").GetString());
        Assert.Equal("ACTIVE", d.GetProperty("registrationState").GetString());
        Assert.Equal("10.0.26100.2314", d.GetProperty("osBuildVersion").GetString());
        var inv = (await http.GetApiAsync($"api/v1/device/{device.Id}/hardwareinventory?dmPartitionId={device.SpaceId}")).ShouldBeOk();
        Assert.Equal("PF4XK2Q9", inv.Result.GetProperty("computerSystemProduct").GetProperty("identifyingNumber").GetString());

        long target = sandbox.Tenant.Snapshot().Account("adele.vance@contoso.com").Id;
        Assert.Empty((await http.PutFormAsync("api/v1/device/updateAccount", ("accountId", target.ToString()), ("deviceIds", device.Id.ToString()))).ShouldBeOk().SearchResults);
        await SandboxTestKit.WaitUntilAsync(() => sandbox.Tenant.GetDevice(device.Id)!.Owner.Id == target, "owner change");
    }

    [Fact]
    public async Task A_registered_device_is_counted_in_its_space()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 30);
        using var http = sandbox.CreateClient(sandbox.ReadOnly);
        async Task<int> DefaultSpaceCount() => (await http.GetApiAsync("api/v1/tenant/partition/device")).ShouldBeOk().SearchResults
            .Single(s => s.GetProperty("defaultPartition").GetBoolean()).GetProperty("deviceCount").GetInt32();

        int before = await DefaultSpaceCount();
        Assert.Equal(sandbox.Tenant.Snapshot().Devices.Count(d => d.SpaceId == sandbox.Tenant.DefaultSpace.Id), before);
        var generic = sandbox.Tenant.Snapshot().Account("windows-bulkenroll-user1@contoso.com");
        sandbox.Tenant.RegisterEnrolledDevice(new NewWindowsDevice("PAR-COUNT1", "COUNT1", "M", "V", "10.0.26100.1", generic.Id));
        Assert.Equal(before + 1, await DefaultSpaceCount());

        await sandbox.ResetAsync();
        Assert.Equal(before, await DefaultSpaceCount());
    }

    [Fact]
    public async Task Registering_under_an_unknown_account_fails()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 10);
        Assert.Throws<ArgumentException>(() => sandbox.Tenant.RegisterEnrolledDevice(
            new NewWindowsDevice("X", "S", "M", "V", "10.0.1", EnrolledByAccountId: 1)));
        Assert.Equal(10, sandbox.Tenant.Snapshot().Devices.Count);
    }
}
