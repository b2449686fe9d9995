using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace BulkEnroll.Packaging.Tests;

/// <summary>
/// Our own mutation test of both readers (issue 14): fixed seeds, a fixed number of mutations, each read in a
/// child process whose .NET heap is capped, so that a runaway read fails this test instead of the test host or
/// the machine. BULKENROLL_MUTATIONS=n runs n mutations per reader instead (for a long run by hand).
/// </summary>
public sealed class PackageFileReaderMutationTests
{
    // Far above what any read needs (a few MiB), far below what a runaway takes.
    private const string HeapHardLimit = "0x10000000";

    private readonly ITestOutputHelper _output;

    public PackageFileReaderMutationTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData(MutationRun.Package, 14, 600)]
    [InlineData(MutationRun.Project, 14, 1500)]
    public void Mutated_packages_are_read_or_refused_with_the_documented_exception_in_bounded_memory(string reader, int seed, int count)
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("BULKENROLL_MUTATIONS"), out int requested) && requested > 0)
        {
            count = requested;
        }

        (int exitCode, string output) = RunChild(reader, seed, count);
        _output.WriteLine(output);

        Assert.True(exitCode == 0, $"The mutation run failed (exit code {exitCode}):\n{output}");
        Assert.Contains($"{reader} seed {seed}: {count} mutations", output);

        // The run must reach both ends of the contract, or it tests nothing.
        Assert.Contains("read ", output);
        Assert.Contains(reader == MutationRun.Package ? "WimCorrupt" : "PackageXmlMalformed", output);
    }

    private static (int ExitCode, string Output) RunChild(string reader, int seed, int count)
    {
        string assembly = typeof(MutationProgram).Assembly.Location;
        var start = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        foreach (string argument in new[] { "exec", assembly, MutationProgram.Verb, reader, seed.ToString(), count.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_GCHeapHardLimit"] = HeapHardLimit;
        var errors = new StringBuilder();
        using var child = new Process { StartInfo = start };
        child.ErrorDataReceived += (_, e) =>
        {
            if (e.Data != null)
            {
                lock (errors)
                {
                    errors.AppendLine(e.Data);
                }
            }
        };
        child.Start();
        child.BeginErrorReadLine();
        string output = child.StandardOutput.ReadToEnd();

        // Only a guard against a hung child: a normal run ends in seconds, and its end is what is waited on.
        if (!child.WaitForExit((int)TimeSpan.FromMinutes(10).TotalMilliseconds))
        {
            child.Kill();
            return (-1, output + "\n(the child was stopped after 10 minutes)");
        }

        child.WaitForExit();
        lock (errors)
        {
            return (child.ExitCode, output + errors);
        }
    }

    /// <summary>The dotnet host running these tests: DOTNET_HOST_PATH when the SDK sets it, else the one above the runtime.</summary>
    private static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        string name = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        string root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        string candidate = Path.Combine(root, name);
        return File.Exists(candidate) ? candidate : name;
    }
}
