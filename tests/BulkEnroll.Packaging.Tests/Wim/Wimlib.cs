using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace BulkEnroll.Packaging.Tests.Wim;

/// <summary>Runs wimlib-imagex, the independent WIM implementation our output is checked against.</summary>
internal static class Wimlib
{
    private static readonly Lazy<string?> ExecutablePath = new(FindExecutable);

    public sealed record Result(int ExitCode, byte[] StandardOutput, string StandardError)
    {
        public string Text => Encoding.UTF8.GetString(StandardOutput);
    }

    /// <summary>Runs and requires exit code 0.</summary>
    public static Result Run(params string[] arguments)
    {
        Result result = TryRun(arguments);
        Assert.True(
            result.ExitCode == 0,
            $"wimlib-imagex {string.Join(' ', arguments)} exited with {result.ExitCode}:\n{result.StandardError}\n{result.Text}");
        return result;
    }

    public static Result TryRun(params string[] arguments)
    {
        string executable = ExecutablePath.Value
            ?? throw new Xunit.Sdk.XunitException(
                "wimlib-imagex was not found on PATH; these tests need it as an independent WIM reader. Install it with: apt-get install -y wimtools");

        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        var output = new MemoryStream();
        Task copyOutput = process.StandardOutput.BaseStream.CopyToAsync(output);
        Task<string> readError = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"wimlib-imagex {string.Join(' ', arguments)} timed out.");
        }

        copyOutput.Wait();
        return new Result(process.ExitCode, output.ToArray(), readError.Result);
    }

    private static string? FindExecutable()
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            if (directory.Length == 0)
            {
                continue;
            }

            foreach (string name in new[] { "wimlib-imagex", "wimlib-imagex.exe" })
            {
                string candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
