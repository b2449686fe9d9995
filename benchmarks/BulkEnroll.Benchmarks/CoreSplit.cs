using System.Diagnostics;

namespace BulkEnroll.Benchmarks;

/// <summary>
/// A tenant has its own machines: on a multi-core box the sandbox gets the last core and the benchmark (the module,
/// the ceiling's client, the pwsh processes it starts) the others, so the module's CPU use and the tenant's do not
/// compete and the ceiling is the tenant's alone.
/// Each side is confined from its first instruction. Setting a running process's affinity on Linux moves only its
/// main thread: threads the runtime had already started (thread pool, GC, tiered JIT) kept both cores, so the module
/// parsed pages on the sandbox's core in some rounds and not in others, and each runtime sized its thread pool for
/// cores it did not have.
/// </summary>
internal static class CoreSplit
{
    private const string Marker = "BULKENROLL_BENCHMARK_CORES";

    /// <summary>What the report says about the split.</summary>
    public static string Description { get; private set; } = $"{Environment.ProcessorCount} cores shared (not split)";

    private static int SandboxCore => Environment.ProcessorCount - 1;

    /// <summary>This process is the confined one <see cref="RunConfined"/> started (Linux; Windows confines in place).</summary>
    public static bool IsConfined => Environment.GetEnvironmentVariable(Marker) is { Length: > 0 };

    private static bool Splits => OperatingSystem.IsLinux() ? IsConfined : OperatingSystem.IsWindows() && Environment.ProcessorCount >= 2;

    /// <summary>
    /// On Linux, runs this benchmark again with <paramref name="args"/>, confined to every core but the last (taskset,
    /// from util-linux), and returns its exit code; null when this process is already the confined one, or the box
    /// cannot be split: the caller then runs the scenarios itself.
    /// </summary>
    public static int? RunConfined(string[] args)
    {
        if (OperatingSystem.IsWindows() && Environment.ProcessorCount >= 2)
        {
            // Windows sets a process's affinity for all of its threads, and its children inherit it.
            long all = Environment.ProcessorCount >= 63 ? long.MaxValue : (1L << Environment.ProcessorCount) - 1;
            Process.GetCurrentProcess().ProcessorAffinity = (IntPtr)(all & ~(1L << SandboxCore));
            Description = $"sandbox on core {SandboxCore}, benchmark on the other {SandboxCore} of {Environment.ProcessorCount}";
            return null;
        }

        string? cores = Environment.GetEnvironmentVariable(Marker);
        if (cores is { Length: > 0 })
        {
            Description = $"sandbox on core {cores.Split('/')[1]}, benchmark on core(s) {cores.Split('/')[0]}, each confined from its start";
            return null;
        }

        if (!OperatingSystem.IsLinux() || Environment.ProcessorCount < 2 || !File.Exists("/usr/bin/taskset"))
        {
            return null;
        }

        string mine = SandboxCore == 1 ? "0" : $"0-{SandboxCore - 1}";
        var start = new ProcessStartInfo("/usr/bin/taskset") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(mine);
        string self = Environment.ProcessPath!;
        start.ArgumentList.Add(self);
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(CoreSplit).Assembly.Location);
        }

        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[Marker] = $"{mine}/{SandboxCore}";
        using Process confined = Process.Start(start)!;
        confined.WaitForExit();
        return confined.ExitCode;
    }

    /// <summary>How to start the sandbox: on its own core from its start, when the benchmark is split.</summary>
    public static ProcessStartInfo SandboxStartInfo()
    {
        if (OperatingSystem.IsLinux() && Splits)
        {
            var start = new ProcessStartInfo("/usr/bin/taskset");
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(SandboxCoreOf(Environment.GetEnvironmentVariable(Marker)!));
            start.ArgumentList.Add("dotnet");
            return start;
        }

        return new ProcessStartInfo("dotnet");
    }

    /// <summary>Windows: the sandbox leaves the benchmark's cores for its own as soon as it exists.</summary>
    public static void Confine(Process sandbox)
    {
        if (OperatingSystem.IsWindows() && Splits)
        {
            sandbox.ProcessorAffinity = (IntPtr)(1L << SandboxCore);
        }
    }

    private static string SandboxCoreOf(string marker) => marker.Split('/')[1];
}
