using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons;
using BulkEnroll.Neurons.Records;

namespace BulkEnroll.Assignment;

/// <summary>
/// Decides, once per run, how the names holding serial numbers are found when the tenant leaves serialNumber empty:
/// one free-text q= search per fragment of each row, or a listing of every Windows device of the space kept as a
/// <see cref="DeviceNameIndex"/>. Neither is right for every run: 3 rows on a 10,000-device fleet need 3 searches
/// where the listing costs 20 pages, 200 rows on 1,000 devices need 200 to 600 searches where it costs 2. So, as a
/// skier rents until the rent paid reaches the price of skis, rows search until the searches spent reach the cost
/// of the listing (ceil(Windows devices / 500), counted with one rows=1 query at the first serial), and the rest of
/// the run uses the index: never more than about twice what the better choice would have cost.
/// Devices that enroll after the listing must still be found: a fragment the index does not hold waits for a
/// read of the newest devices (id descending, down to the highest id known) that started after the miss. Misses
/// arriving together share one such read, so a nightly run whose rows mostly have not enrolled yet costs a few
/// requests, not one search per row; the index never decides alone that a serial is unknown.
/// Names only say where to look: each device found is still proven by its hardware inventory (DeviceLocator).
/// </summary>
internal sealed class SerialNameIndex
{
    private const int PageRows = NeuronsClient.MaxPageSize;

    /// <summary>Listing pages read at once; the client's rate gate keeps them under the tenant's limit.</summary>
    private const int ParallelPages = 4;

    /// <summary>The first page of newest devices: usually none or a few enrolled since, so it is kept small.</summary>
    private const int NewestFirstRows = 50;

    private readonly BulkEnrollConnection _connection;
    private readonly Action<string> _verbose;
    private readonly TimeSpan _linger;
    private readonly CancellationToken _stop;
    private readonly object _gate = new object();
    private Task<long?>? _budget;
    private long _spent;
    private Task<DeviceNameIndex?>? _index;
    private Task? _refreshRunning;
    private Task? _refreshQueued;

    public SerialNameIndex(BulkEnrollConnection connection, Action<string> verbose, TimeSpan linger, CancellationToken stop)
    {
        _linger = linger;
        _connection = connection;
        _verbose = verbose;
        _stop = stop;
    }

    /// <summary>
    /// True when the caller's row may search by name (its first search is counted now, so rows starting together
    /// cannot all slip under the budget); false once the searches spent reach the listing's cost, or the index is
    /// there: the caller then uses <see cref="GetIndexAsync"/>. A row that started searching finishes its fragments
    /// (<see cref="CountSearch"/>): one unknown serial costs its three searches rather than a listing.
    /// </summary>
    public async Task<bool> TryStartSearchingAsync()
    {
        Task<long?> budget;
        lock (_gate)
        {
            if (_index != null)
            {
                return false;
            }

            budget = _budget ??= CountPagesAsync();
        }

        long? pages = await budget.ConfigureAwait(false);
        lock (_gate)
        {
            if (pages == null)
            {
                return true; // the fleet could not be counted: row by row, as before
            }

            if (_index != null || _spent >= pages.Value)
            {
                return false;
            }

            _spent++;
            return true;
        }
    }

    /// <summary>A further search of a row that started searching.</summary>
    public void CountSearch()
    {
        lock (_gate)
        {
            _spent++;
        }
    }

    /// <summary>The index, listed once for the run; null when listing failed (callers search row by row then).</summary>
    public Task<DeviceNameIndex?> GetIndexAsync()
    {
        lock (_gate)
        {
            return _index ??= BuildAsync();
        }
    }

    /// <summary>
    /// Adds the devices enrolled since the index was built, by a read that starts after this call (a device that
    /// enrolled before the caller's miss is then in the index). Like lookups (BatchedLookup), misses within the
    /// linger share one read, and one read at a time is under way.
    /// </summary>
    public Task RefreshAsync(DeviceNameIndex index)
    {
        lock (_gate)
        {
            return _refreshQueued ??= AfterAsync(_refreshRunning, index);
        }
    }

    private async Task AfterAsync(Task? running, DeviceNameIndex index)
    {
        await Task.Yield(); // the caller stores this task as the queued read before it is promoted below
        try
        {
            await Task.Delay(_linger, _stop).ConfigureAwait(false);
            if (running != null)
            {
                await running.ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is NeuronsApiException || e is OperationCanceledException)
        {
            // Its callers met that error; this read is a new attempt.
        }

        lock (_gate)
        {
            _refreshRunning = _refreshQueued;
            _refreshQueued = null;
        }

        await ReadNewestPagesAsync(index).ConfigureAwait(false);
    }

    private async Task ReadNewestPagesAsync(DeviceNameIndex index)
    {
        long known = index.MaxId;
        long start = 0;
        int rows = NewestFirstRows;
        while (true)
        {
            SearchPage<DeviceRecord> page = await _connection.Devices.GetNewestPageAsync(_connection.DeviceSpaceId, DeviceFilters.Windows().ToString(), start, rows, _stop)
                .ConfigureAwait(false);
            List<DeviceRecord> records = page.SearchResults ?? new List<DeviceRecord>();
            index.AddNewer(records.Select(r => (r.Id, r.DeviceName)));
            if (records.Count < rows || records.Any(r => r.Id <= known))
            {
                return;
            }

            start += records.Count;
            rows = PageRows;
        }
    }

    private async Task<long?> CountPagesAsync()
    {
        await Task.Yield();
        try
        {
            long windows = await _connection.Devices.CountAsync(_connection.DeviceSpaceId, DeviceFilters.Windows().ToString(), _stop).ConfigureAwait(false);
            return (windows + PageRows - 1) / PageRows;
        }
        catch (NeuronsApiException e)
        {
            _verbose($"Could not count the Windows devices of the space ({e.Message}); serial numbers are searched row by row.");
            return null;
        }
    }

    private async Task<DeviceNameIndex?> BuildAsync()
    {
        await Task.Yield();
        try
        {
            // The client's own paging: the first page's total starts the rest, a few pages at a time, and each
            // record is kept as id and name only as soon as it is read.
            var devices = new List<(long Id, string? Name)>();
            await foreach (DeviceRecord record in _connection.Devices.SearchAsync(_connection.DeviceSpaceId, DeviceFilters.Windows().ToString(), ParallelPages, _stop)
                .ConfigureAwait(false))
            {
                devices.Add((record.Id, record.DeviceName));
            }

            var index = new DeviceNameIndex(devices);
            long listed = (devices.Count + PageRows - 1) / PageRows;
            _verbose($"Serial numbers: {Spent} name searches spent, as many as listing the space's {devices.Count} Windows devices costs "
                + $"({Math.Max(1, listed)} page(s)); their names were listed once and the remaining serial numbers are matched against them, each still confirmed from the device's hardware inventory.");
            return index;
        }
        catch (NeuronsApiException e)
        {
            _verbose($"Listing the Windows devices of the space failed ({e.Message}); serial numbers are searched row by row.");
            return null;
        }
    }

    private long Spent
    {
        get
        {
            lock (_gate)
            {
                return _spent;
            }
        }
    }
}
