using System;
using System.Text;
using System.Threading.Tasks;
using BulkEnroll.Sandbox;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Devices;

/// <summary>
/// Device pages are read by the module's own reader (Neurons/Reading): a page the tenant garbled half-way must end
/// the listing with the module's MalformedResponse error, saying what was wrong and where in the answer, as the
/// serializer's failures did.
/// </summary>
public sealed class MalformedPageTests : SandboxSession
{
    protected override SandboxOptions Options => new() { DeviceCount = 2_000, Seed = 3 };

    [Fact]
    public async Task AGarbledDevicePageEndsTheListingWithMalformedResponseNamingWhereInTheAnswer()
    {
        // The stand-in tenant forwards everything to the sandbox, but drops the quotes of one registrationState well
        // into each device page's records: "registrationState":ACTIVE is not JSON.
        long garbledAt = -1;
        await using var tenant = await StandInTenant.StartAsync(Sandbox.BaseAddress, rewrite: (ctx, body) =>
        {
            const string state = "\"registrationState\":\"ACTIVE\"";
            int at = body.Length > 20_000 ? body.IndexOf(state, 20_000, StringComparison.Ordinal) : -1;
            if (ctx.Request.Path != "/api/v1/device" || !ctx.Request.Query.ContainsKey("fq") || at < 0)
            {
                return body;
            }

            garbledAt = Encoding.UTF8.GetByteCount(body.Substring(0, at));
            return body.Substring(0, at) + "\"registrationState\":ACTIVE" + body.Substring(at + state.Length);
        });
        Shell.Run("Connect-BulkEnroll -TenantUri $args[0] -Credential $args[1]", tenant.BaseAddress, AdminCredential).ThrowIfErrors();

        var result = Shell.Run("Get-BulkEnrolledDevice");

        Assert.True(garbledAt > 0, "no device page was long enough to garble");
        string message = result.Error("MalformedResponse").Exception.Message;
        Assert.Contains("was not the documented JSON envelope", message, StringComparison.Ordinal);
        Assert.Contains("registrationState: Expected a string or null, found 'A'.", message, StringComparison.Ordinal);
        Assert.Contains("a device record in searchResults", message, StringComparison.Ordinal);
        Assert.Contains("Run the command again", message, StringComparison.Ordinal);
        Assert.Contains("Test-BulkEnrollTenant", message, StringComparison.Ordinal);
        // The record that holds the garbled field starts before it, and within a record's length of it.
        long recordStart = long.Parse(System.Text.RegularExpressions.Regex.Match(message, @"At byte (\d+) of the answer").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(recordStart, 1, garbledAt);
        Assert.True(garbledAt - recordStart < 4096, message);
    }
}
