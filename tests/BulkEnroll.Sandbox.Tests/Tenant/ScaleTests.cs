using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace BulkEnroll.Sandbox.Tests.Tenant;

public sealed class ScaleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_port_in_use_fails_cleanly()
    {
        await using var first = await SandboxTestKit.StartAsync(devices: 10);
        await Assert.ThrowsAnyAsync<System.IO.IOException>(() =>
            SandboxServer.StartAsync(new SandboxOptions { DeviceCount = 10, Port = first.BaseAddress.Port }));
        Assert.Equal("127.0.0.1", first.BaseAddress.Host);
        Assert.EndsWith("/", first.BaseAddress.AbsoluteUri);
    }

    [Fact]
    // Speed is measured by the benchmarks; this proves the 100k tenant is whole and pages through completely.
    public async Task Hundred_thousand_devices_seed_and_every_page_is_served()
    {
        var sw = Stopwatch.StartNew();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { DeviceCount = 100_000, Seed = 1 });
        output.WriteLine($"start with 100k devices: {sw.ElapsedMilliseconds} ms");
        Assert.Equal(100_000, sandbox.Tenant.Snapshot().Devices.Count);

        var generic = sandbox.Tenant.Snapshot().Account("windows-bulkenroll-user1@contoso.com");
        using var http = sandbox.CreateClient(sandbox.Admin);
        string uri = SandboxTestKit.DevicesUri(sandbox, $"rows=500&fq=EMAILADDRESS+EQ+{generic.Uid}");
        sw.Restart();
        var first = (await http.GetApiAsync(uri + "&start=0")).ShouldBeOk();
        output.WriteLine($"first filtered page (scan): {sw.ElapsedMilliseconds} ms, totalCount {first.TotalCount}");
        int expected = sandbox.Tenant.Snapshot().Devices.Count(d => d.SpaceId == sandbox.Tenant.DefaultSpace.Id && d.Owner.Id == generic.Id);
        Assert.Equal(expected, first.TotalCount);

        sw.Restart();
        int pages = 0, seen = first.SearchResults.Count;
        for (int start = 500; start < first.TotalCount; start += 500, pages++)
        {
            seen += (await http.GetApiAsync($"{uri}&start={start}")).ShouldBeOk().SearchResults.Count;
        }

        output.WriteLine($"{pages} further pages: {sw.ElapsedMilliseconds} ms");
        Assert.Equal(expected, seen);
    }
}
