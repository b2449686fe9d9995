using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Middleware;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Over_the_limit_is_429_with_retry_after_per_user()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 20, controls: c => c with { RateLimitPerSecond = 0.2, RateLimitBurst = 3 });
        using var admin = sandbox.CreateClient(sandbox.Admin);
        var results = new List<ApiResult>();
        for (int i = 0; i < 5; i++)
        {
            results.Add(await admin.GetApiAsync("api/v1/metadata/tenant"));
        }

        Assert.All(results.Take(3), r => r.ShouldBeOk());
        var limited = results[3];
        limited.ShouldBeGlobalError(HttpStatusCode.TooManyRequests, "TooManyRequests");
        var retryAfter = limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
        Assert.InRange(retryAfter, 1, 5); // one token takes 5 s at 0.2/s; whole seconds, rounded up
        Assert.Equal(HttpStatusCode.TooManyRequests, results[4].Status);

        // Another API user has its own bucket.
        using var readOnly = sandbox.CreateClient(sandbox.ReadOnly);
        (await readOnly.GetApiAsync("api/v1/metadata/tenant")).ShouldBeOk();

        // The log shows genuine throttling, not an injected fault.
        var entry = sandbox.RequestLog.Entries.First(e => e.StatusCode == 429);
        Assert.Null(entry.Fault);
        Assert.Equal(sandbox.Admin.UserName, entry.User);
    }

    [Fact]
    public async Task Tokens_refill_and_the_limit_can_be_changed_at_runtime()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 20, controls: c => c with { RateLimitPerSecond = 20, RateLimitBurst = 1 });
        using var http = sandbox.CreateClient(sandbox.Admin);
        (await http.GetApiAsync("api/v1/metadata/tenant")).ShouldBeOk();
        await Task.Delay(120); // > 1/20 s: one token back
        (await http.GetApiAsync("api/v1/metadata/tenant")).ShouldBeOk();

        sandbox.Controls.RateLimitPerSecond = 0; // off
        for (int i = 0; i < 20; i++)
        {
            (await http.GetApiAsync("api/v1/metadata/tenant")).ShouldBeOk();
        }
    }

    [Fact]
    public async Task Unauthenticated_and_admin_requests_are_not_rate_limited()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 20, controls: c => c with { RateLimitPerSecond = 0.1, RateLimitBurst = 1 });
        using var anonymous = sandbox.CreateClient();
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetApiAsync("api/v1/metadata/tenant")).Status);
        }

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("_sandbox/controls")).StatusCode);
        }
    }
}
