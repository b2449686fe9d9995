using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons;
using BulkEnroll.Neurons.Records;

namespace BulkEnroll.Devices;

/// <summary>
/// Every page of several device searches (one per generic user), fetched ahead of the pipeline and streamed in a
/// fixed order: the users in the order given, each user's devices in the order the search returns them (by id).
/// Pages are requested as soon as they are known, not when the pipeline reaches them: a first page that says how
/// many there are starts the rest of that user's pages at once, even while another user's devices are still being
/// written. A first page says how long its search is in its first bytes, long before its records are parsed: the
/// rest of the search's pages go out then (<see cref="TotalCountListener"/>). A search may also come with the length it
/// had last time (<see cref="Search.ExpectedTotal"/>): its later pages then go out with its first instead of one
/// round trip after it. Either way the first page's answer corrects the guess (pages past the real end are dropped
/// unread, missing ones requested). That is what keeps a small fleet (a dozen pages, where a few round trips in a
/// row dominate) as close to the tenant's ceiling as a large one.
/// Bounds: at most <c>throttle</c> requests in flight and <c>2 x throttle</c> pages fetched but not yet
/// written, whatever the size of the fleet; the next page the pipeline needs is always requested, so pages of later
/// users never hold it up.
/// </summary>
internal sealed class EnrolledDevicePager : IDisposable
{
    private readonly Func<int, long, int, Action<long>?, CancellationToken, Task<SearchPage<DeviceRecord>>> _fetch;
    private readonly Search[] _searches;
    private readonly int _maxInFlight;
    private readonly int _maxHeld;
    private readonly object _lock = new object();
    private CancellationTokenSource? _stopSource;
    private CancellationToken _stop;
    private bool _disposed;
    private int _inFlight;
    private int _held;
    private int _reading; // the search the pipeline is on: nothing before it is fetched any more

    /// <param name="expectedTotals">Per search, how many records it had last time (null: unknown); only a guess.</param>
    /// <param name="fetch">Fetches one page: search index, start, rows, and (first pages only) who to tell the search's length as soon as it is read.</param>
    /// <param name="throttle">Requests in flight at once (-ThrottleLimit).</param>
    public EnrolledDevicePager(IReadOnlyList<long?> expectedTotals, Func<int, long, int, Action<long>?, CancellationToken, Task<SearchPage<DeviceRecord>>> fetch, int throttle)
    {
        _fetch = fetch;
        _searches = new Search[expectedTotals.Count];
        for (int i = 0; i < _searches.Length; i++)
        {
            _searches[i] = new Search { ExpectedTotal = expectedTotals[i] };
        }

        _maxInFlight = Math.Max(1, throttle);
        _maxHeld = 2 * _maxInFlight;
    }

    /// <summary>How many records each search had by its first page; null until that page answered.</summary>
    public long? TotalOf(int search)
    {
        lock (_lock)
        {
            return _searches[search].Total;
        }
    }

    /// <summary>
    /// Sends the first requests now, before anyone reads: a caller still waiting for something else (the
    /// generic-user list) has its pages on the way meanwhile. Reading starts it too; starting twice does nothing.
    /// </summary>
    public void Start(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_stopSource != null || _disposed)
            {
                return;
            }

