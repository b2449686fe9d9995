using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using BulkEnroll.Sandbox.Tenant;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Tenant;

public sealed class ReassignmentTests
{
    private static SandboxDevice[] Unassigned(SandboxServer sandbox) => sandbox.Tenant.Snapshot().Devices
        .Where(d => d.IsWindows && d.IsBulkEnrolled && d.Owner.Id == d.Enroller.Id && d.RegistrationState == RegistrationState.Active)
        .ToArray();

    [Fact]
    public async Task Eligible_device_goes_initiated_then_success_with_the_new_owner()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(controls: c => c with { ReassignmentDelay = TimeSpan.FromMilliseconds(1500) });
        var device = Unassigned(sandbox)[0];
        var target = sandbox.Tenant.Snapshot().Account("adele.vance@contoso.com");
        using var http = sandbox.CreateClient(sandbox.Admin);

        var r = (await http.PutFormAsync("api/v1/device/updateAccount", ("accountId", target.Id.ToString()), ("deviceIds", device.Id.ToString()))).ShouldBeOk();
        Assert.Empty(r.SearchResults);
        Assert.Equal(0, r.TotalCount);
        Assert.Equal(0, r.Result.GetProperty("limit").GetInt32());

        string uri = $"api/v1/device/{device.Id}?dmPartitionId={device.SpaceId}";
        var during = (await http.GetApiAsync(uri)).ShouldBeOk().Result;
        Assert.Equal("INITIATED", during.GetProperty("lastReassignmentStatus").GetString());
        Assert.Equal(device.Owner.Uid, during.GetProperty("uid").GetString()); // not moved yet

        await SandboxTestKit.WaitUntilAsync(() => sandbox.Tenant.GetDevice(device.Id)!.LastReassignmentStatus == ReassignmentStatus.Success, "SUCCESS", 10_000);
        var after = (await http.GetApiAsync(uri)).ShouldBeOk().Result;
        Assert.Equal("SUCCESS", after.GetProperty("lastReassignmentStatus").GetString());
        Assert.Equal(target.Uid, after.GetProperty("uid").GetString());
        Assert.Equal(target.Identity.EmailAddress, after.GetProperty("emailAddress").GetString());
        Assert.Equal(target.Identity.DisplayName, after.GetProperty("displayName").GetString());
        Assert.Equal(target.Identity.FirstName, after.GetProperty("firstName").GetString());
        Assert.Equal(target.Identity.LastName, after.GetProperty("lastName").GetString());
        Assert.Equal(target.Id, after.GetProperty("ownerId").GetInt64());
        Assert.Equal(device.Enroller.Id, after.GetProperty("enrollerId").GetInt64()); // enroller stays generic
        Assert.Equal(device.ChangeOwnerCounter + 1, after.GetProperty("changeOwnerCounter").GetInt32());

