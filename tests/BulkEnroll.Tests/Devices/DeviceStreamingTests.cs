using System;
using System.Linq;
using BulkEnroll.Sandbox;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Devices;

/// <summary>
/// A fleet large enough that one generic user's devices span many pages, far more than the module's bounded
/// buffers hold: the first device must reach the pipeline while later pages are still to be fetched.
/// </summary>
public sealed class DeviceStreamingTests : SandboxSession
{
    protected override SandboxOptions Options => new() { DeviceCount = 20_000, Seed = 21 };

    protected override bool ConnectsOnStart => true;

    [Fact]
    public void DevicesStreamBeforeTheLastPageIsFetched()
    {
        // Count the device-page requests the sandbox had seen when the first device reached the pipeline.
        var result = Shell.Run(
            "$log = $args[0]; Get-BulkEnrolledDevice -EnrolledBy windows-bulkenroll-user1@contoso.com -ThrottleLimit 1 | ForEach-Object -Begin { $first = $null } -Process { if ($null -eq $first) { $first = @($log.Entries | Where-Object Path -eq '/api/v1/device').Count } } -End { $first }",
            Sandbox.RequestLog).ThrowIfErrors();

        int pagesAtFirstDevice = Convert.ToInt32(result.Output.Last().BaseObject);
        int pagesInAll = Sandbox.RequestLog.Entries.Count(e => e.Path == "/api/v1/device");
        Assert.True(pagesInAll >= 4, $"{pagesInAll} pages");
        Assert.True(pagesAtFirstDevice < pagesInAll, $"first device after {pagesAtFirstDevice} of {pagesInAll} pages");
    }
}
