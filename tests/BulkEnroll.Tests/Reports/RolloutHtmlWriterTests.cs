using System;
using System.Linq;
using System.Text.RegularExpressions;
using BulkEnroll.Reports;
using Xunit;

namespace BulkEnroll.Tests.Reports;

public sealed class RolloutHtmlWriterTests
{
    private static BulkEnrolledDevice Device(string enrolledBy, string state, string? assignedTo, string? status, DateTime? enrolledAt)
        => new() { EnrolledBy = enrolledBy, RegistrationState = state, AssignedTo = assignedTo, ReassignmentStatus = status, EnrolledAt = enrolledAt };

    private static RolloutTally Tally()
    {
        var tally = new RolloutTally();
        var day1 = new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
        var day2 = day1.AddDays(2);
        tally.AddUser("windows-bulkenroll-empty@contoso.com");
        tally.Add(Device("windows-bulkenroll-a@contoso.com", "ACTIVE", "adele@contoso.com", "SUCCESS", day1));
        tally.Add(Device("windows-bulkenroll-a@contoso.com", "ACTIVE", null, null, day1));
        tally.Add(Device("windows-bulkenroll-a@contoso.com", "ACTIVE", null, "INITIATED", day2));
        tally.Add(Device("windows-bulkenroll-b@contoso.com", "ACTIVE", null, "FAILED", day2));
        tally.Add(Device("windows-bulkenroll-b@contoso.com", "RETIRED", "alex@contoso.com", "SUCCESS", day2));
        tally.Add(Device("windows-bulkenroll-b@contoso.com", "ACTIVE", "alex@contoso.com", null, null));
        return tally;
    }

    [Fact]
    public void PutsEachDeviceInOneBucketPerUserAndInTotal()
    {
        var rows = Tally().Rows();

        Assert.Equal(new[] { "windows-bulkenroll-a@contoso.com", "windows-bulkenroll-b@contoso.com", "windows-bulkenroll-empty@contoso.com", null },
            rows.Select(r => r.UserPrincipalName));
        RolloutProgress a = rows[0], b = rows[1], empty = rows[2], total = rows[3];
        Assert.Equal((3L, 1L, 1L, 1L, 0L, 0L), (a.Enrolled, a.Assigned, a.Waiting, a.InProgress, a.Failed, a.Retired));
        // An assigned device that was retired since is out of the rollout, not assigned.
        Assert.Equal((3L, 1L, 0L, 0L, 1L, 1L), (b.Enrolled, b.Assigned, b.Waiting, b.InProgress, b.Failed, b.Retired));
        Assert.Equal(0, empty.Enrolled);
        Assert.Equal(0, empty.PercentAssigned);
        Assert.True(total.IsTotal);
        Assert.Equal((6L, 2L, 1L, 1L, 1L, 1L), (total.Enrolled, total.Assigned, total.Waiting, total.InProgress, total.Failed, total.Retired));
        Assert.Equal(40, total.PercentAssigned); // 2 of the 5 still ACTIVE
        Assert.Equal(new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc), total.FirstEnrolledAt);
        Assert.Equal(new DateTime(2026, 3, 3, 9, 0, 0, DateTimeKind.Utc), total.LastEnrolledAt);
    }

    [Fact]
    public void TimelineRunsTotalsByEnrollmentDayAndLeavesUndatedDevicesOut()
    {
        var tally = Tally();
        var days = tally.Timeline();

        Assert.Equal(new[] { new DateTime(2026, 3, 1), new DateTime(2026, 3, 3) }, days.Select(d => d.Date));
        Assert.Equal(new[] { 2L, 5L }, days.Select(d => d.EnrolledSoFar));
        Assert.Equal(new[] { 1L, 1L }, days.Select(d => d.AssignedSoFar));
        Assert.Equal(1, tally.UndatedDevices);
    }

    [Fact]
    public void PageIsSelfContainedAndEncodesEveryTenantValue()
    {
        var tally = new RolloutTally();
        tally.Add(Device("windows-bulkenroll-r&d<b>@contoso.com", "ACTIVE", null, null, new DateTime(2026, 3, 1)));
        string html = RolloutHtmlWriter.Write(tally.Rows(), tally.Timeline(), tally.UndatedDevices, "tenant<x>.example", "Paris & \"Lab\"", new DateTime(2026, 3, 2));

        Assert.Contains("windows-bulkenroll-r&amp;d&lt;b&gt;@contoso.com", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>@contoso", html, StringComparison.Ordinal);
        Assert.Contains("tenant&lt;x&gt;.example", html, StringComparison.Ordinal);
        Assert.Contains("Paris &amp; &quot;Lab&quot;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex(@"\b(src|href)\s*=|url\(|@import", RegexOptions.IgnoreCase), html);
    }

    [Fact]
    public void ChartDrawsBothAreasToTheirTotals()
    {
        var tally = Tally();
        string html = RolloutHtmlWriter.Write(tally.Rows(), tally.Timeline(), tally.UndatedDevices, "t", "Global", DateTime.UtcNow);

        Assert.Matches($"<path id=\"enrolled-area\" fill=\"{RolloutHtmlWriter.EnrolledColour}\" d=\"M[^\"]+ Z\"", html);
        Assert.Matches($"<path id=\"assigned-area\" fill=\"{RolloutHtmlWriter.AssignedColour}\" d=\"M[^\"]+ Z\"", html);
        Assert.Contains("data-series=\"enrolled\">5<", html, StringComparison.Ordinal);
        Assert.Contains("data-series=\"assigned\">1<", html, StringComparison.Ordinal);
        Assert.Contains("1 device(s) without a registration time", html, StringComparison.Ordinal);
        // The enrolled area reaches the top of the plot (y = 16): the y scale ends at the enrolled total.
        Assert.Contains(",16 L", html, StringComparison.Ordinal);
    }

    [Fact]
    public void SaysSoWhenNothingHasEnrolled()
    {
        var tally = new RolloutTally();
        tally.AddUser("windows-bulkenroll-new@contoso.com");
        string html = RolloutHtmlWriter.Write(tally.Rows(), tally.Timeline(), 0, "t", "Global", DateTime.UtcNow);

        Assert.Contains("No device has enrolled yet.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
    }
}
