using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons.Records;

namespace BulkEnroll.Devices;

/// <summary>
/// The devices several generic users enrolled, each user's pages fetched ahead by <see cref="EnrolledDevicePager"/>
/// (users in the order given, each user's devices by id). One way to list them, for every cmdlet that does.
/// A listing starts its requests when it is created, so a caller can start it before it knows it needs it (on the
/// generic users the connection saw last time, while it reads them again) and drop it if it guessed wrong.
/// </summary>
internal sealed class EnrolledDeviceListing : IDisposable
{
    private readonly EnrolledDevicePager _pager;
    private readonly string[] _filters;
    private readonly int _throttleLimit;
    private readonly ListingMemory _memory;

    private EnrolledDeviceListing(BulkEnrollConnection connection, IReadOnlyList<AccountRecord> enrollers, DeviceQuery query, int throttleLimit)
    {
        Enrollers = enrollers;
        _filters = enrollers.Select(query.ServerFilter).ToArray();
        _throttleLimit = throttleLimit;
        _memory = connection.ListingMemory;
        long?[] expected = _filters.Select(_memory.TotalOf).ToArray();
        string[] filters = _filters;
        _pager = new EnrolledDevicePager(expected,
            (search, start, rows, totalKnown, ct) => connection.Devices.GetSearchPageAsync(connection.DeviceSpaceId, filters[search], start, rows, totalKnown, ct),
            throttleLimit);
    }

    public IReadOnlyList<AccountRecord> Enrollers { get; }

    /// <summary>A listing whose first requests are on their way when this returns.</summary>
    public static EnrolledDeviceListing Start(BulkEnrollConnection connection, IReadOnlyList<AccountRecord> enrollers, DeviceQuery query, int throttleLimit,
        CancellationToken cancellationToken)
    {
        var listing = new EnrolledDeviceListing(connection, enrollers, query, throttleLimit);
        listing._pager.Start(cancellationToken);
        return listing;
    }

    /// <summary>Every device, one at a time (for callers that tally rather than stream pages).</summary>
    public static async IAsyncEnumerable<(AccountRecord Enroller, DeviceRecord Record)> ReadAsync(BulkEnrollConnection connection,
        IReadOnlyList<AccountRecord> enrollers, DeviceQuery query, int throttleLimit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach ((AccountRecord Enroller, DeviceRecord Record) device in Start(connection, enrollers, query, throttleLimit, cancellationToken)
            .ReadRecordsAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return device;
        }
    }

    /// <summary>This listing's devices one at a time; the listing is disposed when they are read (or reading stops).</summary>
    public async IAsyncEnumerable<(AccountRecord Enroller, DeviceRecord Record)> ReadRecordsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (this)
        {
            await foreach ((AccountRecord enroller, List<DeviceRecord> page) in ReadPagesAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (DeviceRecord record in page)
                {
                    yield return (enroller, record);
                }
            }
        }
    }

    /// <summary>Whether this listing reads exactly what a listing of <paramref name="enrollers"/> with <paramref name="query"/> would.</summary>
    public bool Lists(IReadOnlyList<AccountRecord> enrollers, DeviceQuery query, int throttleLimit)
        => throttleLimit == _throttleLimit && enrollers.Count == Enrollers.Count
            && enrollers.Select((e, i) => e.Id == Enrollers[i].Id && e.PrincipalName == Enrollers[i].PrincipalName && query.ServerFilter(e) == _filters[i]).All(same => same);

    /// <summary>Each user's devices a page at a time (empty pages skipped), users in the order given.</summary>
    public async IAsyncEnumerable<(AccountRecord Enroller, List<DeviceRecord> Page)> ReadPagesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            await foreach ((int search, List<DeviceRecord> page) in _pager.ReadPagesAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return (Enrollers[search], page);
            }
        }
        finally
        {
            RememberTotals();
        }
    }

    public void Dispose()
    {
        _pager.Dispose();
        RememberTotals();
    }

    private void RememberTotals()
    {
        for (int i = 0; i < _filters.Length; i++)
        {
            if (_pager.TotalOf(i) is long total)
            {
                _memory.RememberTotal(_filters[i], total);
            }
        }
    }
}
