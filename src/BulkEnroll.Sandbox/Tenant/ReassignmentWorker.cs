namespace BulkEnroll.Sandbox.Tenant;

/// <summary>Finishes INITIATED reassignments after <see cref="SandboxControlSettings.ReassignmentDelay"/>,
/// in the background, as the real service does (docs/reference/ivanti-api.md#reassignment-status, S4b): the updateAccount response
/// never waits for the outcome.</summary>
internal sealed class ReassignmentWorker : IAsyncDisposable
{
    private readonly TenantState _tenant;
    private readonly SandboxControls _controls;
    private readonly TimeProvider _time;
    private readonly Random _rng;
    private readonly PriorityQueue<(long DeviceId, int Generation), DateTimeOffset> _queue = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ReassignmentWorker(TenantState tenant, SandboxControls controls, TimeProvider time, int seed)
    {
        _tenant = tenant;
        _controls = controls;
        _time = time;
        _rng = new Random(seed ^ 0x2EA551);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Reassignments scheduled and not yet finished.</summary>
    public int Pending
    {
        get
        {
            lock (_queue)
            {
                return _queue.Count;
            }
        }
    }

    public void Schedule(IReadOnlyList<long> deviceIds, int generation)
    {
        if (deviceIds.Count == 0)
        {
            return;
        }

        var due = _time.GetUtcNow() + _controls.Current.ReassignmentDelay;
        lock (_queue)
        {
            foreach (long id in deviceIds)
            {
                _queue.Enqueue((id, generation), due);
            }
        }
        _wake.Release();
    }

    /// <summary>Drops everything scheduled (the tenant was reseeded; its generation check would drop it anyway).</summary>
    public void Clear()
    {
        lock (_queue)
        {
            _queue.Clear();
        }
    }

    private async Task RunAsync()
    {
        var due = new List<(long DeviceId, int Generation)>();
        while (!_stop.IsCancellationRequested)
        {
            TimeSpan wait = Timeout.InfiniteTimeSpan;
            lock (_queue)
            {
                var now = _time.GetUtcNow();
                while (_queue.TryPeek(out var item, out var at))
                {
                    if (at > now)
                    {
                        wait = at - now;
                        break;
                    }
                    _queue.Dequeue();
                    due.Add(item);
                }
            }
            foreach (var (deviceId, generation) in due)
            {
                bool fail;
                lock (_rng)
                {
                    fail = _rng.NextDouble() < _controls.Current.ReassignmentFailureRate;
                }

                _tenant.CompleteReassignment(deviceId, generation, fail);
            }
            due.Clear();
            try
            {
                await _wake.WaitAsync(wait, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        _wake.Dispose();
    }
}
