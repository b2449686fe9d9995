using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Devices;
using BulkEnroll.Neurons;
using BulkEnroll.Neurons.Records;
using Xunit;

namespace BulkEnroll.Tests.Devices;

/// <summary>
/// The pager sends a search's later pages as soon as its first page's first bytes say how long it is, not once that
/// page has been read whole; a length that turns out wrong is corrected by the page itself.
/// </summary>
public sealed class EnrolledDevicePagerTests
{
    [Fact]
    public async Task TheLaterPagesGoOutWhileTheFirstPageIsStillArriving()
    {
        const int total = 1_200;
        var secondPageAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var asked = new ConcurrentQueue<long>();

        async Task<SearchPage<DeviceRecord>> Fetch(int search, long start, int rows, Action<long>? totalKnown, CancellationToken ct)
        {
            asked.Enqueue(start);
            if (start == 0)
            {
                Assert.NotNull(totalKnown);
                totalKnown!(total);
                // The rest of this page is only "sent" once the next page was asked for: no peek, no end.
                await secondPageAsked.Task.WaitAsync(guard.Token);
            }
            else
            {
                Assert.Null(totalKnown);
                if (start == NeuronsClient.MaxPageSize)
                {
                    secondPageAsked.TrySetResult();
                }
            }

            return Page(start, Math.Min(rows, total - (int)start), total);
        }

        using var pager = new EnrolledDevicePager(new long?[] { null }, Fetch, throttle: 8);
        List<long> ids = await ReadAllAsync(pager, guard.Token);

        Assert.Equal(Enumerable.Range(0, total).Select(i => (long)i), ids);
        Assert.Equal(new long[] { 0, 500, 1000 }, asked.OrderBy(s => s));
    }

    [Fact]
    public async Task AFirstPageCappedBelowWhatWasAskedCorrectsThePagesSentOnItsTotal()
    {
        // Some lists cap rows at 50 (docs/reference/ivanti-api.md#paging): pages sent on the early total were cut at
        // 500 and are dropped unread; the search is read again in steps of 50, every record once and in order.
        const int total = 1_200;
        const int cap = 50;
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var asked = new ConcurrentQueue<(long Start, int Rows)>();

        Task<SearchPage<DeviceRecord>> Fetch(int search, long start, int rows, Action<long>? totalKnown, CancellationToken ct)
        {
            asked.Enqueue((start, rows));
            totalKnown?.Invoke(total);
            return Task.FromResult(Page(start, Math.Min(Math.Min(rows, cap), total - (int)start), total));
        }

        using var pager = new EnrolledDevicePager(new long?[] { null }, Fetch, throttle: 8);
        List<long> ids = await ReadAllAsync(pager, guard.Token);

        Assert.Equal(Enumerable.Range(0, total).Select(i => (long)i), ids);
        Assert.Contains(asked, a => a.Start == 1_150 && a.Rows == cap);
    }

    private static SearchPage<DeviceRecord> Page(long start, int count, long total)
        => new SearchPage<DeviceRecord>
        {
            TotalCount = total,
            SearchResults = Enumerable.Range(0, Math.Max(0, count)).Select(i => new DeviceRecord { Id = start + i }).ToList(),
        };

    private static async Task<List<long>> ReadAllAsync(EnrolledDevicePager pager, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        await foreach ((int _, List<DeviceRecord> records) in pager.ReadPagesAsync(cancellationToken))
        {
            ids.AddRange(records.Select(r => r.Id));
        }

        return ids;
    }
}
