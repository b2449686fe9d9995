using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace BulkEnroll.Packages.Icd;

/// <summary>Starts a program and waits for it; an interface so the ICD driver can be tested with a fake on any OS.</summary>
internal interface IProcessRunner
{
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started (740: it needs elevation).</exception>
    /// <exception cref="TimeoutException">It ran longer than <see cref="ProcessRequest.Timeout"/> and was killed.</exception>
    Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken);
}

internal sealed class ProcessRequest
{
    public ProcessRequest(string fileName, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        FileName = fileName;
        Arguments = arguments;
        WorkingDirectory = workingDirectory;
        Timeout = timeout;
    }

    public string FileName { get; }

    public IReadOnlyList<string> Arguments { get; }

    public string WorkingDirectory { get; }

    public TimeSpan Timeout { get; }

    public override string ToString() => FileName + " " + string.Join(" ", Arguments);
}

internal sealed class ProcessResult
{
    public ProcessResult(int exitCode, string standardOutput, string standardError)
    {
        ExitCode = exitCode;
        StandardOutput = standardOutput;
        StandardError = standardError;
    }

    public int ExitCode { get; }

    public string StandardOutput { get; }

    public string StandardError { get; }
}
