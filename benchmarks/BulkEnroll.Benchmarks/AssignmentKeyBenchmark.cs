using System.Diagnostics;
using System.Management.Automation;
using System.Text.Json;

namespace BulkEnroll.Benchmarks;

/// <summary>
/// Issue 15's measure: assignments per second as a share of the tenant's limit R, when rows name the device by id,
/// by serial number (a reseller's list; the tenant filling serialNumber or not) or by name, each device to its own
/// user, and the requests each assignment cost (the figure that decides the first one under a limit). Also with the
/// tenant refusing several keys in one filter (the one-key-per-query fallback).
/// </summary>
internal static class AssignmentKeyBenchmark
{
    public static async Task RunAsync(Report report, int assignments, double ratePerSecond, int latencyMs)
    {
        foreach ((string key, bool filled, bool refuseOr) in new[]
        {
            ("Id", false, false), ("SerialNumber", true, false), ("SerialNumber", false, false), ("DeviceName", false, false), ("Id", false, true), ("SerialNumber", true, true),
        })
        {
            await RunOneAsync(report, assignments, ratePerSecond, latencyMs, key, filled, refuseOr);
        }
    }

    private static async Task RunOneAsync(Report report, int assignments, double ratePerSecond, int latencyMs, string key, bool filled, bool refuseOr)
    {
        await using var sandbox = await SandboxProcess.StartAsync(Math.Max(2000, assignments * 5), "--reassign-delay-ms", "100",
            "--windows-serial", filled ? "filled" : "null", "--refuse-or-filters", refuseOr ? "true" : "false");
        using var shell = new HostedPowerShell();
        shell.Connect(sandbox);
        JsonElement state = await sandbox.StateAsync();
        var all = state.GetProperty("devices").EnumerateArray().ToList();
        // The connection's device space only: the module's own listing says which devices those are.
        var waiting = new HashSet<long>(shell.Invoke("Get-BulkEnrolledDevice -Unassigned -RegistrationState ACTIVE | ForEach-Object Id").Select(o => Convert.ToInt64(o.BaseObject)));
        var devices = all.Where(d => waiting.Contains(d.GetProperty("id").GetInt64())).Take(assignments).ToList();
        string[] users = all.Select(d => d.GetProperty("ownerUid").GetString()!)
            .Where(u => !u.StartsWith("windows-bulkenroll", StringComparison.OrdinalIgnoreCase)).Distinct().Take(assignments).ToArray();
        if (devices.Count < assignments || users.Length < assignments)
        {
            throw new InvalidOperationException($"Not enough devices ({devices.Count}) or users ({users.Length}) seeded.");
        }

        object[] rows = devices.Select((d, i) =>
        {
            var row = new PSObject();
            object value = key switch
            {
                "Id" => d.GetProperty("id").GetInt64(),
                "SerialNumber" => d.GetProperty("serialNumber").GetString()!,
                _ => d.GetProperty("deviceName").GetString()!,
            };
            row.Properties.Add(new PSNoteProperty(key, value));
            row.Properties.Add(new PSNoteProperty("UserPrincipalName", users[i]));
            return (object)row;
        }).ToArray();

        await sandbox.SetControlsAsync(new { rateLimitPerSecond = ratePerSecond, latencyMs });
        await sandbox.ClearRequestsAsync();
        var clock = Stopwatch.StartNew();
        var statuses = shell.Invoke("$args[0] | Set-DeviceAssignment | ForEach-Object { $_.Status.ToString() }", (object)rows);
        clock.Stop();
        List<JsonElement> requests = await sandbox.RequestsAsync();
        int accepted = requests.Count(r => r.GetProperty("statusCode").GetInt32() != 429);
        int throttled = requests.Count(r => r.GetProperty("statusCode").GetInt32() == 429);
        double perSecond = assignments / clock.Elapsed.TotalSeconds;
        string label = $"Assign {assignments} devices by {key}{(key == "SerialNumber" ? filled ? " (tenant fills serialNumber)" : " (serialNumber empty: names searched, then listed once; inventory proves each)" : string.Empty)}"
            + $"{(refuseOr ? ", tenant refuses or-filters" : string.Empty)} (R = {ratePerSecond:0}/s, {latencyMs} ms)";
        report.Add(label, "assignments/s", $"{Report.F(perSecond)} ({Report.F(perSecond / ratePerSecond, "0.00")} R)",
            $"{Report.F((double)accepted / assignments, "0.00")} requests per assignment; {string.Join(", ", statuses.GroupBy(s => s.ToString()).Select(g => $"{g.Count()} {g.Key}"))}; {throttled} 429 absorbed; {Report.F(clock.Elapsed.TotalSeconds)} s");
    }
}
