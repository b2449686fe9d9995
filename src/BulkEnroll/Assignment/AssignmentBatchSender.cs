using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons;
using BulkEnroll.Neurons.Records;

namespace BulkEnroll.Assignment;

/// <summary>
/// Groups confirmed devices per target user into batches of at most BatchSize (a partly filled batch waits a
/// moment for more), sends them with at most ThrottleLimit batches in flight, and settles every device: refused,
/// failed, or accepted and then verified by the watcher. A batch whose answer was lost is read back before it is
/// sent again, so a device is never reassigned twice.
/// </summary>
internal sealed class AssignmentBatchSender
{
    private readonly BulkEnrollConnection _connection;
    private readonly DeviceStateWatcher _watcher;
    private readonly IAssignmentSink _sink;
    private readonly AssignmentOptions _options;
    private readonly AssignmentCounters _counters;
    private readonly CancellationToken _stop;
    private readonly AssignmentAbort _abort;
    private readonly SemaphoreSlim _sendSlots;
    private readonly Dictionary<long, AssignmentBatch> _openBatches = new Dictionary<long, AssignmentBatch>();
    private readonly object _batchLock = new object();

    public AssignmentBatchSender(BulkEnrollConnection connection, DeviceStateWatcher watcher, IAssignmentSink sink, AssignmentOptions options,
        AssignmentCounters counters, AssignmentAbort abort)
    {
        _connection = connection;
        _watcher = watcher;
        _sink = sink;
        _options = options;
        _counters = counters;
        _abort = abort;
        _stop = abort.Token;
        _sendSlots = new SemaphoreSlim(options.ThrottleLimit);
    }

    public void Enqueue(BatchItem item)
    {
        AssignmentBatch? ready = null;
        AssignmentBatch? started = null;
        lock (_batchLock)
        {
            if (!_openBatches.TryGetValue(item.Target.Id, out AssignmentBatch? batch))
            {
                batch = new AssignmentBatch(item.Target);
                _openBatches[item.Target.Id] = batch;
                started = batch;
            }

            batch.Items.Add(item);
            if (batch.Items.Count >= _options.BatchSize)
            {
                _openBatches.Remove(item.Target.Id);
                ready = batch;
                started = null;
            }
        }

        if (ready != null)
        {
            _ = SendBatchAsync(ready);
        }
        else if (started != null)
        {
            _ = SendAfterLingerAsync(started);
        }
    }

