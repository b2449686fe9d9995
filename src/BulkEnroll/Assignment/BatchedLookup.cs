using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons;

namespace BulkEnroll.Assignment;

/// <summary>
/// Gathers lookups by one key (device id, serial number, name, user UID) that arrive close together into one list
/// query naming every key (<c>(field=a or field=b ...)</c>), so a CSV of N rows costs about N/<see cref="MaxKeys"/>
/// requests instead of N. A group is sent when it holds <see cref="MaxKeys"/> keys or its first key has waited the
/// linger. The answer for a key is the records whose key matches, or null when the batch could not say: the tenant
/// refused the or-form (remembered for the connection, <see cref="ApiVariants.OrFilters"/>), or more records matched
/// than one page holds. On null, and on an empty answer, callers look the key up on its own, as before: a batch
/// only saves requests, it never decides that something does not exist.
/// </summary>
internal sealed class BatchedLookup<T>
    where T : class
{
    /// <summary>Keys per query: 50 serials keep the URL near 2 KB, and their records fit one 500-row page.</summary>
    public const int MaxKeys = 50;

    /// <summary>The documented page maximum (docs/reference/ivanti-api.md#paging).</summary>
    public const int Rows = 500;

    private readonly Func<IReadOnlyCollection<string>, CancellationToken, Task<(long Total, IReadOnlyList<T> Records)>> _fetch;
    private readonly Func<T, string?> _keyOf;
    private readonly ApiVariants _variants;
    private readonly TimeSpan _linger;
    private readonly CancellationToken _stop;
    private readonly object _lock = new object();
    private Dictionary<string, TaskCompletionSource<IReadOnlyList<T>?>>? _open;

    public BatchedLookup(Func<IReadOnlyCollection<string>, CancellationToken, Task<(long Total, IReadOnlyList<T> Records)>> fetch, Func<T, string?> keyOf,
        ApiVariants variants, TimeSpan linger, CancellationToken stop)
    {
        _fetch = fetch;
        _keyOf = keyOf;
        _variants = variants;
        _linger = linger;
        _stop = stop;
    }

    /// <summary>The records whose key is <paramref name="key"/> (case-insensitive), or null when the batch could not tell.</summary>
    public Task<IReadOnlyList<T>?> FindAsync(string key)
    {
        if (_variants.OrFilters == false || !FilterBuilder.CanSend(key))
        {
            return Task.FromResult<IReadOnlyList<T>?>(null);
        }

        Dictionary<string, TaskCompletionSource<IReadOnlyList<T>?>>? full = null;
        Dictionary<string, TaskCompletionSource<IReadOnlyList<T>?>>? started = null;
        TaskCompletionSource<IReadOnlyList<T>?>? answer;
        lock (_lock)
        {
            if (_open == null)
            {
                _open = new Dictionary<string, TaskCompletionSource<IReadOnlyList<T>?>>(StringComparer.OrdinalIgnoreCase);
                started = _open;
            }

            if (!_open.TryGetValue(key, out answer))
            {
                answer = new TaskCompletionSource<IReadOnlyList<T>?>(TaskCreationOptions.RunContinuationsAsynchronously);
                _open[key] = answer;
            }

            if (_open.Count >= MaxKeys)
            {
                full = _open;
                _open = null;
            }
        }

        if (full != null)
        {
            _ = SendAsync(full);
        }
        else if (started != null)
        {
            _ = SendAfterLingerAsync(started);
        }

        return answer.Task;
    }

    private async Task SendAfterLingerAsync(Dictionary<string, TaskCompletionSource<IReadOnlyList<T>?>> group)
    {
        try
        {
            await Task.Delay(_linger, _stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Fall through: SendAsync settles every waiter, cancelled or not.
        }

        lock (_lock)
        {
            if (!ReferenceEquals(_open, group))
            {
                return; // already sent because it filled up
            }

            _open = null;
        }

        await SendAsync(group).ConfigureAwait(false);
    }

    private async Task SendAsync(Dictionary<string, TaskCompletionSource<IReadOnlyList<T>?>> group)
    {
        (long Total, IReadOnlyList<T> Records) page;
        try
        {
            _stop.ThrowIfCancellationRequested();
            page = await _fetch(group.Keys.ToList(), _stop).ConfigureAwait(false);
        }
        catch (NeuronsApiException e) when (e.StatusCode == HttpStatusCode.BadRequest)
        {
            if (group.Count > 1)
            {
                _variants.ObserveOrFilters(false);
            }

            SetAll(group, null);
            return;
        }
        catch (OperationCanceledException)
        {
            foreach (TaskCompletionSource<IReadOnlyList<T>?> waiter in group.Values)
            {
                waiter.TrySetCanceled();
            }

            return;
        }
        catch (Exception e)
        {
            // Each waiter meets the error as its own lookup would have (retries are already spent by the client).
            foreach (TaskCompletionSource<IReadOnlyList<T>?> waiter in group.Values)
            {
                waiter.TrySetException(e);
            }

            return;
        }

        if (page.Total > page.Records.Count)
        {
            SetAll(group, null); // more matched than one page: the keys are looked up on their own
            return;
        }

        ILookup<string, T> byKey = page.Records.Where(r => _keyOf(r) != null).ToLookup(r => _keyOf(r)!.Trim(), StringComparer.OrdinalIgnoreCase);
        if (group.Count > 1 && group.Keys.Count(byKey.Contains) > 1)
        {
            // Two keys answered by one query: the tenant read the or-form.
            _variants.ObserveOrFilters(true);
        }

        foreach (KeyValuePair<string, TaskCompletionSource<IReadOnlyList<T>?>> entry in group)
        {
            entry.Value.TrySetResult(byKey[entry.Key].ToList());
        }
    }

    private static void SetAll(Dictionary<string, TaskCompletionSource<IReadOnlyList<T>?>> group, IReadOnlyList<T>? answer)
    {
        foreach (TaskCompletionSource<IReadOnlyList<T>?> waiter in group.Values)
        {
            waiter.TrySetResult(answer);
        }
    }
}
