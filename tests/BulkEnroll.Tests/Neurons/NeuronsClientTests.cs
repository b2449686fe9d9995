using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons;
using BulkEnroll.Neurons.Records;
using BulkEnroll.Sandbox;
using Xunit;

namespace BulkEnroll.Tests.Neurons;

/// <summary>The HTTP layer against the sandbox over real HTTP: paging, envelopes, retries, auth and cancellation.</summary>
public sealed class NeuronsClientTests : IAsyncLifetime
{
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxServer.StartAsync(new SandboxOptions { DeviceCount = 260, Seed = 11 });

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    private NeuronsClient Client(SandboxCredentials? user = null, Action<NeuronsClientOptions>? configure = null)
    {
        user ??= _sandbox.Admin;
        var options = new NeuronsClientOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(20), RetryMaxDelay = TimeSpan.FromMilliseconds(200) };
        configure?.Invoke(options);
        return new NeuronsClient(_sandbox.BaseAddress, user.UserName, user.Password, options);
    }

    private long SpaceId => _sandbox.Tenant.DefaultSpace.Id;

    [Fact]
    public async Task SearchStreamsEveryPageInOrderWithBoundedParallelism()
    {
        using var client = Client();
        var query = new QueryBuilder().Add("dmPartitionId", SpaceId).SortBy("id");
        var ids = new List<long>();
        await foreach (DeviceRecord device in client.SearchAsync<DeviceRecord>("api/v1/device", query, 3, "listing", CancellationToken.None, pageSize: 25))
        {
            ids.Add(device.Id);
        }

        long expected = _sandbox.Tenant.Snapshot().Devices.Count(d => d.SpaceId == SpaceId);
        Assert.Equal(expected, ids.Count);
        Assert.Equal(ids.OrderBy(i => i), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var pages = _sandbox.RequestLog.Entries.Where(e => e.Path == "/api/v1/device").ToList();
        Assert.Equal((int)Math.Ceiling(expected / 25.0), pages.Count);
        Assert.All(pages, p => Assert.Contains("rows=25", p.Query));
    }

    [Fact]
    public async Task MoreThan500RowsIsA400WithTheDocumentedFieldError()
    {
        using var client = Client();
        var query = new QueryBuilder().Add("dmPartitionId", SpaceId);
        var error = await Assert.ThrowsAsync<NeuronsApiException>(() => client.GetPageAsync<DeviceRecord>("api/v1/device", query, 0, 501, "listing", CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("InvalidRequest", error.ErrorId);
        var field = Assert.Single(error.FieldErrors);
        Assert.Equal("rows", field.Field);
        Assert.Equal("Range", field.Code);
        Assert.Contains("must be between 1 and 500", error.Message);
    }

    [Fact]
    public async Task ThrottlingIsRetriedAfterRetryAfterAndNeverSurfaces()
    {
        _sandbox.Controls.RateLimitPerSecond = 2;
        _sandbox.Controls.RateLimitBurst = 1;
        using var client = Client();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < 4; i++)
        {
            await new TenantApi(client).GetDeviceSpacesAsync(CancellationToken.None);
        }

        var entries = _sandbox.RequestLog.Entries;
        Assert.Contains(entries, e => e.StatusCode == 429);
        Assert.Equal(4, entries.Count(e => e.StatusCode == 200));
        Assert.True(client.Gate.ThrottledCount > 0);
        // Retry-After is in whole seconds: the client waited at least one before trying again.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task ServerErrorsAndResetsAreRetriedForReads()
    {
        // 503 carries Retry-After: 1 (a second per retry), so it is kept rare here; RetriesStop... covers it.
        _sandbox.Controls.Update(s => s with { Fault500 = 0.2, Fault502 = 0.1, Fault503 = 0.03, FaultConnectionReset = 0.1 });
        using var client = Client(configure: o => o.MaxRetryCount = 20);
        for (int i = 0; i < 12; i++)
        {
            var spaces = await new TenantApi(client).GetDeviceSpacesAsync(CancellationToken.None);
            Assert.Equal(_sandbox.Tenant.Spaces.Count, spaces.Count);
        }

        Assert.Contains(_sandbox.RequestLog.Entries, e => e.Fault != null);
    }

    [Fact]
    public async Task RetriesStopAtTheConfiguredCountWithAServerErrorId()
    {
        _sandbox.Controls.Update(s => s with { Fault503 = 1.0 });
        using var client = Client(configure: o => o.MaxRetryCount = 2);
        var error = await Assert.ThrowsAsync<NeuronsApiException>(() => new TenantApi(client).GetDeviceSpacesAsync(CancellationToken.None));

        Assert.Equal("ServerError", error.ErrorId);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(3, _sandbox.RequestLog.Entries.Count(e => e.Path == "/api/v1/tenant/partition/device"));
    }

    [Fact]
    public async Task ALostAnswerToAChangeIsNotResentButFlaggedAsUnknown()
    {
        _sandbox.Controls.Update(s => s with { Fault500 = 1.0, PostProcessingFaultShare = 1.0 });
        using var client = Client();
        var target = _sandbox.Tenant.Snapshot().Accounts.First(a => !a.IsGeneric);
        var device = _sandbox.Tenant.Snapshot().Devices.First(d => d.IsBulkEnrolled && d.Owner.Id == d.Enroller.Id && d.SpaceId == SpaceId);

        var error = await Assert.ThrowsAsync<NeuronsApiException>(
            () => new DevicesApi(client).UpdateAccountAsync(target.Id, new[] { device.Id }, CancellationToken.None));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Single(_sandbox.RequestLog.Entries, e => e.Path == "/api/v1/device/updateAccount");
    }

    [Fact]
    public async Task ConnectionResetOnAChangeIsReportedAsOutcomeUnknown()
    {
        _sandbox.Controls.Update(s => s with { FaultConnectionReset = 1.0, PostProcessingFaultShare = 1.0 });
        using var client = Client();
        var target = _sandbox.Tenant.Snapshot().Accounts.First(a => !a.IsGeneric);
        var device = _sandbox.Tenant.Snapshot().Devices.First(d => d.IsBulkEnrolled && d.Owner.Id == d.Enroller.Id && d.SpaceId == SpaceId);

        var error = await Assert.ThrowsAsync<NeuronsApiException>(
            () => new DevicesApi(client).UpdateAccountAsync(target.Id, new[] { device.Id }, CancellationToken.None));

        Assert.True(error.OutcomeUnknown, $"{error.ErrorId}: {error.Message} / {error.InnerException}");
        Assert.Single(_sandbox.RequestLog.Entries, e => e.Path == "/api/v1/device/updateAccount");
    }

    [Fact]
    public async Task UnknownIdsAnswer404AsNotFound()
    {
        using var client = Client();
        var error = await Assert.ThrowsAsync<NeuronsApiException>(() => new DevicesApi(client).GetAsync(SpaceId, 987654321, CancellationToken.None));
        Assert.Equal("NotFound", error.ErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, error.Category);
    }

    [Fact]
    public async Task WrongCredentialsAndMissingRolesMapToTypedErrors()
    {
        using var wrong = new NeuronsClient(_sandbox.BaseAddress, _sandbox.Admin.UserName, "wrong", new NeuronsClientOptions());
        var unauthorized = await Assert.ThrowsAsync<NeuronsApiException>(() => new TenantApi(wrong).GetDeviceSpacesAsync(CancellationToken.None));
        Assert.Equal("Unauthorized", unauthorized.ErrorId);
        Assert.Single(_sandbox.RequestLog.Entries); // 401 is never retried

        using var devicesOnly = Client(_sandbox.DevicesOnly);
        var forbidden = await Assert.ThrowsAsync<NeuronsApiException>(() => new AccountsApi(devicesOnly).FindByUidAsync("x@contoso.com", CancellationToken.None));
        Assert.Equal("Forbidden", forbidden.ErrorId);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task CancellationStopsAnInFlightRequestAtOnce()
    {
        _sandbox.Controls.Latency = TimeSpan.FromSeconds(10);
        using var client = Client();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new TenantApi(client).GetDeviceSpacesAsync(cancel.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task AttemptTimeoutIsRetriedAndTheOverallBudgetEndsIt()
    {
        _sandbox.Controls.Latency = TimeSpan.FromSeconds(5);
        using var client = Client(configure: o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(300);
            o.MaxRetryDuration = TimeSpan.FromSeconds(1);
        });

        var error = await Assert.ThrowsAsync<NeuronsApiException>(() => new TenantApi(client).GetDeviceSpacesAsync(CancellationToken.None));
        Assert.Equal("Timeout", error.ErrorId);
        Assert.Contains("within 1 s (-MaxRetryDuration", error.Message);
        // Logged when the sandbox ends it, which for an abandoned request may be after the client returned.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _sandbox.RequestLog.WaitForAsync(e => e.Path.StartsWith("/api/", StringComparison.Ordinal), deadline.Token);
    }

    [Fact]
    public async Task AChangeWhoseAttemptTimesOutIsNotResentAndTheMessageNamesTheAttemptLimit()
    {
        _sandbox.Controls.Latency = TimeSpan.FromSeconds(3);
        var options = new NeuronsClientOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(20), RetryMaxDelay = TimeSpan.FromMilliseconds(200), RequestTimeout = TimeSpan.FromMilliseconds(300) };
        // Attempts are counted where the client hands them to the network: the sandbox logs a request only when it
        // ends, which for an abandoned one may be after the call has already returned.
        var attempts = new AttemptCounter(new HttpClientHandler());
        using var client = new NeuronsClient(_sandbox.BaseAddress, _sandbox.Admin.UserName, _sandbox.Admin.Password, options, attempts);
        var target = _sandbox.Tenant.Snapshot().Accounts.First(a => !a.IsGeneric);
        var device = _sandbox.Tenant.Snapshot().Devices.First(d => d.IsBulkEnrolled && d.Owner.Id == d.Enroller.Id && d.SpaceId == SpaceId);

        var error = await Assert.ThrowsAsync<NeuronsApiException>(
            () => new DevicesApi(client).UpdateAccountAsync(target.Id, new[] { device.Id }, CancellationToken.None));

        Assert.Equal("Timeout", error.ErrorId);
        Assert.True(error.OutcomeUnknown);
        Assert.Contains("within 0.3 s (-RequestTimeout of the last attempt)", error.Message);
        Assert.Equal(1, attempts.Count("/api/v1/device/updateAccount"));
    }

    [Fact]
    public async Task ATimeoutNamesTheLast429AndItsRetryAfter()
    {
        _sandbox.Controls.Fault429 = 1;
        _sandbox.Controls.FaultRetryAfterSeconds = 30;
        // Long enough for the first answer even on a cold start; the 30 s wait it asks for then outlasts it.
        using var client = Client(configure: o => o.MaxRetryDuration = TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<NeuronsApiException>(() => new TenantApi(client).GetDeviceSpacesAsync(CancellationToken.None));
        Assert.Equal("Timeout", error.ErrorId);
        Assert.Contains("within 10 s (-MaxRetryDuration", error.Message);
        Assert.True(error.Message.Contains("the tenant's last answer: HTTP 429 Too Many Requests with Retry-After 30 s", StringComparison.Ordinal), error.Message);
        Assert.Contains("throttling", error.RecommendedAction);
    }

    [Fact]
    public async Task ATimeoutNamesTheLastServerError()
    {
        _sandbox.Controls.Fault502 = 1;
        using var client = Client(configure: o =>
        {
            // Long enough for the first answer on a busy machine; the budget then ends during the first wait.
            o.MaxRetryDuration = TimeSpan.FromSeconds(10);
            o.RetryBaseDelay = TimeSpan.FromSeconds(60);
            o.RetryMaxDelay = TimeSpan.FromSeconds(60);
        });

        var error = await Assert.ThrowsAsync<NeuronsApiException>(() => new TenantApi(client).GetDeviceSpacesAsync(CancellationToken.None));
        Assert.Equal("Timeout", error.ErrorId);
        Assert.True(error.Message.Contains("the tenant's last answer: HTTP 502", StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public async Task ADeadTenantOpensTheBreakerAndLaterCallsFailAtOnceWithoutBeingSent()
    {
        _sandbox.Controls.FaultConnectionReset = 1;
        var options = new NeuronsClientOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(20), RetryMaxDelay = TimeSpan.FromMilliseconds(200) };
        var attempts = new AttemptCounter(new HttpClientHandler());
        using var client = new NeuronsClient(_sandbox.BaseAddress, _sandbox.Admin.UserName, _sandbox.Admin.Password, options, attempts);
        var clock = Stopwatch.StartNew();
        var calls = Enumerable.Range(0, 8).Select(_ => new TenantApi(client).GetDeviceSpacesAsync(CancellationToken.None)).ToList();
        foreach (var call in calls)
        {
            var error = await Assert.ThrowsAsync<NeuronsApiException>(() => call);
            Assert.Equal("TenantUnavailable", error.ErrorId);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        var first = await Assert.ThrowsAsync<NeuronsApiException>(() => new TenantApi(client).GetDeviceSpacesAsync(CancellationToken.None));
        Assert.Contains(_sandbox.BaseAddress.GetLeftPart(UriPartial.Authority), first.Message);
        Assert.Contains("the last: no answer:", first.Message);
        Assert.Contains("run the same command again", first.RecommendedAction);
        // Counted where the client hands requests to the network: an open breaker sends nothing.
        int sent = attempts.Count("/api/v1/tenant/partition/device");
        Assert.True(sent >= Resilience.BreakerMinimumThroughput, $"{sent} attempts");
        await Assert.ThrowsAsync<NeuronsApiException>(() => new TenantApi(client).GetDeviceSpacesAsync(CancellationToken.None));
        Assert.Equal(sent, attempts.Count("/api/v1/tenant/partition/device"));
    }

    [Fact]
    public async Task ATenantSilentToTheOnlyCallInFlightOpensTheBreakerBeforeItsRetriesRunOut()
    {
        // One call, nothing else: too few attempts for the failure ratio, and retries that would outlast any test.
        // Only the silence rule can end it, and it must end as TenantUnavailable, not Unreachable after every retry.
        _sandbox.Controls.FaultConnectionReset = 1;
        using var client = Client(configure: o =>
        {
            o.MaxRetryCount = 100_000;
            o.MaxRetryDuration = TimeSpan.FromHours(1);
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(50);
            o.BreakerSilence = TimeSpan.FromMilliseconds(300);
        });

        var error = await Assert.ThrowsAsync<NeuronsApiException>(() => new TenantApi(client).GetDeviceSpacesAsync(CancellationToken.None));
        Assert.Equal("TenantUnavailable", error.ErrorId);
        Assert.Contains("the last: no answer:", error.Message);
    }

    [Fact]
    public async Task AnyAnswerKeepsTheSilenceRuleFromOpeningTheBreaker()
    {
        // Throttled on every attempt: the tenant is alive, so the call ends on its retry budget, not the breaker.
        _sandbox.Controls.Fault429 = 1;
        _sandbox.Controls.FaultRetryAfterSeconds = 0;
        using var client = Client(configure: o =>
        {
            o.MaxRetryCount = 40;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(50);
            o.BreakerSilence = TimeSpan.FromMilliseconds(1);
        });

        var error = await Assert.ThrowsAsync<NeuronsApiException>(() => new TenantApi(client).GetDeviceSpacesAsync(CancellationToken.None));
        Assert.NotEqual("TenantUnavailable", error.ErrorId);
    }

    /// <summary>Counts the requests the client sends, per path, as they leave it.</summary>
    private sealed class AttemptCounter(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _counts = new();

        public int Count(string path) => _counts.TryGetValue(path, out int n) ? n : 0;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _counts.AddOrUpdate(request.RequestUri!.AbsolutePath, 1, (_, n) => n + 1);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
