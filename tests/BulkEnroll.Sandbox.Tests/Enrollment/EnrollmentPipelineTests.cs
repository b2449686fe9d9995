using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Enrollment;

/// <summary>How enrollment requests meet the sandbox's controls: latency applies, the per-API-user rate limit and
/// injected faults do not (devices are not API users); and the REST API works over HTTPS too.</summary>
public sealed class EnrollmentPipelineTests
{
    [Fact]
    public async Task Latency_delays_enrollment_requests_but_rate_limit_and_faults_leave_them_alone()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            DeviceCount = 10,
            Controls = new SandboxControlSettings { RateLimitPerSecond = 1, RateLimitBurst = 1, Fault503 = 1 },
        });
        var discovery = new Uri(sandbox.BaseAddress, "EnrollmentServer/Discovery.svc");
        using var http = new HttpClient();
        for (int i = 0; i < 5; i++)
        {
            (await Soap.PostAsync(http, discovery, Soap.Discover(Soap.NewMessageId(), discovery.AbsoluteUri, "a@contoso.com"))).ShouldBeOk(Soap.DiscoverResponseAction);
        }

        Assert.All(sandbox.RequestLog.Entries, e => Assert.Null(e.Fault));

        sandbox.Controls.Latency = TimeSpan.FromMilliseconds(250);
        var watch = Stopwatch.StartNew();
        using (var get = await http.GetAsync(sandbox.BaseAddress))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        }

        (await Soap.PostAsync(http, discovery, Soap.Discover(Soap.NewMessageId(), discovery.AbsoluteUri, "a@contoso.com"))).ShouldBeOk(Soap.DiscoverResponseAction);
        Assert.True(watch.ElapsedMilliseconds >= 480, $"two requests took {watch.ElapsedMilliseconds} ms");
        Assert.Equal(7, sandbox.RequestLog.Entries.Count(e => e.Path is "/" or "/EnrollmentServer/Discovery.svc"));
    }

    [Fact]
    public async Task The_REST_API_answers_over_HTTPS_to_a_client_that_pins_the_certificate()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { DeviceCount = 10 });
        Assert.Equal(Uri.UriSchemeHttps, sandbox.HttpsBaseAddress!.Scheme);
        Assert.True(sandbox.HttpsBaseAddress.IsLoopback);
        Assert.NotEqual(sandbox.BaseAddress.Port, sandbox.HttpsBaseAddress.Port);
        Assert.False(sandbox.TlsCertificate!.HasPrivateKey);

        using var pinned = sandbox.CreateHttpsClient(sandbox.Admin);
        using var plain = sandbox.CreateClient(sandbox.Admin);
        var overHttps = (await pinned.GetApiAsync(SandboxTestKit.DevicesUri(sandbox))).ShouldBeOk();
        var overHttp = (await plain.GetApiAsync(SandboxTestKit.DevicesUri(sandbox))).ShouldBeOk();
        Assert.Equal(overHttp.Result.GetProperty("searchResults").GetRawText(), overHttps.Result.GetProperty("searchResults").GetRawText());
        Assert.True(overHttps.TotalCount > 0);

        using var unpinned = new HttpClient { BaseAddress = sandbox.HttpsBaseAddress };
        await Assert.ThrowsAsync<HttpRequestException>(() => unpinned.GetAsync("api/v1/tenant/partition/device"));
    }

    [Fact]
    public async Task HTTPS_can_be_turned_off()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { DeviceCount = 5, Https = false });
        Assert.Null(sandbox.HttpsBaseAddress);
        Assert.Null(sandbox.TlsCertificate);
        Assert.Throws<InvalidOperationException>(() => sandbox.CreateHttpsClient());
    }
}
