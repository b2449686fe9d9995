using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Middleware;

public sealed class FaultTests
{
    [Theory]
    [InlineData(429, "TooManyRequests")]
    [InlineData(500, "InternalServerError")]
    [InlineData(502, "BadGateway")]
    [InlineData(503, "ServiceUnavailable")]
    public async Task Status_faults_answer_an_envelope_and_are_logged(int status, string name)
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 20, controls: c => status switch
        {
            429 => c with { Fault429 = 1 },
            500 => c with { Fault500 = 1 },
            502 => c with { Fault502 = 1 },
            _ => c with { Fault503 = 1 },
        });
        using var http = sandbox.CreateClient(sandbox.Admin);
        var r = await http.GetApiAsync("api/v1/metadata/tenant");
        r.ShouldBeGlobalError((HttpStatusCode)status, name);
        if (status is 429 or 503)
        {
            Assert.Equal(TimeSpan.FromSeconds(1), r.Headers.RetryAfter!.Delta);
        }

        var entry = Assert.Single(sandbox.RequestLog.Entries);
        Assert.Equal(name, entry.Fault);
        Assert.Equal(status, entry.StatusCode);
    }

    [Fact]
    public async Task Connection_reset_aborts_the_connection()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 20, controls: c => c with { FaultConnectionReset = 1 });
        using var http = sandbox.CreateClient(sandbox.Admin);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("api/v1/metadata/tenant"));
        var entry = Assert.Single(sandbox.RequestLog.Entries);
        Assert.Equal(FaultNames.ConnectionReset, entry.Fault);
        Assert.Equal(0, entry.StatusCode);
    }

    [Fact]
    public async Task Slow_response_arrives_late_and_complete()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 20,
            controls: c => c with { FaultSlowResponse = 1, SlowResponseDelay = TimeSpan.FromMilliseconds(400) });
        using var http = sandbox.CreateClient(sandbox.Admin);
        var sw = Stopwatch.StartNew();
        (await http.GetApiAsync("api/v1/metadata/tenant")).ShouldBeOk();
        Assert.True(sw.ElapsedMilliseconds >= 380, $"answered after {sw.ElapsedMilliseconds} ms");
        Assert.Equal(FaultNames.SlowResponse, Assert.Single(sandbox.RequestLog.Entries).Fault);
    }

    [Fact]
    public async Task Slow_response_can_time_the_client_out_after_the_change_was_made()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 20,
            controls: c => c with { FaultSlowResponse = 1, SlowResponseDelay = TimeSpan.FromMinutes(5) });
        using var http = sandbox.CreateClient(sandbox.Admin);
        // The client must get the request out before it gives up, even on a loaded machine (300 ms did not always);
        // the sandbox ends the slow answer as soon as the client hangs up, so a long delay costs nothing.
        http.Timeout = TimeSpan.FromSeconds(3);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => http.PostAsync("api/v1/accounts?sendInvite=false",
            new FormUrlEncodedContent([new("accounts[0].uid", "slow@contoso.com")])));

        // The client gave up; the sandbox finishes the request on its own time. Wait for it (the deadline only turns a
        // request that never arrived into a clear failure), then look at what it did.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        RequestLogEntry entry = await sandbox.RequestLog.WaitForAsync(e => e.Path == "/api/v1/accounts", deadline.Token);
        Assert.Equal(FaultNames.SlowResponse, entry.Fault);
        Assert.NotNull(sandbox.Tenant.FindAccountByUid("slow@contoso.com"));
    }

    [Fact]
    public async Task Post_processing_500_makes_the_change_but_loses_the_answer()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 20, controls: c => c with { Fault500 = 1, PostProcessingFaultShare = 1 });
        using var http = sandbox.CreateClient(sandbox.Admin);
        var r = await http.PostFormAsync("api/v1/accounts?sendInvite=false", ("accounts[0].uid", "after@contoso.com"));
        r.ShouldBeGlobalError(HttpStatusCode.InternalServerError, "InternalServerError");
        Assert.NotNull(sandbox.Tenant.FindAccountByUid("after@contoso.com"));
        var entry = Assert.Single(sandbox.RequestLog.Entries);
        Assert.True(entry.FaultAfterHandler);
        Assert.Equal(500, entry.StatusCode);
    }

    [Fact]
    public async Task Post_processing_reset_makes_the_change_but_drops_the_connection()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 20, controls: c => c with { FaultConnectionReset = 1, PostProcessingFaultShare = 1 });
        using var http = sandbox.CreateClient(sandbox.Admin);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync("api/v1/accounts?sendInvite=false",
            new FormUrlEncodedContent([new("accounts[0].uid", "reset-after@contoso.com")])));
        Assert.NotNull(sandbox.Tenant.FindAccountByUid("reset-after@contoso.com"));
        Assert.True(Assert.Single(sandbox.RequestLog.Entries).FaultAfterHandler);
    }

    [Fact]
    public async Task Pre_processing_500_makes_no_change()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 20, controls: c => c with { Fault502 = 1, PostProcessingFaultShare = 0 });
        using var http = sandbox.CreateClient(sandbox.Admin);
        var r = await http.PostFormAsync("api/v1/accounts?sendInvite=false", ("accounts[0].uid", "before@contoso.com"));
        r.ShouldBeGlobalError(HttpStatusCode.BadGateway, "BadGateway");
        Assert.Null(sandbox.Tenant.FindAccountByUid("before@contoso.com"));
        Assert.False(Assert.Single(sandbox.RequestLog.Entries).FaultAfterHandler);
    }

    [Fact]
    public async Task Probabilities_mix_faults_and_successes_and_admin_routes_are_exempt()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 20, controls: c => c with { Fault500 = 0.3, Fault503 = 0.2 });
        using var http = sandbox.CreateClient(sandbox.Admin);
        int ok = 0, e500 = 0, e503 = 0;
        for (int i = 0; i < 200; i++)
        {
            var r = await http.GetApiAsync("api/v1/metadata/tenant");
            if (r.Status == HttpStatusCode.OK)
            {
                ok++;
            }
            else if (r.Status == HttpStatusCode.InternalServerError)
            {
                e500++;
            }
            else if (r.Status == HttpStatusCode.ServiceUnavailable)
            {
                e503++;
            }
        }
        Assert.Equal(200, ok + e500 + e503);
        Assert.InRange(ok, 70, 130);
        Assert.InRange(e500, 35, 85);
        Assert.InRange(e503, 20, 60);

        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("_sandbox/controls")).StatusCode);
        }

        Assert.Equal(200, sandbox.RequestLog.Entries.Count); // admin requests are not logged
    }

    [Fact]
    public async Task Latency_is_added_to_api_requests_only()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 20, controls: c => c with { Latency = TimeSpan.FromSeconds(3) });
        using var http = sandbox.CreateClient(sandbox.Admin);
        await http.GetAsync("_sandbox/controls"); // warm the connection
        var sw = Stopwatch.StartNew();
        (await http.GetApiAsync("api/v1/metadata/tenant")).ShouldBeOk();
        // The latency is a floor, so the first bound is exact; the admin call only has to beat the floor it would
        // have if latency applied to it, which leaves a loaded machine seconds to spare.
        Assert.True(sw.ElapsedMilliseconds >= 2990, $"{sw.ElapsedMilliseconds} ms");
        sw.Restart();
        await http.GetAsync("_sandbox/controls");
        Assert.True(sw.ElapsedMilliseconds < 2990, $"{sw.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Invalid_fault_settings_are_refused()
    {
        var controls = new SandboxControlSettings();
        Assert.Throws<ArgumentOutOfRangeException>(() => (controls with { Fault500 = 1.5 }).Validated());
        Assert.Throws<ArgumentOutOfRangeException>(() => (controls with { Fault500 = 0.6, Fault502 = 0.6 }).Validated());
        Assert.Throws<ArgumentOutOfRangeException>(() => (controls with { Latency = TimeSpan.FromMilliseconds(-1) }).Validated());
    }
}
