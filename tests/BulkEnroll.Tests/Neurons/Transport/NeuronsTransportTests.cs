using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Security;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons;
using BulkEnroll.Neurons.Transport;
using BulkEnroll.Packaging;
using BulkEnroll.Sandbox;
using Xunit;

namespace BulkEnroll.Tests.Neurons.Transport;

/// <summary>Issue 16: what the module's own HTTP handler asks for, whatever the process defaults are.</summary>
public sealed class NeuronsTransportTests
{
    [Fact]
    public void TheHandlerAsksForTls12And13AndAlwaysJudgesTheCertificateItself()
    {
        var handler = (HttpClientHandler)new NeuronsTransport(new NeuronsClientOptions()).Handler;
        Assert.True(handler.SslProtocols.HasFlag(SslProtocols.Tls12));
        Assert.True(handler.SslProtocols.HasFlag(SslProtocols.Tls13));
        // Without a callback of its own, .NET Framework would ask ServicePointManager's session-wide one.
        Assert.NotNull(handler.ServerCertificateCustomValidationCallback);
    }

    [Theory]
    [InlineData("https://127.0.0.1:5443/", true)]
    [InlineData("https://localhost:5443/", true)]
    [InlineData("https://na1.mobileiron.com/", false)]
    public void SkipCertificateCheckExcusesOnlyLoopbackHosts(string url, bool accepted)
    {
        var check = new CertificateCheck(skipOnLoopback: true, pin: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        Assert.Equal(accepted, check.Validate(request, null, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.Equal(accepted ? null : "RemoteCertificateChainErrors", check.LastRejection);
    }

    [Fact]
    public void ATrustedCertificatePassesAndAnyFaultIsRefusedWithoutAPin()
    {
        var check = new CertificateCheck(skipOnLoopback: false, pin: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://na1.mobileiron.com/");
        Assert.True(check.Validate(request, null, null, SslPolicyErrors.None));
        Assert.Null(check.LastRejection);
        Assert.False(check.Validate(request, null, null, SslPolicyErrors.RemoteCertificateNameMismatch));
        Assert.Equal("RemoteCertificateNameMismatch", check.LastRejection);
    }

    [Fact]
    public async Task PostsGoWithoutExpect100Continue()
    {
        await using SandboxServer sandbox = await SandboxServer.StartAsync(new SandboxOptions { DeviceCount = 20 });
        var seen = new ConcurrentQueue<(HttpMethod Method, bool? ExpectContinue)>();
        var capture = new Capture(new HttpClientHandler(), seen);
        using var client = new NeuronsClient(sandbox.BaseAddress, sandbox.Admin.UserName, sandbox.Admin.Password, new NeuronsClientOptions { MaxRetryCount = 0 }, capture);
        var form = new[] { new KeyValuePair<string, string>("accounts[0].principal", "nobody") };
        // Whatever the tenant answers to this form, the request was sent: the header is what matters.
        await Assert.ThrowsAnyAsync<Exception>(() => client.SendFormAsync<JsonElement>(HttpMethod.Post, "api/v1/accounts", null, form, idempotent: false, "a test POST", CancellationToken.None));
        Assert.Contains(seen, r => r.Method == HttpMethod.Post && r.ExpectContinue == false);
        Assert.DoesNotContain(seen, r => r.ExpectContinue == true);
    }

    [Fact]
    public void Sha256IsTheStandardDigest()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256Hex.Of(Encoding.ASCII.GetBytes("abc")));
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes("abc"));
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256Hex.Of(stream));
    }

    /// <summary>SHA256.Create() is SHA256Managed on .NET Framework, which throws under the FIPS policy: one helper decides.</summary>
    [Fact]
    public void NoCodeMakesItsOwnSha256()
    {
        var offending = new[] { "src/BulkEnroll", "src/BulkEnroll.Packaging" }
            .SelectMany(d => Directory.EnumerateFiles(RepositoryFiles.Path(d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.EndsWith("Sha256Hex.cs", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("SHA256.Create(", StringComparison.Ordinal) || File.ReadAllText(f).Contains("SHA256Managed", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(offending);
    }

    private sealed class Capture(HttpMessageHandler inner, ConcurrentQueue<(HttpMethod, bool?)> seen) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Enqueue((request.Method, request.Headers.ExpectContinue));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
