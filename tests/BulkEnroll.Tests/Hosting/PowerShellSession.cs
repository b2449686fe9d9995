using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace BulkEnroll.Tests.Hosting;

/// <summary>
/// One PowerShell runspace with the built module imported from the test output folder (which the build
/// lays out exactly like the shipped module folder). Each test gets its own session, as a user gets their own
/// console; scripts run with every stream captured.
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    private readonly CapturingHost _host = new();
    private readonly Runspace _runspace;

    public PowerShellSession(bool importModule = true)
    {
        var state = InitialSessionState.CreateDefault2();
        _runspace = RunspaceFactory.CreateRunspace(_host, state);
        _runspace.Open();
        if (importModule)
        {
            Run("Import-Module $args[0] -ErrorAction Stop", ModuleManifestPath).ThrowIfErrors();
        }
    }

    public static string ModuleManifestPath => Path.Combine(AppContext.BaseDirectory, "BulkEnroll.psd1");

    /// <summary>Everything the host console showed (Out-Host, default views).</summary>
    public string HostText => _host.Text;

    public void ClearHostText() => _host.ClearText();

    public Runspace Runspace => _runspace;

    /// <summary>Runs a script; positional arguments are available as $args[0], $args[1]...</summary>
    public ScriptResult Run(string script, params object?[] arguments)
    {
        using PowerShell shell = PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        foreach (object? argument in arguments)
        {
            shell.AddArgument(argument);
        }

        Collection<PSObject> output;
        Exception? terminating = null;
        try
        {
            output = shell.Invoke();
        }
        catch (RuntimeException e)
        {
            output = new Collection<PSObject>();
            terminating = e;
        }

        return new ScriptResult(output, shell.Streams, terminating);
    }

    /// <summary>Starts a script without waiting, for tests that stop a pipeline half-way (Ctrl+C).</summary>
    public RunningScript Start(string script, params object?[] arguments)
    {
        var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        foreach (object? argument in arguments)
        {
            shell.AddArgument(argument);
        }

        var output = new PSDataCollection<PSObject>();
        IAsyncResult handle = shell.BeginInvoke<PSObject, PSObject>(null, output);
        return new RunningScript(shell, handle, output);
    }

    public void Dispose()
    {
        _runspace.Dispose();
    }
}

public sealed class RunningScript : IDisposable
{
    private readonly PowerShell _shell;
    private readonly IAsyncResult _handle;

    internal RunningScript(PowerShell shell, IAsyncResult handle, PSDataCollection<PSObject> output)
    {
        _shell = shell;
        _handle = handle;
        Output = output;
    }

    public PSDataCollection<PSObject> Output { get; }

    public PSDataStreams Streams => _shell.Streams;

    public PSInvocationState State => _shell.InvocationStateInfo.State;

    /// <summary>What Ctrl+C does: StopProcessing on every command of the pipeline; returns how long the stop took.</summary>
    public TimeSpan Stop()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        _shell.Stop();
        return clock.Elapsed;
    }

    public bool WaitForCompletion(TimeSpan timeout) => _handle.AsyncWaitHandle.WaitOne(timeout);

    public void Dispose() => _shell.Dispose();
}

public sealed class ScriptResult
{
    internal ScriptResult(Collection<PSObject> output, PSDataStreams streams, Exception? terminating)
    {
        Output = output;
        Errors = streams.Error.ToList();
        Warnings = streams.Warning.Select(w => w.Message).ToList();
        Verbose = streams.Verbose.Select(v => v.Message).ToList();
        Debug = streams.Debug.Select(d => d.Message).ToList();
        Information = streams.Information.Select(i => i.MessageData?.ToString() ?? string.Empty).ToList();
        Progress = streams.Progress.ToList();
        Terminating = terminating;
    }

    public Collection<PSObject> Output { get; }

    public List<ErrorRecord> Errors { get; }

    public List<string> Warnings { get; }

    public List<string> Verbose { get; }

    public List<string> Debug { get; }

    public List<string> Information { get; }

    public List<ProgressRecord> Progress { get; }

    /// <summary>The terminating error, if the script stopped on one.</summary>
    public Exception? Terminating { get; }

    /// <summary>The ErrorRecord of an error that ended the whole script (thrown out of Invoke), if any.</summary>
    public ErrorRecord? TerminatingRecord => (Terminating as IContainsErrorRecord)?.ErrorRecord;

    /// <summary>Every error record: written ones and statement-terminating ones (both land in the error stream).</summary>
    public IEnumerable<ErrorRecord> AllErrors => Errors.Concat(TerminatingRecord != null ? new[] { TerminatingRecord } : Array.Empty<ErrorRecord>());

    /// <summary>The first error whose id is <paramref name="errorId"/> (the part before the comma of FullyQualifiedErrorId).</summary>
    public ErrorRecord Error(string errorId)
        => AllErrors.FirstOrDefault(e => e.FullyQualifiedErrorId.Split(',')[0] == errorId)
           ?? throw new Xunit.Sdk.XunitException($"No error '{errorId}'. Errors: " + string.Join("; ", AllErrors.Select(e => e.FullyQualifiedErrorId + ": " + e)));

    public IEnumerable<string> ErrorIds => Errors.Select(e => e.FullyQualifiedErrorId)
        .Concat(TerminatingRecord != null ? new[] { TerminatingRecord.FullyQualifiedErrorId } : Array.Empty<string>());

    public T Single<T>() => Output.Select(o => o.BaseObject).OfType<T>().Single();

    public List<T> All<T>() => Output.Select(o => o.BaseObject).OfType<T>().ToList();

    /// <summary>Every text the script produced on any stream, for secret-leak checks.</summary>
    public string AllText => string.Join("\n", Output.Select(o => o?.ToString())
        .Concat(Errors.Select(e => e.ToString() + " " + e.Exception?.ToString() + " " + e.ErrorDetails?.Message + " " + e.ErrorDetails?.RecommendedAction))
        .Concat(Warnings).Concat(Verbose).Concat(Debug).Concat(Information)
        .Concat(Progress.Select(p => p.Activity + " " + p.StatusDescription + " " + p.CurrentOperation))
        .Concat(Terminating != null ? new[] { Terminating.ToString() } : Array.Empty<string>()));

    public ScriptResult ThrowIfErrors()
    {
        if (Terminating != null || Errors.Count > 0)
        {
            throw new Xunit.Sdk.XunitException("The script failed: " + string.Join("\n", Errors.Select(e => e.FullyQualifiedErrorId + ": " + e))
                + (Terminating != null ? "\nTerminating: " + Terminating : string.Empty));
        }

        return this;
    }
}
