using BulkEnroll.Benchmarks;

// Benchmarks are figures, not pass/fail tests: run them on a quiet machine and copy the table into the README.
//   dotnet run -c Release --project benchmarks/BulkEnroll.Benchmarks -- [all|listing|assignment|packages|import|pwsh] [--quick]
if (args.FirstOrDefault() == "import-once")
{
    Console.WriteLine(ImportBenchmark.MeasureOnce().ToString(System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}

const string usage = "usage: dotnet run -c Release --project benchmarks/BulkEnroll.Benchmarks -- [all|listing|assignment|packages|import|pwsh] [--quick]";
string[] verbs = { "all", "listing", "assignment", "packages", "import", "pwsh", TenantScenarios };
string[] unexpected = args.Where(a => a != "--quick" && !verbs.Contains(a)).ToArray();
if (unexpected.Length > 0 || args.Count(verbs.Contains) > 1)
{
    // Ten minutes of benchmarks are not what someone typing --help or a misspelt verb wants.
    bool asked = unexpected.Any(a => a is "--help" or "-h" or "-?");
    (asked ? Console.Out : Console.Error).WriteLine(asked ? usage : $"unexpected argument(s): {string.Join(" ", unexpected.DefaultIfEmpty(string.Join(" ", args)))}\n{usage}");
    return asked ? 0 : 2;
}

string what = args.FirstOrDefault(verbs.Contains) ?? "all";
bool quick = args.Contains("--quick");

// A tenant is another machine: the scenarios with the sandbox run confined to every core but the one it gets
// (CoreSplit). Building packages and importing the module have no tenant: they keep every core.
if (what is "all" or "packages" or "import" && !CoreSplit.IsConfined)
{
    var local = new Report();
    Header(what == "all" ? "packages, import" : what, "every core: no tenant in these scenarios");
    if (what is "all" or "packages")
    {
        PackageBenchmark.Run(local, 1_000);
    }

    if (what is "all" or "import")
    {
        ImportBenchmark.Run(local, coldRuns: quick ? 3 : 7);
        RealShellBenchmark.ColdImport(local, runs: quick ? 3 : 7);
    }

    Console.WriteLine();
    Console.WriteLine(local.ToMarkdown());
    if (what != "all")
    {
        return 0;
    }

    Console.WriteLine();
}

string tenantScenarios = what == "all" ? TenantScenarios : what;
if (CoreSplit.RunConfined(quick ? new[] { tenantScenarios, "--quick" } : new[] { tenantScenarios }) is int exitCode)
{
    return exitCode;
}

var report = new Report();
Header(tenantScenarios, CoreSplit.Description);
if (tenantScenarios is TenantScenarios or "listing")
{
    await ListingBenchmark.RunAsync(report, 10_000, latencyMs: 20, rounds: quick ? 5 : 21);
    if (!quick)
    {
        await ListingBenchmark.RunAsync(report, 100_000, latencyMs: 20, rounds: 5);
    }
}

if (tenantScenarios is TenantScenarios or "assignment")
{
    // The sandbox's default latency and no rate limit: what the client alone can do.
    await AssignmentBenchmark.RunAsync(report, assignments: 2_000, ratePerSecond: 0, latencyMs: 20);
    await AssignmentBenchmark.RunAsync(report, assignments: quick ? 1_000 : 10_000, ratePerSecond: quick ? 100 : 200, latencyMs: 50);
    await AssignmentKeyBenchmark.RunAsync(report, assignments: 200, ratePerSecond: 100, latencyMs: 50); // issue 15: by id, serial, name; or-filters refused
}

if (tenantScenarios is TenantScenarios or "pwsh")
{
    // The real pwsh of the test command on the built module folder, next to plain Invoke-RestMethod scripts.
    await RealShellBenchmark.ListingAsync(report, quick ? 10_000 : 20_000, latencyMs: 20);
    await RealShellBenchmark.AssignmentAsync(report, moduleRows: quick ? 50 : 1_000, plainRows: quick ? 10 : 100, latencyMs: 20);
}

Console.WriteLine();
Console.WriteLine(report.ToMarkdown());
return 0;

void Header(string scenarios, string cores)
{
    Console.WriteLine($"BulkEnroll benchmarks ({scenarios}{(quick ? ", quick" : string.Empty)}; {cores}), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    Console.WriteLine("| Benchmark | Figure | Value | Note |\n|---|---|---|---|");
}

internal partial class Program
{
    /// <summary>What `all` runs in the confined process: every scenario with a tenant.</summary>
    private const string TenantScenarios = "listing, assignment, pwsh";
}
