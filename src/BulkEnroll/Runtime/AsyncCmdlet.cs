using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons;

namespace BulkEnroll.Commands;

/// <summary>
/// Base for cmdlets whose work is asynchronous (HTTP, file I/O). Each phase (begin, each record, end) runs on the
/// thread pool while the pipeline thread pumps everything that must happen on it: WriteObject, WriteError,
/// progress, ShouldProcess. Work started in one phase may keep running and emitting across later phases (a
/// batching engine fed by ProcessRecord); its output is pumped whenever the cmdlet next has the pipeline thread.
/// Ctrl+C (StopProcessing) cancels the token handed to the work, so in-flight requests stop at once.
/// The queue is bounded: a producer that outruns the pipeline waits instead of buffering a whole fleet.
/// </summary>
public abstract class AsyncCmdlet : PSCmdlet, IDisposable
{
    private const int QueueCapacity = 512;

    private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
    private BlockingCollection<Action>? _pipelineQueue;
    private int _pipelineThreadId = -1;
    private bool _verboseShown = true;
    private bool _debugShown = true;

    /// <summary>The runspace this cmdlet runs in, captured on the pipeline thread (the thread pool has none).</summary>
    protected Runspace? CurrentRunspace { get; private set; }

    /// <summary>Cancelled when the user presses Ctrl+C, the pipeline is stopped, or the cmdlet fails.</summary>
    protected CancellationToken StopToken => _stopping.Token;

    protected virtual Task BeginProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task ProcessRecordAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task EndProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override void BeginProcessing() => RunPhase(BeginProcessingAsync);

    protected override void ProcessRecord() => RunPhase(ProcessRecordAsync);

    protected override void EndProcessing() => RunPhase(EndProcessingAsync);

