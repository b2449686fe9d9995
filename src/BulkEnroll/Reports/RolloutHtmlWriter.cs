using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace BulkEnroll.Reports;

/// <summary>
/// The rollout report as one self-contained HTML page a manager can open offline or as a mail attachment: inline CSS,
/// an inline SVG chart, no script, font or image from anywhere. Every value from the tenant is HTML-encoded.
/// </summary>
internal static class RolloutHtmlWriter
{
    /// <summary>The chart's two colours; tests look for them in the rendered pixels.</summary>
    public const string EnrolledColour = "#4c78a8";

    public const string AssignedColour = "#f58518";

    private const int Width = 760;
    private const int Height = 320;
    private const int Left = 56;
    private const int Right = 16;
    private const int Top = 16;
    private const int Bottom = 40;

    public static string Write(IReadOnlyList<RolloutProgress> rows, IReadOnlyList<RolloutDay> timeline, long undatedDevices,
        string tenant, string deviceSpace, DateTime generatedAt)
    {
        RolloutProgress total = rows.Single(r => r.IsTotal);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Bulk enrollment rollout - ").Append(Encode(tenant)).Append("</title>\n")
            .Append("<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n")
            .Append("<h1>Bulk enrollment rollout</h1>\n")
            .Append("<p class=\"meta\">Tenant <b>").Append(Encode(tenant)).Append("</b>, device space <b>").Append(Encode(deviceSpace))
            .Append("</b>; generated ").Append(Encode(generatedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))).Append(".</p>\n");

        AppendTiles(html, total);
        AppendChart(html, timeline, undatedDevices);
        AppendTable(html, rows);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendTiles(StringBuilder html, RolloutProgress total)
    {
        html.Append("<div class=\"tiles\">\n");
        Tile(html, "Enrolled", "Enrolled", total.Enrolled, "devices enrolled by generic users");
        Tile(html, "Assigned", "Assigned", total.Assigned, $"{Number(total.PercentAssigned)} % of active devices");
        Tile(html, "Waiting", "Waiting", total.Waiting, "on a generic user, to assign");
        Tile(html, "InProgress", "In progress", total.InProgress, "reassignment under way");
        Tile(html, "Failed", "Failed", total.Failed, "last reassignment failed");
        Tile(html, "Retired", "Retired", total.Retired, "retired or wiped");
        html.Append("</div>\n");
    }

    private static void Tile(StringBuilder html, string field, string label, long value, string caption)
        => html.Append("<div class=\"tile\"><div class=\"label\">").Append(label).Append("</div><div class=\"value\" data-field=\"")
            .Append(field).Append("\">").Append(Number(value)).Append("</div><div class=\"caption\">").Append(Encode(caption)).Append("</div></div>\n");

    private static void AppendChart(StringBuilder html, IReadOnlyList<RolloutDay> timeline, long undatedDevices)
    {
        html.Append("<h2>Enrollments and assignments over time</h2>\n");
        if (timeline.Count == 0)
        {
            html.Append("<p class=\"empty\">No device has enrolled yet.</p>\n");
            return;
        }

        DateTime first = timeline[0].Date;
        // The last totals hold for a visible stretch (3 % of the span, one day at least), so the chart ends on
        // today's numbers and a rollout that happened in one day still draws as an area.
        DateTime lastDay = timeline[timeline.Count - 1].Date;
        DateTime last = lastDay.AddDays(Math.Max(1, Math.Ceiling((lastDay - first).TotalDays * 0.03)));
        double span = (last - first).TotalDays;
        long max = Math.Max(1, timeline[timeline.Count - 1].EnrolledSoFar);
        double plotWidth = Width - Left - Right;
        double plotHeight = Height - Top - Bottom;
        double X(DateTime d) => Left + ((d - first).TotalDays / span * plotWidth);
        double Y(long v) => Top + plotHeight - (v * plotHeight / max);

        html.Append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(Height)
            .Append("\" width=\"").Append(Width).Append("\" height=\"").Append(Height).Append("\" role=\"img\" aria-label=\"")
            .Append("Devices enrolled and assigned, running totals by enrollment day\">\n");
        foreach (long tick in new[] { 0, max / 2, max }.Distinct())
        {
            string y = Number(Y(tick));
            html.Append("<line class=\"grid\" x1=\"").Append(Left).Append("\" x2=\"").Append(Width - Right).Append("\" y1=\"").Append(y).Append("\" y2=\"").Append(y).Append("\"/>")
                .Append("<text class=\"axis\" x=\"").Append(Left - 6).Append("\" y=\"").Append(y).Append("\" text-anchor=\"end\" dominant-baseline=\"middle\">")
                .Append(Number(tick)).Append("</text>\n");
        }

        html.Append("<path id=\"enrolled-area\" fill=\"").Append(EnrolledColour).Append("\" d=\"").Append(StepArea(timeline, d => d.EnrolledSoFar, X, Y, last)).Append("\"/>\n")
            .Append("<path id=\"assigned-area\" fill=\"").Append(AssignedColour).Append("\" d=\"").Append(StepArea(timeline, d => d.AssignedSoFar, X, Y, last)).Append("\"/>\n");
        html.Append("<text class=\"axis\" x=\"").Append(Left).Append("\" y=\"").Append(Height - 18).Append("\">").Append(Day(first)).Append("</text>")
            .Append("<text class=\"axis\" x=\"").Append(Width - Right).Append("\" y=\"").Append(Height - 18).Append("\" text-anchor=\"end\">")
            .Append(Day(timeline[timeline.Count - 1].Date)).Append("</text>\n")
            .Append("</svg>\n");

        RolloutDay end = timeline[timeline.Count - 1];
        html.Append("<p class=\"legend\"><span class=\"swatch\" style=\"background:").Append(EnrolledColour).Append("\"></span>Enrolled <b data-series=\"enrolled\">")
            .Append(Number(end.EnrolledSoFar)).Append("</b> <span class=\"swatch\" style=\"background:").Append(AssignedColour)
            .Append("\"></span>Assigned now <b data-series=\"assigned\">").Append(Number(end.AssignedSoFar)).Append("</b></p>\n")
            // The API gives no date for an assignment, only who owns a device now ([GAP] in docs/reference/ivanti-api.md).
            .Append("<p class=\"note\">Running totals by the day each device enrolled (its registration time). The API records no date for an assignment, so a device assigned since counts on the day it enrolled.");
        if (undatedDevices > 0)
        {
            html.Append(' ').Append(Number(undatedDevices)).Append(" device(s) without a registration time are counted in the table but not drawn.");
        }

        html.Append("</p>\n");
    }

