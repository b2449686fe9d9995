using System.Diagnostics;
using System.Management.Automation;
using System.Text.Json;

namespace BulkEnroll.Benchmarks;

/// <summary>
/// Set-DeviceAssignment for many devices through a throttled tenant: the sandbox allows R requests/s per API
/// user with 50 ms latency. Reports the requests/s the run achieved as a ratio of R, the 429s the tenant sent
/// (all absorbed: the run must end with no error), and a one-request-at-a-time baseline.
/// </summary>
internal static class AssignmentBenchmark
{
    public static async Task RunAsync(Report report, int assignments, double ratePerSecond, int latencyMs)
    {
        // Enough seeded devices that `assignments` of them are bulk-enrolled, unassigned and active in the default space.
        int devices = Math.Max(2000, assignments * 5);
        await using var sandbox = await SandboxProcess.StartAsync(devices, "--reassign-delay-ms", "100");
        using var shell = new HostedPowerShell();
        shell.Connect(sandbox);
        int baselineCount = Math.Min(300, assignments / 10);
        List<PSObject> waiting = shell.Invoke($"@(Get-BulkEnrolledDevice -Unassigned -RegistrationState ACTIVE)[0..{assignments + baselineCount - 1}]");
        JsonElement state = await sandbox.StateAsync();
        string[] users = state.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("ownerUid").GetString()!)
            .Where(u => !u.StartsWith("windows-bulkenroll", StringComparison.OrdinalIgnoreCase)).Distinct().ToArray();
        if (waiting.Count < assignments + baselineCount || users.Length < assignments + baselineCount)
        {
            throw new InvalidOperationException($"Not enough devices ({waiting.Count}) or users ({users.Length}) seeded.");
        }

        // CSV-shaped input: each device to its own user, as a real assignment list is.
        object[] Rows(int skip, int take) => Enumerable.Range(skip, take)
            .Select(i => (object)new PSObject(new { Id = (long)waiting[i].Properties["Id"].Value, UserPrincipalName = users[i] }))
            .ToArray();

        await sandbox.SetControlsAsync(new { rateLimitPerSecond = ratePerSecond, latencyMs });
        await sandbox.ClearRequestsAsync();
        string label = ratePerSecond > 0
            ? $"Assign {assignments:N0} devices (limit {ratePerSecond:0} requests/s, {latencyMs} ms latency)"
            : $"Assign {assignments:N0} devices (no rate limit, {latencyMs} ms latency)";
        var clock = Stopwatch.StartNew();
        var statuses = shell.Invoke("$args[0] | Set-DeviceAssignment | ForEach-Object { $_.Status.ToString() }", (object)Rows(0, assignments));
        clock.Stop();
        var results = statuses.GroupBy(s => s.ToString()).Select(g => $"{g.Count()} {g.Key}");
        List<JsonElement> requests = await sandbox.RequestsAsync();
        int accepted = requests.Count(r => r.GetProperty("statusCode").GetInt32() != 429);
        int throttled = requests.Count(r => r.GetProperty("statusCode").GetInt32() == 429);
        double achieved = accepted / clock.Elapsed.TotalSeconds;
        string ofLimit = ratePerSecond > 0 ? $"{Report.F(achieved / ratePerSecond, "0.00")} of the limit; " : string.Empty;
        report.Add(label, "Set-DeviceAssignment", $"{Report.F(achieved)} requests/s", $"{ofLimit}{string.Join(", ", results)}; {Report.F(clock.Elapsed.TotalSeconds)} s");
        report.Add(label, "assignments per second", Report.F(assignments / clock.Elapsed.TotalSeconds), $"{accepted:N0} requests for {assignments:N0} devices");
        report.Add(label, "429 responses absorbed", throttled.ToString("N0"), "retried after Retry-After; none surfaced");

        shell.Invoke("Disconnect-BulkEnroll");
        shell.Connect(sandbox, "-MaxConcurrentRequests 1");
        await sandbox.ClearRequestsAsync();
        var baseline = Stopwatch.StartNew();
        shell.Invoke("$args[0] | Set-DeviceAssignment -ThrottleLimit 1 | Out-Null", (object)Rows(assignments, baselineCount));
        baseline.Stop();
        int baselineRequests = (await sandbox.RequestsAsync()).Count(r => r.GetProperty("statusCode").GetInt32() != 429);
        double baselineRate = baselineRequests / baseline.Elapsed.TotalSeconds;
        report.Add(label, $"baseline: one request at a time ({baselineCount} devices)", $"{Report.F(baselineRate)} requests/s",
            $"{Report.F(baselineCount / baseline.Elapsed.TotalSeconds)} assignments/s; concurrent is {Report.F(achieved / baselineRate)}x faster");
    }
}
