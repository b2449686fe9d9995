namespace BulkEnroll.Sandbox;

/// <summary>One request as the sandbox saw it. Secrets (form or query fields whose name contains
/// "password" or "secret") are replaced by "***".</summary>
/// <param name="Sequence">Arrival order, from 1.</param>
/// <param name="User">The authenticated API user, or null.</param>
/// <param name="Query">The query string as received (with secrets redacted), including the leading '?'.</param>
/// <param name="Form">Form fields; repeated fields are joined with ','.</param>
/// <param name="StatusCode">What the client was sent; 0 when the connection was aborted.</param>
/// <param name="Fault">The injected fault, or null (see <see cref="FaultNames"/>).</param>
/// <param name="FaultAfterHandler">The fault hit after the real handler ran (its change happened).</param>
public sealed record RequestLogEntry(
    long Sequence, DateTimeOffset Timestamp, string? User, string Method, string Path, string Query,
    IReadOnlyDictionary<string, string> Form, int StatusCode, string? Fault, bool FaultAfterHandler, TimeSpan Duration);

/// <summary>Names used in <see cref="RequestLogEntry.Fault"/>.</summary>
public static class FaultNames
{
    public const string TooManyRequests = "TooManyRequests";
    public const string InternalServerError = "InternalServerError";
    public const string BadGateway = "BadGateway";
    public const string ServiceUnavailable = "ServiceUnavailable";
    public const string ConnectionReset = "ConnectionReset";
    public const string SlowResponse = "SlowResponse";
}

/// <summary>Thread-safe log of requests (oldest dropped beyond <see cref="Capacity"/>).</summary>
public sealed class RequestLog
{
    private readonly object _gate = new();
    private readonly Queue<RequestLogEntry> _entries = new();
    private readonly List<(Func<RequestLogEntry, bool> Match, TaskCompletionSource<RequestLogEntry> Done)> _waiters = new();
    private long _sequence;

    internal RequestLog(int capacity) => Capacity = Math.Max(1, capacity);

    public int Capacity { get; }

    /// <summary>A copy of the entries, in arrival order.</summary>
    public IReadOnlyList<RequestLogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.OrderBy(e => e.Sequence).ToArray();
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    internal long NextSequence() => Interlocked.Increment(ref _sequence);

    internal void Add(RequestLogEntry entry)
    {
        List<(Func<RequestLogEntry, bool> Match, TaskCompletionSource<RequestLogEntry> Done)> met;
        lock (_gate)
        {
            _entries.Enqueue(entry);
            while (_entries.Count > Capacity)
            {
                _entries.Dequeue();
            }

            met = _waiters.Where(w => w.Match(entry)).ToList();
            _waiters.RemoveAll(w => met.Contains(w));
        }

        foreach (var waiter in met)
        {
            waiter.Done.TrySetResult(entry);
        }
    }

    /// <summary>
    /// The first entry (already logged or still to come) that matches. A request is logged when it ends, so a client
    /// that gave up on it may return before its entry exists: tests wait for it here instead of sleeping.
    /// </summary>
    public Task<RequestLogEntry> WaitForAsync(Func<RequestLogEntry, bool> match, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<RequestLogEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            RequestLogEntry? logged = _entries.FirstOrDefault(match);
            if (logged != null)
            {
                return Task.FromResult(logged);
            }

            _waiters.Add((match, done));
        }

        cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
        return done.Task;
    }

    internal static bool IsSecretField(string name) =>
        name.Contains("password", StringComparison.OrdinalIgnoreCase) || name.Contains("secret", StringComparison.OrdinalIgnoreCase);

    internal const string Redacted = "***";
}
