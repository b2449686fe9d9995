using System.Text.Json;

namespace BulkEnroll.Benchmarks;

/// <summary>
/// The listing and assignment scenarios in the real pwsh on the built module folder, each next to a plain script
/// doing the same work with Invoke-RestMethod one call at a time, against the same sandbox in the same run; and
/// cold Import-Module in a new pwsh process.
/// </summary>
internal static class RealShellBenchmark
{
    public static async Task ListingAsync(Report report, int devices, int latencyMs)
    {
        string module = RealShell.Module;
        await using var sandbox = await SandboxProcess.StartAsync(devices, "--latency-ms", latencyMs.ToString());
        long space = await sandbox.DefaultSpaceIdAsync();
        string label = $"pwsh 7.6, built module: list a {devices:N0}-device fleet ({latencyMs} ms latency)";

        JsonElement ours = RealShell.RunScript("Module.Listing.ps1", module, sandbox.BaseAddress.ToString(), sandbox.UserName, sandbox.Password, "8");
        JsonElement plain = RealShell.RunScript("Plain.Listing.ps1", sandbox.BaseAddress.ToString(), sandbox.UserName, sandbox.Password, space.ToString());
        long count = ours.GetProperty("count").GetInt64();
        if (count != plain.GetProperty("count").GetInt64())
        {
            throw new InvalidOperationException($"The module listed {count} devices, the plain script {plain.GetProperty("count").GetInt64()}.");
        }

        double rate = count / ours.GetProperty("seconds").GetDouble();
        double plainRate = count / plain.GetProperty("seconds").GetDouble();
        report.Add(label, "`Get-BulkEnrolledDevice -ThrottleLimit 8 | Measure-Object`", $"{Report.F(rate, "N0")} devices/s", $"{count:N0} devices in {Report.F(ours.GetProperty("seconds").GetDouble(), "0.00")} s");
        report.Add(label, "plain script: Invoke-RestMethod page by page", $"{Report.F(plainRate, "N0")} devices/s", $"the module is {Report.F(rate / plainRate)}x faster");
    }

    public static async Task AssignmentAsync(Report report, int moduleRows, int plainRows, int latencyMs)
    {
        string module = RealShell.Module;
        await using var sandbox = await SandboxProcess.StartAsync(Math.Max(2000, (moduleRows + plainRows) * 5), "--latency-ms", latencyMs.ToString());
        long space = await sandbox.DefaultSpaceIdAsync();
        JsonElement state = await sandbox.StateAsync();
        var devices = state.GetProperty("devices").EnumerateArray()
            .Where(d => d.GetProperty("bulkEnrolled").GetBoolean() && d.GetProperty("platformType").GetString() == "WINDOWS_PHONE"
                && d.GetProperty("dmPartitionId").GetInt64() == space && d.GetProperty("registrationState").GetString() == "ACTIVE"
                && d.GetProperty("ownerId").GetInt64() == d.GetProperty("enrollerId").GetInt64())
            .Select(d => d.GetProperty("id").GetInt64()).ToList();
        string[] users = state.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("ownerUid").GetString()!)
            .Where(u => !u.StartsWith("windows-bulkenroll", StringComparison.OrdinalIgnoreCase)).Distinct().ToArray();
        if (devices.Count < moduleRows + plainRows || users.Length < moduleRows + plainRows)
        {
            throw new InvalidOperationException($"Not enough unassigned devices ({devices.Count}) or users ({users.Length}) seeded.");
        }

        // CSV as an admin has it: each device to its own user.
        string folder = Directory.CreateTempSubdirectory("bulkenroll-bench-assign-").FullName;
        try
        {
            string Csv(string name, int skip, int take)
            {
                string path = Path.Combine(folder, name);
                File.WriteAllLines(path, new[] { "Id,UserPrincipalName" }.Concat(Enumerable.Range(skip, take).Select(i => $"{devices[i]},{users[i]}")));
                return path;
            }

            string label = $"pwsh 7.6, built module: assign devices from a CSV, each to its own user (no rate limit, {latencyMs} ms latency)";
            string moduleCsv = Csv("module.csv", 0, moduleRows);
            string plainCsv = Csv("plain.csv", moduleRows, plainRows);

            await sandbox.ClearRequestsAsync();
            JsonElement ours = RealShell.RunScript("Module.Assignment.ps1", module, sandbox.BaseAddress.ToString(), sandbox.UserName, sandbox.Password, moduleCsv);
            double oursPerRow = await RequestsAsync(sandbox) / (double)moduleRows;
            await sandbox.ClearRequestsAsync();
            JsonElement plain = RealShell.RunScript("Plain.Assignment.ps1", sandbox.BaseAddress.ToString(), sandbox.UserName, sandbox.Password, space.ToString(), plainCsv);
            double plainPerRow = await RequestsAsync(sandbox) / (double)plainRows;
            Check(ours, moduleRows, "module");
            Check(plain, plainRows, "plain script");

            double rate = moduleRows / ours.GetProperty("seconds").GetDouble();
            double plainRate = plainRows / plain.GetProperty("seconds").GetDouble();
            report.Add(label, $"`Import-Csv | Set-DeviceAssignment` ({moduleRows:N0} rows)", $"{Report.F(rate)} assignments/s",
                $"{Report.F(oursPerRow, "0.0")} requests per assignment (sandbox's request log, connect included); all Assigned");
            report.Add(label, $"plain script: read, user lookup, updateAccount, read-back ({plainRows:N0} rows)", $"{Report.F(plainRate)} assignments/s",
                $"{Report.F(plainPerRow, "0.0")} requests per assignment; the module is {Report.F(rate / plainRate)}x faster");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Import-Module in a new pwsh process each time (the process start is not timed), median of <paramref name="runs"/>.</summary>
    public static void ColdImport(Report report, int runs)
    {
        string module = RealShell.Module;
        var times = Enumerable.Range(0, runs)
            .Select(_ => double.Parse(RealShell.RunScriptText("Import.ps1", module), System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(t => t).ToList();
        report.Add("Import-Module BulkEnroll", "cold, real pwsh 7.6 (new `dotnet pwsh` process, built module folder)", $"{Report.F(times[times.Count / 2], "0")} ms", $"median of {runs}");
    }

    private static void Check(JsonElement result, int rows, string who)
    {
        if (result.GetProperty("count").GetInt32() != rows)
        {
            throw new InvalidOperationException($"The {who} assigned {result.GetProperty("count").GetInt32()} of {rows} devices.");
        }
    }

    private static async Task<int> RequestsAsync(SandboxProcess sandbox)
        => (await sandbox.RequestsAsync()).Count(r => r.GetProperty("statusCode").GetInt32() != 429);
}
