using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Sandbox;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Devices;

/// <summary>
/// A small fleet (a dozen pages over three generic users): what makes it slow is waiting in a row, so every page
/// must be requested as soon as it is known, not when the pipeline gets to it.
/// </summary>
public sealed class DevicePagingTests : SandboxSession
{
    protected override SandboxOptions Options => new() { DeviceCount = 10_000, Seed = 1 };

    protected override bool ConnectsOnStart => true;

    [Fact]
    public void PagesAreFetchedAheadOfThePipelineNotWhenItGetsToThem()
    {
        // Even one request at a time, the module keeps the next pages coming while the pipeline is busy: page 3 is
        // asked for while the first device is still in ForEach-Object (a pager driven by the pipeline would wait for it).
        var user = Sandbox.Tenant.Snapshot().Accounts.First(a => a.Uid.StartsWith("windows-bulkenroll-user1@", StringComparison.Ordinal));
        Assert.True(ListedByDefault().Count(d => d.Enroller.Id == user.Id) > 1500, "the user's devices must span four pages");

        using var stop = new CancellationTokenSource();
        Task ahead = Task.WhenAll(new[] { 0, 500, 1000 }.Select(start => Sandbox.RequestLog.WaitForAsync(e => IsPage(e, user.Id, start), stop.Token)));
        try
        {
            var result = Shell.Run(
                "$ahead = $args[0]; $n = 0; Get-BulkEnrolledDevice -EnrolledBy $args[1] -ThrottleLimit 1 | ForEach-Object { if ($n++ -eq 0) { $ahead.Wait([TimeSpan]::FromSeconds(60)) } }",
                ahead, user.Uid).ThrowIfErrors();
            Assert.True((bool)result.Output.First().BaseObject, "pages 1 to 3 were not all requested in 60 s while the pipeline held the first device");
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

        var expected = ListedByDefault().OrderBy(d => d.Enroller.Uid, StringComparer.OrdinalIgnoreCase).ThenBy(d => d.Id).Select(d => d.Id).ToList();
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
            Assert.True(running.Output.Count < ListedByDefault().Count, "the listing ran to its end");
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
