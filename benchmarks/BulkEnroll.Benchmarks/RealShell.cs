using System.Diagnostics;
using System.Text.Json;

namespace BulkEnroll.Benchmarks;

/// <summary>
/// The real shell the test command uses: the pinned pwsh local tool (`dotnet pwsh` in the repository root), a new
/// process per script, running the BUILT module folder (out/BulkEnroll/&lt;version&gt;), as an admin's console does.
/// </summary>
internal static class RealShell
{
    private static string? _module;

    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Builds the module folder once per run (build.ps1 -Task Build: quick when up to date) and returns its manifest.</summary>
    public static string Module
    {
        get
        {
            if (_module == null)
            {
                string output = Run(new[] { "-File", Path.Combine(RepoRoot, "build.ps1"), "-Task", "Build" });
                string folder = output.Split('\n').Select(l => l.Trim()).Last(l => l.StartsWith("Module: ", StringComparison.Ordinal)).Substring("Module: ".Length);
                _module = Path.Combine(folder, "BulkEnroll.psd1");
            }

            return _module;
        }
    }

    /// <summary>Runs one of the RealShell/*.ps1 scripts and parses the JSON it prints last.</summary>
    public static JsonElement RunScript(string script, params string[] arguments)
        => JsonDocument.Parse(RunScriptText(script, arguments)).RootElement.Clone();

    public static string RunScriptText(string script, params string[] arguments)
        => Run(new[] { "-File", Path.Combine(AppContext.BaseDirectory, "RealShell", script) }.Concat(arguments)).Trim().Split('\n').Last().Trim();

    private static string Run(IEnumerable<string> pwshArguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepoRoot };
        foreach (string argument in new[] { "tool", "run", "pwsh", "--", "-NoProfile", "-NonInteractive" }.Concat(pwshArguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || error.Result.Trim().Length > 0)
        {
            throw new InvalidOperationException($"pwsh {string.Join(" ", pwshArguments)} failed ({process.ExitCode}): {error.Result}{output}");
        }

        return output;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, ".config", "dotnet-tools.json")) && File.Exists(Path.Combine(dir.FullName, "build.ps1")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (.config/dotnet-tools.json, build.ps1) was not found above the benchmark.");
    }
}
