using System;
using System.Collections.Generic;
using System.Linq;
using BulkEnroll.Sandbox;
using BulkEnroll.Sandbox.Tenant;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Reports;

public sealed class RolloutReportCmdletTests : SandboxSession
{
    // Enough devices that each generic user's listing spans several pages.
    protected override SandboxOptions Options => new() { DeviceCount = 900, Seed = 18 };

    protected override bool ConnectsOnStart => true;

    /// <summary>The report's buckets worked out from the sandbox's own records of the connection's device space.</summary>
    private Dictionary<string, long[]> Expected()
        => Sandbox.Tenant.Snapshot().Devices
            .Where(d => d.IsBulkEnrolled && d.SpaceId == Sandbox.Tenant.DefaultSpace.Id)
            .GroupBy(d => d.Enroller.Uid, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => new long[]
            {
                g.Count(),
                g.Count(d => d.RegistrationState == RegistrationState.Active && d.Owner.Id != d.Enroller.Id),
                g.Count(d => d.RegistrationState == RegistrationState.Active && d.Owner.Id == d.Enroller.Id && d.LastReassignmentStatus is null or ReassignmentStatus.Success),
                g.Count(d => d.RegistrationState == RegistrationState.Active && d.Owner.Id == d.Enroller.Id && d.LastReassignmentStatus == ReassignmentStatus.Initiated),
                g.Count(d => d.RegistrationState == RegistrationState.Active && d.Owner.Id == d.Enroller.Id && d.LastReassignmentStatus == ReassignmentStatus.Failed),
                g.Count(d => d.RegistrationState != RegistrationState.Active),
            }, StringComparer.OrdinalIgnoreCase);

    private static long[] Counts(RolloutProgress row) => new[] { row.Enrolled, row.Assigned, row.Waiting, row.InProgress, row.Failed, row.Retired };

    [Theory]
    [InlineData(ReassignmentStatusStyle.Upper)]
    [InlineData(ReassignmentStatusStyle.Title)]
    [InlineData(ReassignmentStatusStyle.Pending)]
    public void CountsEachBucketAsTheTenantHoldsItWhateverTheStatusSpelling(ReassignmentStatusStyle style)
    {
        Sandbox.Controls.ReassignmentStatusStyle = style;
        // Reassignments the tenant has not finished yet: the InProgress bucket.
        Sandbox.Controls.ReassignmentDelay = TimeSpan.FromHours(1);
        Shell.Run("Get-BulkEnrolledDevice -Unassigned | Select-Object -First 3 | Set-DeviceAssignment -UserPrincipalName adele.vance@contoso.com -NoWait").ThrowIfErrors();

        var rows = Shell.Run("Get-BulkEnrollRolloutReport").ThrowIfErrors().All<RolloutProgress>();
        var expected = Expected();

        Assert.True(rows[rows.Count - 1].IsTotal);
        var users = rows.Take(rows.Count - 1).ToList();
        Assert.All(users, r => Assert.False(r.IsTotal));
        foreach (RolloutProgress row in users.Where(r => r.Enrolled > 0))
        {
            Assert.Equal(expected[row.UserPrincipalName!], Counts(row));
        }

        RolloutProgress total = rows[rows.Count - 1];
        Assert.Equal(expected.Values.Sum(v => v[0]), total.Enrolled);
        Assert.Equal(3, total.InProgress);
        Assert.True(total.Failed > 0 && total.Retired > 0 && total.Waiting > 0 && total.Assigned > 0, "the seeded tenant has every kind");
        Assert.Equal(total.Enrolled, total.Assigned + total.Waiting + total.InProgress + total.Failed + total.Retired);
        Assert.Equal(users.Select(r => r.UserPrincipalName).OrderBy(u => u, StringComparer.OrdinalIgnoreCase), users.Select(r => r.UserPrincipalName));
    }

    [Fact]
    public void ReadsOneDeviceListingPerGenericUserAndNoInventory()
    {
        Shell.Run("Get-BulkEnrollRolloutReport").ThrowIfErrors();

        var deviceReads = Sandbox.RequestLog.Entries.Where(e => e.Path.StartsWith("/api/v1/device", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(deviceReads);
        Assert.All(deviceReads, e => Assert.Equal("/api/v1/device", e.Path));
        Assert.All(deviceReads, e => Assert.Contains("enrollerId", Uri.UnescapeDataString(e.Query), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void WritesTheHtmlPageWithTheTotals()
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"rollout-{Guid.NewGuid():n}.html");
        try
        {
            var rows = Shell.Run("Get-BulkEnrollRolloutReport -HtmlPath $args[0]", path).ThrowIfErrors().All<RolloutProgress>();
            string html = System.IO.File.ReadAllText(path);
            RolloutProgress total = rows[rows.Count - 1];
            Assert.Contains($"data-field=\"Enrolled\">{total.Enrolled}<", html, StringComparison.Ordinal);
            Assert.Contains($"data-field=\"Assigned\">{total.Assigned}<", html, StringComparison.Ordinal);
            Assert.Contains(Sandbox.Tenant.DefaultSpace.Name, html, StringComparison.Ordinal);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