        var record = Assert.Single(sandbox.Tenant.Snapshot().Device(device.Id).ReassignmentHistory);
        Assert.Equal((device.Owner.Id, target.Id, ReassignmentStatus.Success), (record.FromAccountId, record.ToAccountId, record.Outcome));
        Assert.Equal(1, sandbox.Tenant.Snapshot().Device(device.Id).SuccessfulReassignments);
    }

    [Fact]
    public async Task Ineligible_devices_are_returned_and_left_untouched()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 300, controls: c => c with { ReassignmentDelay = TimeSpan.FromMilliseconds(50) });
        var snapshot = sandbox.Tenant.Snapshot();
        var eligible = Unassigned(sandbox)[0];
        var direct = snapshot.Devices.First(d => d.IsWindows && !d.IsBulkEnrolled && d.RegistrationState == RegistrationState.Active);
        var phone = snapshot.Devices.First(d => !d.IsWindows && d.RegistrationState == RegistrationState.Active);
        var retired = snapshot.Devices.First(d => d.IsWindows && d.IsBulkEnrolled && d.RegistrationState != RegistrationState.Active);
        const long unknown = 3_999_999;
        var target = snapshot.Account("alex.wilber@contoso.com");
        using var http = sandbox.CreateClient(sandbox.Admin);

        var r = (await http.PutFormAsync("api/v1/device/updateAccount", ("accountId", target.Id.ToString()),
            ("deviceIds", $"{eligible.Id},{direct.Id}"), ("deviceIds", phone.Id.ToString()), ("deviceIds", $"{retired.Id},{unknown}"))).ShouldBeOk();

        Assert.Equal(4, r.TotalCount);
        var rejected = r.SearchResults.Select(d => d.GetProperty("id").GetInt64()).ToHashSet();
        Assert.Equal(new[] { direct.Id, phone.Id, retired.Id, unknown }.ToHashSet(), rejected);
        var stub = r.SearchResults.Single(d => d.GetProperty("id").GetInt64() == unknown);
        Assert.Single(stub.EnumerateObject()); // {"id": <id>} only
        Assert.Equal(direct.DeviceName, r.SearchResults.Single(d => d.GetProperty("id").GetInt64() == direct.Id).GetProperty("deviceName").GetString());

        await SandboxTestKit.WaitUntilAsync(() => sandbox.Tenant.GetDevice(eligible.Id)!.LastReassignmentStatus == ReassignmentStatus.Success, "SUCCESS");
        var after = sandbox.Tenant.Snapshot();
        foreach (var d in new[] { direct, phone, retired })
        {
            Assert.Equal(d, after.Device(d.Id)); // records unchanged
        }

        Assert.Equal(target.Id, after.Device(eligible.Id).Owner.Id);
    }

    [Fact]
    public async Task A_second_call_while_initiated_is_rejected_so_a_device_is_reassigned_once()
    {
        // Long enough that the second call surely arrives while the first is still INITIATED.
        await using var sandbox = await SandboxTestKit.StartAsync(controls: c => c with { ReassignmentDelay = TimeSpan.FromSeconds(2) });
        var device = Unassigned(sandbox)[0];
        var target = sandbox.Tenant.Snapshot().Account("adele.vance@contoso.com");
        using var http = sandbox.CreateClient(sandbox.Admin);
        var form = new[] { ("accountId", target.Id.ToString()), ("deviceIds", device.Id.ToString()) };

        Assert.Empty((await http.PutFormAsync("api/v1/device/updateAccount", form)).ShouldBeOk().SearchResults);
        var again = (await http.PutFormAsync("api/v1/device/updateAccount", form)).ShouldBeOk();
        Assert.Equal("INITIATED", Assert.Single(again.SearchResults).GetProperty("lastReassignmentStatus").GetString());

        await SandboxTestKit.WaitUntilAsync(() => sandbox.Tenant.GetDevice(device.Id)!.LastReassignmentStatus == ReassignmentStatus.Success, "SUCCESS", 10_000);
        var final = sandbox.Tenant.Snapshot().Device(device.Id);
        Assert.Single(final.ReassignmentHistory);
        Assert.Equal(1, final.ReassignmentRequests);
    }

    [Fact]
    public async Task Failure_leaves_the_owner_and_records_failed()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(controls: c => c with { ReassignmentFailureRate = 1, ReassignmentDelay = TimeSpan.FromMilliseconds(20) });
        var device = Unassigned(sandbox)[0];
        var target = sandbox.Tenant.Snapshot().Account("adele.vance@contoso.com");
        using var http = sandbox.CreateClient(sandbox.Admin);
        (await http.PutFormAsync("api/v1/device/updateAccount", ("accountId", target.Id.ToString()), ("deviceIds", device.Id.ToString()))).ShouldBeOk();

        await SandboxTestKit.WaitUntilAsync(() => sandbox.Tenant.GetDevice(device.Id)!.LastReassignmentStatus == ReassignmentStatus.Failed, "FAILED");
        var after = (await http.GetApiAsync($"api/v1/device/{device.Id}?dmPartitionId={device.SpaceId}")).ShouldBeOk().Result;
        Assert.Equal("FAILED", after.GetProperty("lastReassignmentStatus").GetString());
        Assert.Equal(device.Owner.Id, after.GetProperty("ownerId").GetInt64());
        Assert.Equal(device.ChangeOwnerCounter, after.GetProperty("changeOwnerCounter").GetInt32());
        Assert.Equal(0, sandbox.Tenant.Snapshot().Device(device.Id).SuccessfulReassignments);

        // A FAILED device may be tried again.
        sandbox.Controls.ReassignmentFailureRate = 0;
        Assert.Empty((await http.PutFormAsync("api/v1/device/updateAccount", ("accountId", target.Id.ToString()), ("deviceIds", device.Id.ToString()))).ShouldBeOk().SearchResults);
        await SandboxTestKit.WaitUntilAsync(() => sandbox.Tenant.GetDevice(device.Id)!.LastReassignmentStatus == ReassignmentStatus.Success, "SUCCESS");
    }

    [Fact]
    public async Task Bad_account_or_device_ids_are_field_errors_and_roles_are_checked()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 50);
        var device = Unassigned(sandbox)[0];
        using var http = sandbox.CreateClient(sandbox.Admin);
        (await http.PutFormAsync("api/v1/device/updateAccount", ("accountId", "1"), ("deviceIds", device.Id.ToString()))).ShouldHaveFieldError("accountId", "Invalid");
        (await http.PutFormAsync("api/v1/device/updateAccount", ("deviceIds", device.Id.ToString()))).ShouldHaveFieldError("accountId", "Required");
        long target = sandbox.Tenant.Snapshot().Account("adele.vance@contoso.com").Id;
        (await http.PutFormAsync("api/v1/device/updateAccount", ("accountId", target.ToString()))).ShouldHaveFieldError("deviceIds", "Required");

        using var readOnly = sandbox.CreateClient(sandbox.ReadOnly);
        (await readOnly.PutFormAsync("api/v1/device/updateAccount", ("accountId", target.ToString()), ("deviceIds", device.Id.ToString())))
            .ShouldBeGlobalError(HttpStatusCode.Forbidden, "Forbidden");
        Assert.Null(sandbox.Tenant.GetDevice(device.Id)!.LastReassignmentStatus);
    }

    [Fact]
    public async Task Response_does_not_wait_for_the_reassignment()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(controls: c => c with { ReassignmentDelay = TimeSpan.FromSeconds(20) });
        var devices = Unassigned(sandbox).Take(5).ToArray();
        long target = sandbox.Tenant.Snapshot().Account("adele.vance@contoso.com").Id;
        using var http = sandbox.CreateClient(sandbox.Admin);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        (await http.PutFormAsync("api/v1/device/updateAccount", ("accountId", target.ToString()), ("deviceIds", string.Join(',', devices.Select(d => d.Id))))).ShouldBeOk();
        // Waiting for the reassignment would take at least its 20 s delay.
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(20), $"took {sw.ElapsedMilliseconds} ms");
        Assert.Equal(5, sandbox.PendingReassignments);
        Assert.All(devices, d => Assert.Equal(ReassignmentStatus.Initiated, sandbox.Tenant.GetDevice(d.Id)!.LastReassignmentStatus));
    }
}
