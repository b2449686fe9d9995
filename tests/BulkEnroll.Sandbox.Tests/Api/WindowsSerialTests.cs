using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Api;

/// <summary>The "Windows serialNumber filled" control: the S16 fixture shows null, an integration filters on it.</summary>
public sealed class WindowsSerialTests
{
    [Fact]
    public async Task Windows_serial_is_null_by_default_and_in_the_record_and_filter_when_filled()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 40);
        var device = sandbox.Tenant.Snapshot().Devices.First(d => d.IsWindows);
        using var http = sandbox.CreateClient(sandbox.ReadOnly);
        string one = $"api/v1/device/{device.Id}?dmPartitionId={device.SpaceId}";
        string bySerial = $"api/v1/device?dmPartitionId={device.SpaceId}&fq=serialNumber={device.HardwareSerial}";

        Assert.Equal(JsonValueKind.Null, (await http.GetApiAsync(one)).ShouldBeOk().Result.GetProperty("serialNumber").ValueKind);
        Assert.Equal(0, (await http.GetApiAsync(bySerial)).ShouldBeOk().TotalCount);

        sandbox.Controls.Update(c => c with { WindowsSerialNumberFilled = true });
        Assert.Equal(device.HardwareSerial, (await http.GetApiAsync(one)).ShouldBeOk().Result.GetProperty("serialNumber").GetString());
        // The same query again: a cached answer from before the switch must not be served.
        var found = (await http.GetApiAsync(bySerial)).ShouldBeOk();
        Assert.Equal(device.Id, Assert.Single(found.SearchResults).GetProperty("id").GetInt64());

        sandbox.Controls.Update(c => c with { WindowsSerialNumberFilled = false });
        Assert.Equal(0, (await http.GetApiAsync(bySerial)).ShouldBeOk().TotalCount);
    }
}
