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
/// written. That is what keeps a small fleet (a dozen pages, where a few round trips in a row dominate) as close
/// to the tenant's ceiling as a large one.
/// Bounds: at most <c>throttle</c> requests in flight and <c>2 x throttle</c> pages fetched but not yet
/// written, whatever the size of the fleet; the next page the pipeline needs is always requested, so pages of later
/// users never hold it up.
/// </summary>
internal sealed class EnrolledDevicePager
{
    private readonly Func<int, long, int, CancellationToken, Task<SearchPage<DeviceRecord>>> _fetch;
    private readonly Search[] _searches;
    private readonly int _maxInFlight;
    private readonly int _maxHeld;
    private readonly object _lock = new object();
    private CancellationToken _stop;
    private int _inFlight;
    private int _held;
    private int _reading; // the search the pipeline is on: nothing before it is fetched any more

    /// <param name="searchCount">How many searches (generic users).</param>
    /// <param name="fetch">Fetches one page: search index, start, rows.</param>
    /// <param name="throttle">Requests in flight at once (-ThrottleLimit).</param>
    public EnrolledDevicePager(int searchCount, Func<int, long, int, CancellationToken, Task<SearchPage<DeviceRecord>>> fetch, int throttle)
    {
        _fetch = fetch;
        _searches = new Search[searchCount];
        for (int i = 0; i < searchCount; i++)
        {
            _searches[i] = new Search();
        }

        _maxInFlight = Math.Max(1, throttle);
        _maxHeld = 2 * _maxInFlight;
    }

    /// <summary>Each search's records in order, as (search index, record).</summary>
    public async IAsyncEnumerable<(int Search, DeviceRecord Record)> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _stop = stop.Token;
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
                        Release(page);
                    }

                    List<DeviceRecord> items = result.SearchResults ?? new List<DeviceRecord>();
                    foreach (DeviceRecord record in items)
                    {
                        yield return (i, record);
                    }

                    // The set shrank while we were paging (devices retired, filter no longer matching): stop at its end.
                    if (pageIndex + 1 >= search.PageCount || (pageIndex > 0 && items.Count < search.Step))
                    {
                        break;
                    }
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            stop.Cancel();
            lock (_lock)
            {
                foreach (Search search in _searches)
                {
                    foreach (Page page in search.Pages.Values)
                    {
                        // Pages fetched ahead and never read: their failures (or the cancellation) are nobody's news.
                        _ = page.Done.Task.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                    }
                }
            }
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

    private void Release(Page page)
    {
        lock (_lock)
        {
            _held--;
            Fill();
        }
    }

    /// <summary>Starts known pages in reading order while the bounds allow. Called under the lock.</summary>
    private void Fill()
    {
        for (int i = _reading; i < _searches.Length && _inFlight < _maxInFlight && _held < _maxHeld; i++)
        {
            Search search = _searches[i];
            if (search.NextToStart == 0)
            {
                Start(search, i, 0);
                continue;
            }

            // Until its first page answers, a search's length is unknown: the next search's pages go ahead instead.
            while (search.PageCount >= 0 && search.NextToStart < search.PageCount && _inFlight < _maxInFlight && _held < _maxHeld)
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
            SearchPage<DeviceRecord> result = await _fetch(searchIndex, start, rows, _stop).ConfigureAwait(false);
            lock (_lock)
            {
                _inFlight--;
                if (pageIndex == 0)
                {
                    int count = result.SearchResults?.Count ?? 0;
                    // Some calls cap rows below what was asked (docs/reference/ivanti-api.md#paging): page by what came.
                    search.Step = count > 0 && count < rows ? count : rows;
                    search.PageCount = count == 0 || count >= result.TotalCount ? 1 : 1 + (int)((result.TotalCount - count + search.Step - 1) / search.Step);
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
                }
            }

            page.Done.TrySetException(e);
        }
    }

    private sealed class Search
    {
        public Dictionary<int, Page> Pages { get; } = new Dictionary<int, Page>();

        /// <summary>-1 until the first page says how many there are.</summary>
        public int PageCount { get; set; } = -1;

        public int Step { get; set; } = NeuronsClient.MaxPageSize;

        public int NextToStart { get; set; }
    }

    private sealed class Page
    {
        public TaskCompletionSource<SearchPage<DeviceRecord>> Done { get; } = new TaskCompletionSource<SearchPage<DeviceRecord>>(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
