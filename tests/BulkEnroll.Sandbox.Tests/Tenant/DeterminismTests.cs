using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Tenant;

public sealed class DeterminismTests
{
    private static async Task<string> FirstPage(BulkEnroll.Sandbox.SandboxServer sandbox)
    {
        using var http = sandbox.CreateClient(sandbox.Admin);
        var page = await http.GetApiAsync(SandboxTestKit.DevicesUri(sandbox, "rows=500"));
        return Regex.Replace(page.Text, "\"queryTime\":\\d+", "");
    }

    [Fact]
    public async Task Same_seed_gives_the_same_tenant_and_credentials()
    {
        await using var a = await SandboxTestKit.StartAsync(devices: 300, seed: 11);
        await using var b = await SandboxTestKit.StartAsync(devices: 300, seed: 11);
        await using var c = await SandboxTestKit.StartAsync(devices: 300, seed: 12);

        var sa = a.Tenant.Snapshot();
        var sb = b.Tenant.Snapshot();
        Assert.Equal(sa.Devices, sb.Devices);
        Assert.Equal(sa.Accounts, sb.Accounts);
        Assert.Equal(sa.Spaces, sb.Spaces);
        Assert.Equal(a.Credentials, b.Credentials, (x, y) => x.UserName == y.UserName && x.Password == y.Password && x.Roles.SequenceEqual(y.Roles));
        Assert.Equal(await FirstPage(a), await FirstPage(b));

        Assert.NotEqual(await FirstPage(a), await FirstPage(c));
        Assert.NotEqual(a.Admin.Password, c.Admin.Password);
        Assert.NotEqual(sa.Devices.Select(d => d.HardwareSerial), c.Tenant.Snapshot().Devices.Select(d => d.HardwareSerial));
    }

    [Fact]
    public async Task Reset_reseeds_to_the_same_data_and_drops_changes()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 100, seed: 4);
        var before = sandbox.Tenant.Snapshot();
        using var http = sandbox.CreateClient(sandbox.Admin);
        (await http.PostFormAsync("api/v1/accounts?sendInvite=false", ("accounts[0].uid", "temp@contoso.com"))).ShouldBeOk();
        Assert.NotNull(sandbox.Tenant.FindAccountByUid("temp@contoso.com"));

        await sandbox.ResetAsync();
        var after = sandbox.Tenant.Snapshot();
        Assert.Null(sandbox.Tenant.FindAccountByUid("temp@contoso.com"));
        Assert.Equal(before.Devices, after.Devices);
        Assert.True(after.Version > before.Version); // caches keyed on the version cannot serve old data
        Assert.Empty(sandbox.RequestLog.Entries);
    }
}
