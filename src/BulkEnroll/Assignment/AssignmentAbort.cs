using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using BulkEnroll.Neurons;

namespace BulkEnroll.Assignment;

/// <summary>
/// Ends a Set-DeviceAssignment run as a whole when a failure can only repeat for every remaining device: the tenant
/// stopped answering (the client's circuit breaker opened) or refuses the credentials (401: password changed,
/// licence lapsed). The first such failure cancels the run's work; the devices it did not finish are collected,
/// and the cmdlet reports one terminating error naming them instead of the same error once per device.
/// </summary>
internal sealed class AssignmentAbort : IDisposable
{
    private const int ListedDevices = 20;

    private readonly CancellationTokenSource _cancel;
    private readonly ConcurrentQueue<AssignmentRequest> _notDone = new ConcurrentQueue<AssignmentRequest>();
    private NeuronsApiException? _reason;

    private readonly NeuronsClient _client;

    public AssignmentAbort(NeuronsClient client, CancellationToken stop)
    {
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
        _client = client;
        _client.TenantStoppedAnswering += OnTenantStoppedAnswering;
    }

    /// <summary>Cancelled by Ctrl+C or by the abort: every call of the run uses it.</summary>
    public CancellationToken Token => _cancel.Token;

    public bool IsAborted => Volatile.Read(ref _reason) != null;

    /// <summary>True (and the run is cancelled) when <paramref name="failure"/> would repeat for every device.</summary>
    public bool TryAbort(NeuronsApiException failure)
    {
        if (!EndsTheRun(failure))
        {
            return false;
        }

        if (Interlocked.CompareExchange(ref _reason, failure, null) == null)
        {
            _cancel.Cancel();
        }

        return true;
    }

    /// <summary>
    /// The breaker opened (most recent calls to the tenant failed), the credentials are refused, or a call that
    /// may be retried still found no tenant after every retry. One network fault on a call that may not be
    /// retried (its outcome unknown) is not among them: it is read back instead.
    /// </summary>
    internal static bool EndsTheRun(NeuronsApiException failure)
        => failure.ErrorId == "TenantUnavailable" || failure.ErrorId == "Unauthorized"
            || (failure.ErrorId == "Unreachable" && !failure.OutcomeUnknown);

    private void OnTenantStoppedAnswering(string lastSeen)
        => TryAbort(NeuronsApiException.TenantUnavailable("the rest of the run", _client.TenantUri, lastSeen, null));

    /// <summary>Stops listening to the connection, which outlives the run.</summary>
    public void Dispose() => _client.TenantStoppedAnswering -= OnTenantStoppedAnswering;

    /// <summary>A device the run stopped before finishing (not sent, or sent and not yet verified).</summary>
    public void NotDone(AssignmentRequest request) => _notDone.Enqueue(request);

    /// <summary>The one error of an aborted run: the cause, how many devices are left and which, and that re-running is safe.</summary>
    public BulkEnrollException ToError(AssignmentCounters counters)
    {
        NeuronsApiException reason = _reason ?? throw new InvalidOperationException("The run was not aborted.");
        AssignmentRequest[] left = _notDone.ToArray();
        string names = string.Join(", ", left.Take(ListedDevices).Select(r => r.Describe()));
        string more = left.Length > ListedDevices ? $" and {left.Length - ListedDevices} more" : string.Empty;
        string which = left.Length == 0 ? string.Empty : $" {left.Length} device(s) were not done: {names}{more}.";
        string message = $"Set-DeviceAssignment stopped: {reason.Message}{which} Done before it stopped: {counters}. "
            + "Running the same command again is safe: devices already assigned are reported AlreadyAssigned and nothing is sent twice.";
        return new BulkEnrollException(reason.ErrorId, reason.Category, message, left.Select(r => r.Source ?? r.Describe()).ToArray(), reason)
        {
            RecommendedAction = reason.RecommendedAction,
        };
    }
}
