using BulkEnroll.Benchmarks;

// Benchmarks are figures, not pass/fail tests: run them on a quiet machine and copy the table into the README.
//   dotnet run -c Release --project benchmarks/BulkEnroll.Benchmarks -- [all|listing|assignment|packages|import|pwsh] [--quick]
if (args.FirstOrDefault() == "import-once")
{
    Console.WriteLine(ImportBenchmark.MeasureOnce().ToString(System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}

const string usage = "usage: dotnet run -c Release --project benchmarks/BulkEnroll.Benchmarks -- [all|listing|assignment|packages|import|pwsh] [--quick]";
string[] verbs = { "all", "listing", "assignment", "packages", "import", "pwsh" };
string[] unexpected = args.Where(a => a != "--quick" && !verbs.Contains(a)).ToArray();
if (unexpected.Length > 0 || args.Count(verbs.Contains) > 1)
{
    // Ten minutes of benchmarks are not what someone typing --help or a misspelt verb wants.
    bool asked = unexpected.Any(a => a is "--help" or "-h" or "-?");
    (asked ? Console.Out : Console.Error).WriteLine(asked ? usage : $"unexpected argument(s): {string.Join(" ", unexpected.DefaultIfEmpty(string.Join(" ", args)))}\n{usage}");
    return asked ? 0 : 2;
}

if (CoreSplit.RunConfined(args) is int exitCode)
{
    return exitCode;
}

string what = args.FirstOrDefault(verbs.Contains) ?? "all";
bool quick = args.Contains("--quick");
var report = new Report();
Console.WriteLine($"BulkEnroll benchmarks ({what}{(quick ? ", quick" : string.Empty)}) ({CoreSplit.Description}), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine("| Benchmark | Figure | Value | Note |\n|---|---|---|---|");

if (what is "all" or "listing")
{
    await ListingBenchmark.RunAsync(report, 10_000, latencyMs: 20, rounds: quick ? 5 : 21);
    if (!quick)
    {
        await ListingBenchmark.RunAsync(report, 100_000, latencyMs: 20, rounds: 5);
    }
}

if (what is "all" or "assignment")
{
    // The sandbox's default latency and no rate limit: what the client alone can do.
    await AssignmentBenchmark.RunAsync(report, assignments: 2_000, ratePerSecond: 0, latencyMs: 20);
    await AssignmentBenchmark.RunAsync(report, assignments: quick ? 1_000 : 10_000, ratePerSecond: quick ? 100 : 200, latencyMs: 50);
    await AssignmentKeyBenchmark.RunAsync(report, assignments: 200, ratePerSecond: 100, latencyMs: 50); // issue 15: by id, serial, name; or-filters refused
}

if (what is "all" or "packages")
{
    PackageBenchmark.Run(report, 1_000);
}

if (what is "all" or "import")
{
    ImportBenchmark.Run(report, coldRuns: quick ? 3 : 7);
    RealShellBenchmark.ColdImport(report, runs: quick ? 3 : 7);
}

if (what is "all" or "pwsh")
{
    // The real pwsh of the test command on the built module folder, next to plain Invoke-RestMethod scripts.
    await RealShellBenchmark.ListingAsync(report, quick ? 10_000 : 20_000, latencyMs: 20);
    await RealShellBenchmark.AssignmentAsync(report, moduleRows: quick ? 50 : 1_000, plainRows: quick ? 10 : 100, latencyMs: 20);
}

Console.WriteLine();
Console.WriteLine(report.ToMarkdown());
return 0;
