using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using BulkEnroll.Sandbox.Tenant;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Api;

public sealed class DeviceTests(ReadOnlySandbox fixture) : IClassFixture<ReadOnlySandbox>
{
    private readonly SandboxServer _sandbox = fixture.Sandbox;

    [Fact]
    public async Task Windows_device_looks_as_the_reference_says()
    {
        var device = _sandbox.Tenant.Snapshot().Devices.First(d => d.IsWindows && d.IsBulkEnrolled && d.Owner.Id == d.Enroller.Id && d.LastReassignmentStatus is null);
        using var http = _sandbox.CreateClient(_sandbox.ReadOnly);
        var d = (await http.GetApiAsync($"api/v1/device/{device.Id}?dmPartitionId={device.SpaceId}")).ShouldBeOk().Result;

        Assert.Equal(device.Id, d.GetProperty("id").GetInt64());
        Assert.Equal("WINDOWS_PHONE", d.GetProperty("platformType").GetString());
        Assert.Equal("WINDOWS_DESKTOP", d.GetProperty("windowsDeviceType").GetString());
        Assert.Equal("DESKTOP", d.GetProperty("deviceFamily").GetString());
        Assert.Equal("10.0", d.GetProperty("platformVersion").GetString());
        Assert.StartsWith("Windows 1", d.GetProperty("osEdition").GetString());
        Assert.StartsWith("10.0.", d.GetProperty("osBuildVersion").GetString());
        Assert.Equal(JsonValueKind.Null, d.GetProperty("serialNumber").ValueKind);
        Assert.Equal(JsonValueKind.Null, d.GetProperty("imei").ValueKind);
        // Like S16's fixtures: a device never reassigned carries no status field at all.
        Assert.False(d.TryGetProperty("lastReassignmentStatus", out _));
        Assert.Equal(device.DeviceName, d.GetProperty("deviceName").GetString());
        Assert.Equal(device.DeviceName, d.GetProperty("entityName").GetString());
        Assert.Equal(device.Owner.Uid, d.GetProperty("uid").GetString());
        Assert.Equal(device.Owner.Uid, d.GetProperty("emailAddress").GetString());
        Assert.Equal(device.Owner.Id, d.GetProperty("ownerId").GetInt64());
        Assert.Equal(device.Enroller.Id, d.GetProperty("enrollerId").GetInt64());
        Assert.Equal(0, d.GetProperty("changeOwnerCounter").GetInt32());
        Assert.False(d.GetProperty("aadEnrolled").GetBoolean());
        Assert.False(d.GetProperty("aadBulkEnrolled").GetBoolean());
        Assert.Equal("CLOUD", d.GetProperty("deviceSource").GetString());
        Assert.Equal(JsonValueKind.Array, d.GetProperty("groups").ValueKind);
        Assert.Equal(JsonValueKind.Object, d.GetProperty("customAttributes").ValueKind);
        Assert.Matches("^[0-9a-f]{2}(:[0-9a-f]{2}){5}$", d.GetProperty("wifiMacAddress").GetString());
        Assert.Equal(device.SpaceId, d.GetProperty("dmPartitionId").GetInt64());
        Assert.Equal(_sandbox.Tenant.Spaces.Single(s => s.Id == device.SpaceId).Name, d.GetProperty("dmPartitionName").GetString());
        foreach (var field in new[] { "guid", "deviceModel", "prettyModel", "manufacturer", "osPlatform", "registrationState", "lastCheckin",
                     "lastRegistrationTime", "complianceState", "quarantined", "displayName", "firstName", "lastName", "ownershipType",
                     "altSerialNumber", "udid" })
        {
            Assert.True(d.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task Windows_serial_is_in_hardware_inventory()
    {
        var device = _sandbox.Tenant.Snapshot().Devices.First(d => d.IsWindows);
        using var http = _sandbox.CreateClient(_sandbox.Admin);
        var inv = (await http.GetApiAsync($"api/v1/device/{device.Id}/hardwareinventory?dmPartitionId={device.SpaceId}")).ShouldBeOk().Result;
        var product = inv.GetProperty("computerSystemProduct");
        Assert.Equal(device.HardwareSerial, product.GetProperty("identifyingNumber").GetString());
        Assert.Equal(device.Hardware.Model, product.GetProperty("name").GetString());
        Assert.Equal(device.Hardware.Manufacturer, product.GetProperty("vendor").GetString());
        Assert.Matches("^[0-9A-F-]{36}$", product.GetProperty("uuid").GetString());
        Assert.NotEmpty(inv.GetProperty("processor").EnumerateArray());
        Assert.NotEmpty(inv.GetProperty("hardDrive").EnumerateArray());
        Assert.NotEmpty(inv.GetProperty("physicalMemory").EnumerateArray());
    }

    [Fact]
    public async Task Mobile_devices_have_their_serial_in_the_record()
    {
        var phone = _sandbox.Tenant.Snapshot().Devices.First(d => d.Platform == DevicePlatform.IOS);
        using var http = _sandbox.CreateClient(_sandbox.Admin);
        var r = (await http.GetApiAsync($"api/v1/device/{phone.Id}?dmPartitionId={phone.SpaceId}")).ShouldBeOk();
        var d = r.Result;
        Assert.Contains($"\"deviceName\":\"{phone.DeviceName}\"", r.Text); // "Adele's iPhone": apostrophe not \u0027-escaped
        Assert.Contains("'s ", phone.DeviceName);
        Assert.Equal("IOS", d.GetProperty("platformType").GetString());
        Assert.Equal(phone.HardwareSerial, d.GetProperty("serialNumber").GetString());
        Assert.Equal(JsonValueKind.Null, d.GetProperty("windowsDeviceType").ValueKind);
    }

    [Fact]
    public async Task Device_in_another_space_or_unknown_is_404_and_space_is_required()
    {
        var snapshot = _sandbox.Tenant.Snapshot();
        var device = snapshot.Devices.First(d => d.SpaceId != snapshot.DefaultSpace.Id);
        using var http = _sandbox.CreateClient(_sandbox.Admin);
        (await http.GetApiAsync($"api/v1/device/{device.Id}?dmPartitionId={snapshot.DefaultSpace.Id}")).ShouldBeGlobalError(HttpStatusCode.NotFound, "NotFound");
        (await http.GetApiAsync($"api/v1/device/4000000?dmPartitionId={snapshot.DefaultSpace.Id}")).ShouldBeGlobalError(HttpStatusCode.NotFound, "NotFound");
        (await http.GetApiAsync($"api/v1/device/{device.Id}/hardwareinventory?dmPartitionId={snapshot.DefaultSpace.Id}")).ShouldBeGlobalError(HttpStatusCode.NotFound, "NotFound");
        (await http.GetApiAsync($"api/v1/device/{device.Id}")).ShouldHaveFieldError("dmPartitionId", "Required");
    }

    [Fact]
    public void Seeded_mix_makes_bulk_enrollment_a_real_distinction()
    {
        var snapshot = _sandbox.Tenant.Snapshot();
        var devices = snapshot.Devices;
        int bulk = devices.Count(d => d.IsWindows && d.IsBulkEnrolled);
        int directWindows = devices.Count(d => d.IsWindows && !d.IsBulkEnrolled);
        int mobile = devices.Count(d => !d.IsWindows);
        Assert.InRange(bulk, devices.Count * 60 / 100, devices.Count * 80 / 100);
        Assert.InRange(directWindows, devices.Count * 8 / 100, devices.Count * 22 / 100);
        Assert.InRange(mobile, devices.Count * 8 / 100, devices.Count * 22 / 100);
        Assert.Contains(devices, d => d.Platform == DevicePlatform.Android);

        // About half of the bulk-enrolled devices are already assigned: owner real, enroller generic.
        int assigned = devices.Count(d => d.IsBulkEnrolled && d.Owner.Id != d.Enroller.Id);
        Assert.InRange(assigned, bulk * 35 / 100, bulk * 65 / 100);
        Assert.All(devices.Where(d => d.IsBulkEnrolled && d.Owner.Id != d.Enroller.Id), d =>
        {
            Assert.Equal(1, d.ChangeOwnerCounter);
            Assert.False(BulkEnrollment.IsGenericUid(d.Owner.Uid));
        });

        // The last generic user enrolled nothing; the real users look real.
        var last = snapshot.Account("windows-bulkenroll-user4@contoso.com");
        Assert.DoesNotContain(devices, d => d.Enroller.Id == last.Id);
        Assert.NotNull(snapshot.FindAccount("adele.vance@contoso.com"));
        Assert.Equal(devices.Count, devices.Select(d => d.HardwareSerial).Distinct().Count());
        Assert.Contains(devices, d => d.RegistrationState == RegistrationState.Retired);
        Assert.Contains(devices, d => d.RegistrationState == RegistrationState.RetirePending);
    }
}

public sealed class RetireTests
{
    [Fact]
    public async Task Retire_sets_retire_pending_and_answers_1()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 60);
        var devices = sandbox.Tenant.Snapshot().Devices.Where(d => d.RegistrationState == RegistrationState.Active).Take(2).ToArray();
        using var http = sandbox.CreateClient(sandbox.Admin);
        var r = (await http.PutFormAsync("api/v1/device/retire", ("ids", $"{devices[0].Id},{devices[1].Id}"))).ShouldBeOk();
        Assert.Equal(1, r.Result.GetInt32());
        Assert.All(devices, d => Assert.Equal(RegistrationState.RetirePending, sandbox.Tenant.GetDevice(d.Id)!.RegistrationState));

        (await http.PutFormAsync("api/v1/device/retire", ("ids", "1"))).ShouldBeGlobalError(HttpStatusCode.NotFound, "NotFound");
        (await http.PutFormAsync("api/v1/device/retire")).ShouldHaveFieldError("ids", "Required");
        (await http.PutFormAsync("api/v1/device/retire", ("ids", "x"))).ShouldHaveFieldError("ids", "TypeMismatch");
    }
}