    /// <summary>A step area: the running total holds from one enrollment day to the next.</summary>
    private static string StepArea(IReadOnlyList<RolloutDay> days, Func<RolloutDay, long> value, Func<DateTime, double> x, Func<long, double> y, DateTime end)
    {
        var d = new StringBuilder();
        string baseline = Number(y(0));
        d.Append("M").Append(Number(x(days[0].Date))).Append(',').Append(baseline);
        for (int i = 0; i < days.Count; i++)
        {
            string top = Number(y(value(days[i])));
            string from = Number(x(days[i].Date));
            string to = Number(x(i + 1 < days.Count ? days[i + 1].Date : end));
            d.Append(" L").Append(from).Append(',').Append(top).Append(" L").Append(to).Append(',').Append(top);
        }

        d.Append(" L").Append(Number(x(end))).Append(',').Append(baseline).Append(" Z");
        return d.ToString();
    }

    private static void AppendTable(StringBuilder html, IReadOnlyList<RolloutProgress> rows)
    {
        html.Append("<h2>Per generic user</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th>Generic user</th><th>Enrolled</th><th>Assigned</th><th>Waiting</th>")
            .Append("<th>In progress</th><th>Failed</th><th>Retired</th><th>Assigned %</th><th>First enrolled</th><th>Last enrolled</th></tr></thead>\n<tbody>\n");
        foreach (RolloutProgress row in rows)
        {
            html.Append(row.IsTotal ? "<tr class=\"total\">" : "<tr>")
                .Append("<th scope=\"row\">").Append(row.IsTotal ? "Total" : Encode(row.UserPrincipalName)).Append("</th>")
                .Append("<td>").Append(Number(row.Enrolled)).Append("</td><td>").Append(Number(row.Assigned)).Append("</td><td>").Append(Number(row.Waiting))
                .Append("</td><td>").Append(Number(row.InProgress)).Append("</td><td>").Append(Number(row.Failed)).Append("</td><td>").Append(Number(row.Retired))
                .Append("</td><td>").Append(Number(row.PercentAssigned)).Append("</td><td>").Append(Day(row.FirstEnrolledAt)).Append("</td><td>")
                .Append(Day(row.LastEnrolledAt)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table></div>\n");
    }

    private static string Encode(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Day(DateTime? value) => value is DateTime d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty;

    // System fonts only: nothing is fetched, so the page looks the same offline and in a mail client.
    private const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 24px; color: #1b1b1b; background: #ffffff; }
        h1 { font-size: 1.5em; margin: 0 0 4px; }
        h2 { font-size: 1.1em; margin: 24px 0 8px; }
        .meta, .note { color: #555555; font-size: 0.9em; }
        .tiles { display: flex; flex-wrap: wrap; gap: 12px; }
        .tile { border: 1px solid #d0d0d0; border-radius: 6px; padding: 8px 12px; min-width: 110px; }
        .tile .label { font-size: 0.8em; color: #555555; }
        .tile .value { font-size: 1.6em; font-weight: 600; }
        .tile .caption { font-size: 0.75em; color: #777777; }
        .chart .grid { stroke: #e0e0e0; stroke-width: 1; }
        .chart .axis { font-size: 12px; fill: #555555; }
        .legend .swatch { display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 12px; vertical-align: middle; }
        table { border-collapse: collapse; font-size: 0.9em; }
        th, td { border-bottom: 1px solid #e0e0e0; padding: 4px 10px; text-align: right; }
        th[scope=row], thead th:first-child { text-align: left; }
        th, td { white-space: nowrap; }
        .scroll { overflow-x: auto; }
        tr.total { font-weight: 600; }

        """;
}
