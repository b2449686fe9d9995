using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Threading.Tasks;
using BulkEnroll.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace BulkEnroll.Tests.Connection;

/// <summary>Credentials go to the connected tenant only, and certificate checks stay on.</summary>
public sealed class TransportSecurityTests : SandboxSession
{
    [Fact]
    public void AnUntrustedCertificateIsRefusedAtOnceAndNotRetried()
    {
        var clock = Stopwatch.StartNew();
        var result = Shell.Run("Connect-BulkEnroll -TenantUri $args[0] -Credential $args[1]", Sandbox.HttpsBaseAddress, AdminCredential);

        var error = result.Error("CertificateRejected");
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Empty(Shell.Run("Get-BulkEnrollConnection").Output);
    }

    [Fact]
    public void SkipCertificateCheckIsHonouredForTheLoopbackSandbox()
    {
        Shell.Run("Connect-BulkEnroll -TenantUri $args[0] -Credential $args[1] -SkipCertificateCheck", Sandbox.HttpsBaseAddress, AdminCredential).ThrowIfErrors();
        Assert.NotEmpty(Shell.Run("Get-BulkEnrollDeviceSpace").ThrowIfErrors().Output);
    }

    [Fact]
    public async Task ARedirectToAnotherHostIsNotFollowedAndTheCredentialsNeverReachIt()
    {
        var elsewhere = new ConcurrentBag<string?>();
        await using var other = await StartAsync(app => app.Run(ctx =>
        {
            elsewhere.Add(ctx.Request.Headers.Authorization.ToString());
            return Task.CompletedTask;
        }));
        string otherAddress = other.Urls.First();
        await using var redirector = await StartAsync(app => app.Run(ctx =>
        {
            ctx.Response.StatusCode = (int)HttpStatusCode.Found;
            ctx.Response.Headers.Location = otherAddress + ctx.Request.Path + ctx.Request.QueryString;
            return Task.CompletedTask;
        }));

        var result = Shell.Run("Connect-BulkEnroll -TenantUri $args[0] -Credential $args[1]", new Uri(redirector.Urls.First()), AdminCredential);

        Assert.Equal(ErrorCategory.SecurityError, result.Error("RedirectRefused").CategoryInfo.Category);
        Assert.Empty(elsewhere);
    }

    private static async Task<WebApplication> StartAsync(Action<WebApplication> configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        configure(app);
        await app.StartAsync();
        return app;
    }
}