            _stopSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _stop = _stopSource.Token;
            Fill();
        }
    }

    /// <summary>Each search's pages in order, as (search index, the page's records); empty pages are skipped.</summary>
    public async IAsyncEnumerable<(int Search, List<DeviceRecord> Records)> ReadPagesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Start(cancellationToken);
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(EnrolledDevicePager));
        }

        // Started with another token (the cmdlet's, earlier): this reader's token stops the requests as well.
        using CancellationTokenRegistration stopping = cancellationToken.Register(() => Cancel());
        try
        {
            for (int i = 0; i < _searches.Length; i++)
            {
                Search search = _searches[i];
                lock (_lock)
                {
                    _reading = i;
                }

                for (int pageIndex = 0; ; pageIndex++)
                {
                    Page page = NeedPage(search, i, pageIndex);
                    SearchPage<DeviceRecord> result;
                    try
                    {
                        result = await page.Done.Task.ConfigureAwait(false);
                    }
                    finally
                    {
                        Release();
                    }

                    List<DeviceRecord> items = result.SearchResults ?? new List<DeviceRecord>();
                    if (items.Count > 0)
                    {
                        yield return (i, items);
                    }

                    // The set shrank while we were paging (devices retired, filter no longer matching): stop at its end.
                    if (pageIndex + 1 >= search.PageCount || (pageIndex > 0 && items.Count < search.Step))
                    {
                        break;
                    }
                }

                lock (_lock)
                {
                    // Pages past the end of a set that shrank while we read it are nobody's.
                    DropPages(search, 0);
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Stops every request in flight; pages fetched and never read are dropped (their failures are nobody's news).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (Search search in _searches)
            {
                DropPages(search, 0);
            }
        }

        Cancel();
        _stopSource?.Dispose();
    }

    private void Cancel()
    {
        try
        {
            _stopSource?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed: its requests were cancelled then.
        }
    }

    /// <summary>The page the pipeline needs now: started at once if the window had not reached it yet.</summary>
    private Page NeedPage(Search search, int searchIndex, int pageIndex)
    {
        lock (_lock)
        {
            if (!search.Pages.TryGetValue(pageIndex, out Page? page))
            {
                page = Start(search, searchIndex, pageIndex);
            }

            search.Pages.Remove(pageIndex);
            Fill();
            return page;
        }
    }

    private void Release()
    {
        lock (_lock)
        {
            _held--;
            Fill();
        }
    }

    /// <summary>Forgets the pages of a search from <paramref name="fromPage"/> on, fetched or on their way. Called under the lock.</summary>
    private void DropPages(Search search, int fromPage)
    {
        var dropped = new List<int>();
        foreach (KeyValuePair<int, Page> page in search.Pages)
        {
            if (page.Key >= fromPage)
            {
                dropped.Add(page.Key);
                _held--;
                _ = page.Value.Done.Task.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            }
        }

        foreach (int key in dropped)
        {
            search.Pages.Remove(key);
        }
    }

    /// <summary>Starts pages in reading order while the bounds allow. Called under the lock.</summary>
    private void Fill()
    {
        if (_stopSource == null || _disposed)
        {
            return;
        }

        for (int i = _reading; i < _searches.Length && _inFlight < _maxInFlight && _held < _maxHeld; i++)
        {
            Search search = _searches[i];
            if (search.NextToStart == 0)
            {
                Start(search, i, 0);
            }

            // Until its first page answers, a search's length is what it was last time, or unknown: then the next
            // search's pages go ahead instead.
            int pageCount = search.PageCount >= 0 ? search.PageCount : search.ExpectedPageCount;
            while (search.NextToStart < pageCount && _inFlight < _maxInFlight && _held < _maxHeld)
            {
                Start(search, i, search.NextToStart);
            }
        }
    }

    private Page Start(Search search, int searchIndex, int pageIndex)
    {
        var page = new Page();
        search.Pages[pageIndex] = page;
        search.NextToStart = Math.Max(search.NextToStart, pageIndex + 1);
        _inFlight++;
        _held++;
        long start = pageIndex == 0 ? 0 : search.Step * (long)pageIndex;
        int rows = pageIndex == 0 ? NeuronsClient.MaxPageSize : search.Step;
        _ = RunAsync(search, searchIndex, pageIndex, start, rows, page);
        return page;
    }

    private async Task RunAsync(Search search, int searchIndex, int pageIndex, long start, int rows, Page page)
    {
        try
        {
            // Off the caller's thread: Start runs under the lock, and the request must not.
            await Task.Yield();
            Action<long>? totalKnown = pageIndex == 0 ? total => Foresee(search, total) : null;
            SearchPage<DeviceRecord> result = await _fetch(searchIndex, start, rows, totalKnown, _stop).ConfigureAwait(false);
            lock (_lock)
            {
                _inFlight--;
                if (pageIndex == 0)
                {
                    Measure(search, result, rows);
                }

                Fill();
            }

            page.Done.TrySetResult(result);
        }
        catch (Exception e)
        {
            lock (_lock)
            {
                _inFlight--;
                if (pageIndex == 0)
                {
                    search.PageCount = 1; // nothing more is asked of a search whose first page failed
                    DropPages(search, 1);
                }

                Fill();
            }

            page.Done.TrySetException(e);
        }
    }

    /// <summary>The first page's first bytes said how long the search is: its later pages can go out now.</summary>
    private void Foresee(Search search, long total)
    {
        lock (_lock)
        {
            if (_disposed || search.PageCount >= 0)
            {
                return; // the whole first page is in: Measure knows better
            }

            search.ExpectedTotal = total;
            Fill();
        }
    }

    /// <summary>The first page says how long the search really is; pages sent on last time's length are corrected. Called under the lock.</summary>
    private void Measure(Search search, SearchPage<DeviceRecord> first, int rows)
    {
        int count = first.SearchResults?.Count ?? 0;
        // Some calls cap rows below what was asked (docs/reference/ivanti-api.md#paging): page by what came.
        int step = count > 0 && count < rows ? count : rows;
        search.Total = first.TotalCount;
        search.PageCount = count == 0 || count >= first.TotalCount ? 1 : 1 + (int)((first.TotalCount - count + step - 1) / step);
        if (step != search.Step)
        {
            // Pages sent ahead were cut at the wrong places: none of them can be used.
            DropPages(search, 1);
            search.NextToStart = 1;
            search.Step = step;
        }
        else
        {
            DropPages(search, search.PageCount);
            search.NextToStart = Math.Min(search.NextToStart, search.PageCount);
        }
    }

    private sealed class Search
    {
        public Dictionary<int, Page> Pages { get; } = new Dictionary<int, Page>();

        /// <summary>-1 until the first page says how many there are.</summary>
        public int PageCount { get; set; } = -1;

        public long? Total { get; set; }

        /// <summary>How many records the search has by its first page's first bytes, or had last time: pages are sent on it until the first page is in.</summary>
        public long? ExpectedTotal { get; set; }

        public int ExpectedPageCount => ExpectedTotal is long total && total > 0 ? (int)Math.Min(int.MaxValue, (total + Step - 1) / Step) : 0;

        public int Step { get; set; } = NeuronsClient.MaxPageSize;

        public int NextToStart { get; set; }
    }

    private sealed class Page
    {
        public TaskCompletionSource<SearchPage<DeviceRecord>> Done { get; } = new TaskCompletionSource<SearchPage<DeviceRecord>>(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