    private async Task SendAfterLingerAsync(AssignmentBatch batch)
    {
        try
        {
            await Task.Delay(_options.BatchLinger, _stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Fall through: SendBatchAsync settles every item, cancelled or not.
        }

        lock (_batchLock)
        {
            if (!_openBatches.TryGetValue(batch.Target.Id, out AssignmentBatch? open) || !ReferenceEquals(open, batch))
            {
                return; // already sent because it filled up
            }

            _openBatches.Remove(batch.Target.Id);
        }

        await SendBatchAsync(batch).ConfigureAwait(false);
    }

    private async Task SendBatchAsync(AssignmentBatch batch)
    {
        try
        {
            await SendAndVerifyAsync(batch).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            foreach (BatchItem item in batch.Items)
            {
                item.Done.TrySetCanceled();
            }
        }
        catch (Exception e)
        {
            foreach (BatchItem item in batch.Items)
            {
                item.Complete(DeviceAssignmentStatus.Failed, e.Message, AssignmentFailure.RequestFailed);
            }
        }
    }

    private async Task SendAndVerifyAsync(AssignmentBatch batch)
    {
        int number = _counters.CountBatch();
        AccountRecord target = batch.Target;
        var clock = Stopwatch.StartNew();
        _sink.Verbose($"Batch {number}: assigning {batch.Items.Count} device(s) to {target.PrincipalName}: {string.Join(", ", batch.Items.Select(i => i.Device.Describe()))}.");
        List<BatchItem> accepted = await SendAsync(number, batch).ConfigureAwait(false);

        if (_options.NoWait)
        {
            foreach (BatchItem item in accepted)
            {
                item.Complete(DeviceAssignmentStatus.Initiated, $"The tenant started reassigning it to {target.PrincipalName} (-NoWait: not verified).");
            }
        }
        else
        {
            await Task.WhenAll(accepted.Select(_watcher.VerifyAsync)).ConfigureAwait(false);
        }

        int assigned = batch.Items.Count(i => i.Done.Task.Status == TaskStatus.RanToCompletion && i.Done.Task.Result.Result.Status != DeviceAssignmentStatus.Failed);
        _sink.Verbose($"Batch {number}: finished in {clock.Elapsed.TotalSeconds:0.0} s; {assigned} of {batch.Items.Count} done, {batch.Items.Count - assigned} failed.");
    }

    /// <summary>Sends the batch; returns the items the tenant accepted. Rejections and failures are settled here.</summary>
    private async Task<List<BatchItem>> SendAsync(int number, AssignmentBatch batch)
    {
        var accepted = new List<BatchItem>();
        List<BatchItem> pending = batch.Items.ToList();
        await _sendSlots.WaitAsync(_stop).ConfigureAwait(false);
        try
        {
            for (int attempt = 1; pending.Count > 0; attempt++)
            {
                ReassignmentResponse response;
                try
                {
                    response = await _connection.Devices.UpdateAccountAsync(batch.Target.Id, pending.Select(i => i.Device.Id).ToList(), _stop).ConfigureAwait(false);
                }
                catch (NeuronsApiException e) when (e.OutcomeUnknown && attempt < _options.MaxSendAttempts)
                {
                    _sink.Verbose($"Batch {number}: the tenant's answer was lost ({e.ErrorId}); reading the devices back before sending again.");
                    pending = await KeepUnappliedAsync(pending, accepted).ConfigureAwait(false);
                    continue;
                }
                catch (NeuronsApiException e) when (_abort.TryAbort(e))
                {
                    foreach (BatchItem item in pending)
                    {
                        item.Done.TrySetCanceled(); // listed as not done in the run's one error
                    }

                    break;
                }
                catch (NeuronsApiException e)
                {
                    (string errorId, string message) = AssignmentFailure.Of(e, _connection.DeviceSpaceName);
                    foreach (BatchItem item in pending)
                    {
                        item.Complete(DeviceAssignmentStatus.Failed, message, errorId);
                    }

                    break;
                }

                Settle(number, pending, response, accepted);
                break;
            }
        }
        finally
        {
            _sendSlots.Release();
        }

        return accepted;
    }

    private void Settle(int number, List<BatchItem> sent, ReassignmentResponse response, List<BatchItem> accepted)
    {
        if (!response.Accepted)
        {
            foreach (BatchItem item in sent)
            {
                item.Complete(DeviceAssignmentStatus.Failed, "The tenant answered that the reassignment failed (result 0).", AssignmentFailure.AssignmentRejected);
            }

            return;
        }

        var rejected = new HashSet<long>(response.Rejected.Select(d => d.Id));
        int refused = 0;
        foreach (BatchItem item in sent)
        {
            if (rejected.Contains(item.Device.Id))
            {
                refused++;
                item.Complete(DeviceAssignmentStatus.Failed,
                    $"The tenant refused to reassign device {item.Device.Describe()}: it is not eligible (not bulk-enrolled, not active, or already being reassigned).",
                    AssignmentFailure.AssignmentRejected);
            }
            else
            {
                accepted.Add(item);
            }
        }

        _sink.Verbose($"Batch {number}: the tenant accepted {sent.Count - refused} and refused {refused}.");
    }

    /// <summary>After a lost answer: which devices did the tenant act on? Those are accepted; the rest go again.</summary>
    private async Task<List<BatchItem>> KeepUnappliedAsync(List<BatchItem> pending, List<BatchItem> accepted)
    {
        var unapplied = new List<BatchItem>();
        foreach (BatchItem item in pending)
        {
            AssignmentCandidate current;
            try
            {
                current = await _watcher.ReadExactlyAsync(item.Device.Id).ConfigureAwait(false);
            }
            catch (NeuronsApiException e) when (_abort.TryAbort(e))
            {
                item.Done.TrySetCanceled();
                continue;
            }
            catch (NeuronsApiException e)
            {
                item.Complete(DeviceAssignmentStatus.Failed, $"Could not tell whether the tenant reassigned it: {e.Message}", AssignmentFailure.VerificationFailed);
                continue;
            }

            if (current.IsInProgress || current.IsOwnedBy(item.Target))
            {
                accepted.Add(item);
            }
            else
            {
                unapplied.Add(item);
            }
        }

        return unapplied;
    }
}
