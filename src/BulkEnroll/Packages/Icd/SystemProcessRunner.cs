using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace BulkEnroll.Packages.Icd;

/// <summary>Runs a real process with its output captured; kills it on timeout or cancellation.</summary>
internal sealed class SystemProcessRunner : IProcessRunner
{
    public async Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(request.FileName, JoinArguments(request.Arguments))
        {
            WorkingDirectory = request.WorkingDirectory,
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var output = new StringBuilder();
        var error = new StringBuilder();
        var exited = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data);
        process.Exited += (_, _) => exited.TrySetResult(true);

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(request.Timeout);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using (either.Token.Register(() => exited.TrySetCanceled()))
        {
            try
            {
                await exited.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                KillQuietly(process);
                cancellationToken.ThrowIfCancellationRequested();
                throw new TimeoutException($"{request.FileName} did not finish within {request.Timeout.TotalMinutes:0.#} minutes and was stopped.");
            }
        }

        // Exited can fire before the last redirected lines are delivered; this wait drains them.
        process.WaitForExit();
        lock (output)
        {
            lock (error)
            {
                return new ProcessResult(process.ExitCode, output.ToString(), error.ToString());
            }
        }
    }

    /// <summary>The Windows command-line quoting rules (CommandLineToArgvW), which netstandard2.0 leaves to the caller.</summary>
    internal static string JoinArguments(IEnumerable<string> arguments) => string.Join(" ", arguments.Select(Quote));

    private static string Quote(string argument)
    {
        if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '"' }) < 0)
        {
            return argument;
        }

        var quoted = new StringBuilder("\"");
        int backslashes = 0;
        foreach (char c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }

            quoted.Append('\\', c == '"' ? (backslashes * 2) + 1 : backslashes);
            backslashes = 0;
            quoted.Append(c);
        }

        return quoted.Append('\\', backslashes * 2).Append('"').ToString();
    }

    private static void Append(StringBuilder target, string? line)
    {
        if (line != null)
        {
            lock (target)
            {
                target.AppendLine(line);
            }
        }
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }
}
