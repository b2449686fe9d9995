using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using BulkEnroll.Sandbox.Tenant;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Api;

public sealed class AdminEndpointTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Controls_round_trip_over_http_and_in_process()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 20);
        using var http = sandbox.CreateClient(); // no credentials needed
        var put = await http.PutAsync("_sandbox/controls", Json("""{"fault500":0.25,"latencyMs":5,"rateLimitPerSecond":7}"""));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(0.25, sandbox.Controls.Fault500);
        Assert.Equal(7, sandbox.Controls.RateLimitPerSecond);
        Assert.Equal(5, sandbox.Controls.Latency.TotalMilliseconds);
        Assert.Equal(100, sandbox.Controls.ReassignmentDelay.TotalMilliseconds); // untouched

        sandbox.Controls.ClearFaults();
        var got = JsonDocument.Parse(await http.GetStringAsync("_sandbox/controls")).RootElement;
        Assert.Equal(0, got.GetProperty("fault500").GetDouble());
        Assert.Equal(7, got.GetProperty("rateLimitPerSecond").GetDouble());

        var bad = await http.PutAsync("_sandbox/controls", Json("""{"fault502":2}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(0, sandbox.Controls.Fault502);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PutAsync("_sandbox/controls", Json("{not json"))).StatusCode);
    }

    [Fact]
    public async Task State_summarises_and_lists_devices_without_passwords()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 50);
        using var http = sandbox.CreateClient();
        string text = await http.GetStringAsync("_sandbox/state");
        Assert.DoesNotContain(sandbox.Options.GenericUserPassword, text);
        Assert.DoesNotContain("password", text, System.StringComparison.OrdinalIgnoreCase);
        var state = JsonDocument.Parse(text).RootElement;
        var snapshot = sandbox.Tenant.Snapshot();
        Assert.Equal(50, state.GetProperty("deviceCount").GetInt32());
        Assert.Equal(snapshot.Accounts.Count, state.GetProperty("accountCount").GetInt32());
        Assert.Equal(snapshot.Devices.Count(d => d.IsBulkEnrolled), state.GetProperty("bulkEnrolledDeviceCount").GetInt32());
        var first = state.GetProperty("devices")[0];
        var device = snapshot.Devices[0];
        Assert.Equal(device.Id, first.GetProperty("id").GetInt64());
        Assert.Equal(device.Owner.Uid, first.GetProperty("ownerUid").GetString());
        Assert.Equal(device.Enroller.Uid, first.GetProperty("enrollerUid").GetString());
        Assert.Equal(device.HardwareSerial, first.GetProperty("serialNumber").GetString());
        Assert.Equal(0, first.GetProperty("reassignments").GetArrayLength());

        var summary = JsonDocument.Parse(await http.GetStringAsync("_sandbox/state?devices=false")).RootElement;
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("devices").ValueKind);
    }

    [Fact]
    public async Task Reset_over_http_can_change_the_seeding_and_drops_pending_reassignments()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 50, controls: c => c with { ReassignmentDelay = System.TimeSpan.FromMilliseconds(300) });
        var device = sandbox.Tenant.Snapshot().Devices.First(d => d.IsBulkEnrolled && d.IsWindows && d.RegistrationState == RegistrationState.Active);
        long target = sandbox.Tenant.Snapshot().Account("adele.vance@contoso.com").Id;
        using var api = sandbox.CreateClient(sandbox.Admin);
        (await api.PutFormAsync("api/v1/device/updateAccount", ("accountId", target.ToString()), ("deviceIds", device.Id.ToString()))).ShouldBeOk();

        using var http = sandbox.CreateClient();
        var reset = await http.PostAsync("_sandbox/reset", Json("""{"deviceCount":80,"seed":9}"""));
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(80, sandbox.Tenant.Snapshot().Devices.Count);
        Assert.Equal(9, sandbox.Tenant.Spec.Seed);

        await Task.Delay(500); // the old reassignment was due meanwhile
        Assert.DoesNotContain(sandbox.Tenant.Snapshot().Devices, d => d.ReassignmentHistory.Length > 0);

        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("_sandbox/reset", Json("""{"spaceCount":9}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("_sandbox/reset", null)).StatusCode); // back to the start options
        Assert.Equal(50, sandbox.Tenant.Snapshot().Devices.Count);
    }
}
