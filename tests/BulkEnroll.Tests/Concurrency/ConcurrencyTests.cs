using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Concurrency;
using Xunit;

namespace BulkEnroll.Tests.Concurrency;

public sealed class ConcurrencyTests
{
    private static async IAsyncEnumerable<int> Numbers(int from, int count, int delayMs, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (int i = from; i < from + count; i++)
        {
            await Task.Delay(delayMs, cancellationToken);
            yield return i;
        }
    }

    private static async Task<List<int>> All(IAsyncEnumerable<int> source)
    {
        var items = new List<int>();
        await foreach (int i in source)
        {
            items.Add(i);
        }

        return items;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    public async Task EveryItemOfEverySourceComesOnceAndEachSourceKeepsItsOrder(int sourceCount)
    {
        var sources = Enumerable.Range(0, sourceCount)
            .Select(s => (Func<CancellationToken, IAsyncEnumerable<int>>)(ct => Numbers(s * 1000, 50, 1, ct)))
            .ToList();

        List<int> items = await All(ConcurrentMerge.MergeAsync(sources, maxConcurrentSources: 3, CancellationToken.None, buffer: 8));

        Assert.Equal(sourceCount * 50, items.Count);
        for (int s = 0; s < sourceCount; s++)
        {
            Assert.Equal(Enumerable.Range(s * 1000, 50), items.Where(i => i / 1000 == s));
        }
    }

    [Fact]
    public async Task SourcesRunSideBySide()
    {
        // Each source yields only once all four have started: merged one after another, the first would wait for
        // the others forever. Proven by the event, not by a stopwatch; the deadline only turns a hang into a failure.
        const int count = 4;
        int started = 0;
        var allStarted = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        async IAsyncEnumerable<int> WaitsForTheOthers(int first, [EnumeratorCancellation] CancellationToken ct = default)
        {
            if (Interlocked.Increment(ref started) == count)
            {
                allStarted.TrySetResult(true);
            }

            await allStarted.Task.WaitAsync(ct);
            yield return first;
        }

        var sources = Enumerable.Range(0, count)
            .Select(s => (Func<CancellationToken, IAsyncEnumerable<int>>)(ct => WaitsForTheOthers(s, ct)))
            .ToList();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        List<int> items = await All(ConcurrentMerge.MergeAsync(sources, maxConcurrentSources: count, deadline.Token));

        Assert.Equal(Enumerable.Range(0, count), items.OrderBy(i => i));
    }

    [Fact]
    public async Task AFailingSourceFailsTheMergeAfterTheItemsBeforeIt()
    {
        static async IAsyncEnumerable<int> Failing([EnumeratorCancellation] CancellationToken ct = default)
        {
            yield return -1;
            await Task.Delay(10, ct);
            throw new InvalidOperationException("source broke");
        }

        var sources = new List<Func<CancellationToken, IAsyncEnumerable<int>>> { ct => Numbers(0, 1000, 1, ct), ct => Failing(ct) };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => All(ConcurrentMerge.MergeAsync(sources, 2, CancellationToken.None)));
        Assert.Equal("source broke", error.Message);
    }

    [Fact]
    public async Task CancellationStopsEverySource()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var sources = Enumerable.Range(0, 3)
            .Select(s => (Func<CancellationToken, IAsyncEnumerable<int>>)(ct => Numbers(s * 1000, 1000, 10, ct)))
            .ToList();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => All(ConcurrentMerge.MergeAsync(sources, 3, cancel.Token)));
    }
}