    protected override void StopProcessing() => _stopping.Cancel();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stopping.Cancel();
            _stopping.Dispose();
            _pipelineQueue?.Dispose();
        }
    }

    /// <summary>Emits an object to the pipeline from any thread.</summary>
    protected void Emit(object? value) => OnPipeline(() => WriteObject(value));

    /// <summary>
    /// Emits several objects (a page of devices) with one hand-over to the pipeline thread instead of one each;
    /// <paramref name="written"/> runs there once they are all written (or the pipeline failed while writing them).
    /// </summary>
    protected void EmitAll(IReadOnlyList<object> values, Action written) => OnPipeline(() =>
    {
        try
        {
            foreach (object value in values)
            {
                WriteObject(value);
            }
        }
        finally
        {
            written();
        }
    });

    protected void EmitError(ErrorRecord errorRecord) => OnPipeline(() => WriteError(errorRecord));

    /// <summary>A non-terminating error about one item, with the module's stable id and the item as TargetObject.</summary>
    protected void EmitError(string errorId, ErrorCategory category, string message, object? target)
        => EmitError(new BulkEnrollException(errorId, category, message, target).ToErrorRecord());

    protected void EmitWarning(string message) => OnPipeline(() => WriteWarning(message));

    protected void EmitVerbose(string message)
    {
        if (_verboseShown)
        {
            OnPipeline(() => WriteVerbose(message));
        }
    }

    protected void EmitDebug(string message)
    {
        if (_debugShown)
        {
            OnPipeline(() => WriteDebug(message));
        }
    }

    protected void EmitProgress(ProgressRecord progress) => OnPipeline(() => WriteProgress(progress));

    /// <summary>A TimeSpan parameter outside its range ends the command before any work, with the InvalidDuration id.</summary>
    protected void ValidateDuration(string parameterName, TimeSpan value, TimeSpan least, TimeSpan most, string range)
    {
        if (value < least || value > most)
        {
            ThrowTerminatingError(new BulkEnrollException("InvalidDuration", ErrorCategory.InvalidArgument, $"-{parameterName} must be between {range}.", value).ToErrorRecord());
        }
    }

    /// <summary>Asks ShouldProcess on the pipeline thread (prompts and -WhatIf live there).</summary>
    protected async Task<bool> ShouldProcessOnPipelineAsync(string target, string action)
    {
        if (IsPipelineThread)
        {
            return ShouldProcess(target, action);
        }

        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        OnPipeline(() =>
        {
            try
            {
                answer.TrySetResult(ShouldProcess(target, action));
            }
            catch (Exception e)
            {
                answer.TrySetException(e);
                throw;
            }
        });

        // A question queued just before the pump stopped (-ErrorAction Stop on another device's error, Ctrl+C) is
        // never asked: without this the work waited for its answer until RunPhase gave up on it 30 s later.
        using (_stopping.Token.Register(() => answer.TrySetCanceled()))
        {
            return await answer.Task.ConfigureAwait(false);
        }
    }

    private bool IsPipelineThread => Thread.CurrentThread.ManagedThreadId == _pipelineThreadId;

    private void OnPipeline(Action action)
    {
        BlockingCollection<Action>? queue = _pipelineQueue;
        if (queue == null || IsPipelineThread)
        {
            action();
            return;
        }

        queue.Add(action, _stopping.Token);
    }

    private void RunPhase(Func<CancellationToken, Task> work)
    {
        _pipelineThreadId = Thread.CurrentThread.ManagedThreadId;
        CurrentRunspace ??= Runspace.DefaultRunspace;
        _verboseShown = IsShown("Verbose", "VerbosePreference");
        _debugShown = IsShown("Debug", "DebugPreference");
        BlockingCollection<Action> queue = _pipelineQueue ??= new BlockingCollection<Action>(QueueCapacity);
        Action phaseEnded = () => { };
        var log = new PipelineLog(this);
        Task running = Task.Run(async () =>
        {
            ClientLog.Current = log;
            try
            {
                await work(_stopping.Token).ConfigureAwait(false);
            }
            finally
            {
                try
                {
                    queue.Add(phaseEnded, _stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    // The pump is gone (stopped or failed); nobody waits for the marker.
                }
            }
        });

        try
        {
            foreach (Action action in queue.GetConsumingEnumerable(_stopping.Token))
            {
                if (ReferenceEquals(action, phaseEnded))
                {
                    break;
                }

                action();
            }

            running.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (BulkEnrollException failure) when (running.IsCompleted)
        {
            // The work failed as a whole (bad connection, tenant refused): one terminating ErrorRecord
            // with the stable id, so `try/catch` and -ErrorAction behave as scripts expect.
            _stopping.Cancel();
            ThrowTerminatingError(failure.ToErrorRecord());
        }
        catch
        {
            // The pipeline thread failed (e.g. -ErrorAction Stop, or a downstream Select-Object -First):
            // stop the work before rethrowing so nothing keeps running behind the user's back.
            _stopping.Cancel();
            WaitQuietly(running);
            throw;
        }
    }

    /// <summary>
    /// Whether WriteVerbose/WriteDebug would show anything, decided on the pipeline thread the way PowerShell
    /// does (the common switch, else the preference variable in scope). The client logs every request at Debug
    /// level; unasked for, those lines are neither formatted nor queued to the pipeline thread.
    /// </summary>
    private bool IsShown(string commonSwitch, string preferenceVariable)
    {
        if (MyInvocation.BoundParameters.TryGetValue(commonSwitch, out object? bound) && bound is SwitchParameter flag)
        {
            return flag.IsPresent;
        }

        return !LanguagePrimitives.TryConvertTo(GetVariableValue(preferenceVariable), out ActionPreference preference)
            || (preference != ActionPreference.SilentlyContinue && preference != ActionPreference.Ignore);
    }

    private static void WaitQuietly(Task task)
    {
        try
        {
            task.Wait(TimeSpan.FromSeconds(30));
        }
        catch (AggregateException)
        {
            // Already failing for another reason; the work's own exception adds nothing.
        }
    }

    private sealed class PipelineLog : IClientLog
    {
        private readonly AsyncCmdlet _cmdlet;

        public PipelineLog(AsyncCmdlet cmdlet) => _cmdlet = cmdlet;

        public bool DebugEnabled => _cmdlet._debugShown;

        public void Verbose(string message) => _cmdlet.EmitVerbose(message);

        public void Debug(string message) => _cmdlet.EmitDebug(message);
    }
}
