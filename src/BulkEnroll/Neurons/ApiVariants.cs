using System;
using System.Threading;
using System.Threading.Tasks;

namespace BulkEnroll.Neurons;

/// <summary>How the tenant takes several device ids in one call (docs/reference/ivanti-api.md#open-questions).</summary>
internal enum MultiIdEncoding
{
    /// <summary><c>deviceIds=1&amp;deviceIds=2</c>, as public client code sends them.</summary>
    Repeated,

    /// <summary><c>deviceIds=1,2</c>.</summary>
    CommaSeparated,

    /// <summary>Neither was understood: one device per call, which every variant takes.</summary>
    OnePerCall,
}

/// <summary>Which path deletes a user (docs/reference/ivanti-api.md#delete-accounts).</summary>
internal enum AccountDeleteRoute
{
    /// <summary><c>DELETE /api/v1/accounts?accountIds=&lt;id&gt;</c>.</summary>
    Plural,

    /// <summary><c>DELETE /api/v1/account?id=&lt;id&gt;</c>, as public client code sends it.</summary>
    Singular,
}

/// <summary>
/// What this connection found out about the tenant where the API is not settled by any public source: each
/// variant is detected once, the first time it matters, by a probe that cannot change the tenant, and then
/// remembered for the connection's life. The probes themselves live beside the calls they serve
/// (<see cref="DevicesApi"/>, <see cref="AccountsApi"/>); this class only holds the answers.
/// </summary>
internal sealed class ApiVariants
{
    private readonly Once<MultiIdEncoding> _multiId = new Once<MultiIdEncoding>();
    private readonly Once<AccountDeleteRoute> _deleteRoute = new Once<AccountDeleteRoute>();
    private int _statusField = -1;
    private int _orFilters = -1;
    private int _totalCountFirst = -1;

    /// <summary>Null until detected.</summary>
    public MultiIdEncoding? MultiId => _multiId.Value;

    /// <summary>Null until detected.</summary>
    public AccountDeleteRoute? DeleteRoute => _deleteRoute.Value;

    /// <summary>Whether device records carry the reassignment status field; null until a reassigned device was read back.</summary>
    public bool? HasReassignmentStatus => Volatile.Read(ref _statusField) switch { 0 => false, 1 => true, _ => (bool?)null };

    /// <summary>
    /// Whether the tenant takes several keys in one filter (<c>(id=1 or id=2)</c>); null until a batched lookup
    /// was answered. No public code sends such a list for ids, serials or UIDs [I], so the first batched lookup of
    /// the connection (a read, which cannot change the tenant) finds out: a 400 turns batching off for the
    /// connection's life and every key is looked up on its own, as before.
    /// </summary>
    public bool? OrFilters => Volatile.Read(ref _orFilters) switch { 0 => false, 1 => true, _ => (bool?)null };

    /// <summary>A refusal always wins (a later batch may have been sent before it was known); a success decides only once.</summary>
    public void ObserveOrFilters(bool accepted)
    {
        int was = accepted ? Interlocked.CompareExchange(ref _orFilters, 1, -1) : Interlocked.Exchange(ref _orFilters, 0);
        if (was == (accepted ? 1 : 0) || (accepted && was != -1))
        {
            return;
        }

        ClientLog.Verbose(accepted
            ? "API variant: the tenant takes several keys in one filter ((id=1 or id=2)); devices and users are looked up in batches."
            : "API variant: the tenant refused several keys in one filter (or); devices and users are looked up one by one.");
    }

    public Task<MultiIdEncoding> MultiIdAsync(Func<Task<MultiIdEncoding>> detect) => _multiId.GetAsync(detect);

    public Task<AccountDeleteRoute> DeleteRouteAsync(Func<Task<AccountDeleteRoute>> detect) => _deleteRoute.GetAsync(detect);

    /// <summary>
    /// Records, from a device read back after the tenant accepted its reassignment, whether the status field was
    /// there; the first such read decides, and says so once in Verbose.
    /// </summary>
    public void ObserveReassignmentStatusField(bool present)
        => DecideOnce(ref _statusField, present,
            "API variant: device records carry the reassignment status field (lastReassignmentStatus); assignments are verified by it and by the owner fields.",
            "API variant: device records carry no reassignment status field; assignments are verified by the owner fields and changeOwnerCounter only, and a failed reassignment shows as a timeout.");

    /// <summary>
    /// Whether list answers give <c>totalCount</c> before their records (docs/reference/ivanti-api.md#paging); the
    /// first device page read decides, and says so once in Verbose.
    /// </summary>
    public void ObserveTotalCountFirst(bool first)
        => DecideOnce(ref _totalCountFirst, first,
            "API variant: list answers give totalCount before their records; a search's later pages are requested from its first page's first bytes.",
            "API variant: list answers give their records before totalCount; a search's later pages are requested once its first page has been read.");

    /// <summary>The first observation decides (-1 until then, 0 or 1 after) and is said once in Verbose; later ones change nothing.</summary>
    private static void DecideOnce(ref int decision, bool observed, string whenTrue, string whenFalse)
    {
        if (Interlocked.CompareExchange(ref decision, observed ? 1 : 0, -1) == -1)
        {
            ClientLog.Verbose(observed ? whenTrue : whenFalse);
        }
    }

    /// <summary>One detection shared by every caller; a detection that failed (network, cancellation) is tried again by the next caller.</summary>
    private sealed class Once<T>
        where T : struct
    {
        private readonly object _lock = new object();
        private Task<T>? _task;

        public T? Value => _task is { Status: TaskStatus.RanToCompletion } done ? done.Result : (T?)null;

        public async Task<T> GetAsync(Func<Task<T>> detect)
        {
            Task<T> task;
            lock (_lock)
            {
                if (_task == null || _task.IsFaulted || _task.IsCanceled)
                {
                    _task = detect();
                }

                task = _task;
            }

            return await task.ConfigureAwait(false);
        }
    }
}
