using System.Diagnostics;
using System.Globalization;
using System.Management.Automation.Runspaces;

namespace BulkEnroll.Benchmarks;

/// <summary>
/// Import-Module time: cold (a fresh process each time, as a scheduled task or a remediation script starts) and
/// warm (another runspace in a process that already loaded the module). Import must not touch the network.
/// </summary>
internal static class ImportBenchmark
{
    public static void Run(Report report, int coldRuns)
    {
        var cold = new List<double>();
        for (int i = 0; i < coldRuns; i++)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add(typeof(ImportBenchmark).Assembly.Location);
            start.ArgumentList.Add("import-once");
            using var process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            cold.Add(double.Parse(output.Trim(), CultureInfo.InvariantCulture));
        }

        var warm = new List<double>();
        for (int i = 0; i < 5; i++)
        {
            warm.Add(MeasureOnce());
        }

        cold.Sort();
        warm.Sort();
        report.Add("Import-Module BulkEnroll", "cold (new process, engine already started)", $"{Report.F(cold[cold.Count / 2], "0")} ms", $"median of {coldRuns}; includes loading the module's assemblies");
        report.Add("Import-Module BulkEnroll", "warm (another runspace, same process)", $"{Report.F(warm[warm.Count / 2], "0")} ms", "median of 5");
    }

    /// <summary>Opens a runspace (not timed), then times Import-Module alone. Returns milliseconds.</summary>
    public static double MeasureOnce()
    {
        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript("Get-Module | Out-Null").Invoke(); // engine warm-up, not the module
        shell.Commands.Clear();
        var clock = Stopwatch.StartNew();
        shell.AddScript("Import-Module $args[0] -ErrorAction Stop").AddArgument(HostedPowerShell.ModuleManifest).Invoke();
        clock.Stop();
        if (shell.HadErrors)
        {
            throw new InvalidOperationException("Import-Module failed.");
        }

        return clock.Elapsed.TotalMilliseconds;
    }
}
