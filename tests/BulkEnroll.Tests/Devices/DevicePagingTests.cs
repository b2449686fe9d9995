using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Sandbox;
using BulkEnroll.Sandbox.Tenant;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Devices;

/// <summary>
/// A small fleet (a dozen pages over three generic users): what makes it slow is round trips in a row, so every
/// page must be requested as soon as it is known, not when the pipeline gets to it.
/// </summary>
public sealed class DevicePagingTests : SandboxSession
{
    protected override SandboxOptions Options => new() { DeviceCount = 10_000, Seed = 1 };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Connect().ThrowIfErrors();
        Sandbox.RequestLog.Clear();
    }

    private List<SandboxDevice> ExpectedDevices()
        => Sandbox.Tenant.Snapshot().Devices
            .Where(d => d.IsBulkEnrolled && d.IsWindows && d.SpaceId == Sandbox.Tenant.DefaultSpace.Id && d.RegistrationState == RegistrationState.Active)
            .ToList();

    [Fact]
    public void EveryPageIsRequestedWhileThePipelineStillHoldsTheFirstDevice()
    {
        // Each generic user's pages (an unused one still costs its first page), 500 rows each.
        var perUser = ExpectedDevices().GroupBy(d => d.Enroller.Id).ToDictionary(g => g.Key, g => g.Count());
        var pages = Sandbox.Tenant.Snapshot().Accounts.Where(a => a.IsGeneric)
            .SelectMany(a => Enumerable.Range(0, Math.Max(1, (perUser.GetValueOrDefault(a.Id) + 499) / 500)).Select(p => (User: a.Id, Start: p * 500)))
            .ToList();
        Assert.InRange(pages.Count, 10, 16); // several pages per user, and no more than -ThrottleLimit 8 lets the module hold ahead

        using var stop = new CancellationTokenSource();
        Task allRequested = Task.WhenAll(pages.Select(p => Sandbox.RequestLog.WaitForAsync(e => IsPage(e, p.User, p.Start), stop.Token)));
        try
        {
            // The first device waits in ForEach-Object until the sandbox has answered every page (or 60 s pass: a failure).
            var result = Shell.Run(
                "$all = $args[0]; $n = 0; Get-BulkEnrolledDevice -ThrottleLimit 8 | ForEach-Object { if ($n++ -eq 0) { $all.Wait([TimeSpan]::FromSeconds(60)) } }",
                allRequested).ThrowIfErrors();
            Assert.True((bool)result.Output.First().BaseObject,
                $"with the first device still in the pipeline, {pages.Count(p => Sandbox.RequestLog.Entries.Any(e => IsPage(e, p.User, p.Start)))} of {pages.Count} pages had been requested");
        }
        finally
        {
            stop.Cancel();
        }
    }

    [Fact]
    public void EachUsersDevicesComeTogetherInIdOrderUsersByName()
    {
        var devices = Shell.Run("Get-BulkEnrolledDevice -ThrottleLimit 8").ThrowIfErrors().All<BulkEnrolledDevice>();

        var expected = ExpectedDevices().OrderBy(d => d.Enroller.Uid, StringComparer.OrdinalIgnoreCase).ThenBy(d => d.Id).Select(d => d.Id).ToList();
        Assert.Equal(expected, devices.Select(d => d.Id).ToList());
    }

    [Fact]
    public void CtrlCStopsAListingAtOnceWhilePagesAreStillOnTheirWay()
    {
        // Once the first device is out, every later request takes a minute: only cancelling them ends the command now.
        using var running = Shell.Start(
            "$controls = $args[0]; $n = 0; Get-BulkEnrolledDevice -ThrottleLimit 2 | ForEach-Object { if ($n++ -eq 0) { $controls.Latency = [TimeSpan]::FromMinutes(1) }; $_ }",
            Sandbox.Controls);
        try
        {
            Assert.True(SpinWait.SpinUntil(() => running.Output.Count > 0, TimeSpan.FromSeconds(60)), "no device was listed");
            TimeSpan stopTook = running.Stop();

            Assert.True(stopTook < TimeSpan.FromSeconds(10), $"stop took {stopTook}");
            Assert.Equal(System.Management.Automation.PSInvocationState.Stopped, running.State);
            Assert.True(running.Output.Count < ExpectedDevices().Count, "the listing ran to its end");
        }
        finally
        {
            Sandbox.Controls.Latency = TimeSpan.Zero;
        }
    }

    private static bool IsPage(RequestLogEntry entry, long user, int start)
        => entry.Path == "/api/v1/device" && entry.StatusCode == 200
            && Uri.UnescapeDataString(entry.Query).Contains($"enrollerId={user} ", StringComparison.Ordinal)
            && Regex.IsMatch(entry.Query, $"[?&]start={start}(&|$)");
}
