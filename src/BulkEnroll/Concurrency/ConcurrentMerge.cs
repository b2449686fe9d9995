using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace BulkEnroll.Concurrency;

internal static class ConcurrentMerge
{
    /// <summary>
    /// Runs up to <paramref name="maxConcurrentSources"/> streams at once and yields their items as they come
    /// (each stream's own order is kept). Listing fifty small generic users then costs a few round trips, not
    /// fifty. At most <paramref name="buffer"/> items wait for the consumer, so memory stays bounded.
    /// </summary>
    public static async IAsyncEnumerable<T> MergeAsync<T>(IReadOnlyList<Func<CancellationToken, IAsyncEnumerable<T>>> sources, int maxConcurrentSources,
        [EnumeratorCancellation] CancellationToken cancellationToken, int buffer = 1024)
    {
        if (sources.Count == 0)
        {
            yield break;
        }

        if (sources.Count == 1)
        {
            await foreach (T item in sources[0](cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }

            yield break;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queue = new Queue<T>();
        var gate = new object();
        using var itemsReady = new SemaphoreSlim(0);
        using var roomLeft = new SemaphoreSlim(Math.Max(1, buffer));
        using var sourceSlots = new SemaphoreSlim(Math.Max(1, maxConcurrentSources));
        Exception? failure = null;
        int remaining = sources.Count;

        async Task Pump(Func<CancellationToken, IAsyncEnumerable<T>> source)
        {
            try
            {
                await sourceSlots.WaitAsync(stop.Token).ConfigureAwait(false);
                try
                {
                    await foreach (T item in source(stop.Token).ConfigureAwait(false))
                    {
                        await roomLeft.WaitAsync(stop.Token).ConfigureAwait(false);
                        lock (gate)
                        {
                            queue.Enqueue(item);
                        }

                        itemsReady.Release();
                    }
                }
                finally
                {
                    sourceSlots.Release();
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
                stop.Cancel();
            }
            finally
            {
                if (Interlocked.Decrement(ref remaining) == 0)
                {
                    itemsReady.Release(); // wakes the consumer to notice the end
                }
            }
        }

        Task[] pumps = new Task[sources.Count];
        for (int i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            pumps[i] = Task.Run(() => Pump(source));
        }

        try
        {
            while (true)
            {
                await itemsReady.WaitAsync(cancellationToken).ConfigureAwait(false);
                T item;
                lock (gate)
                {
                    if (queue.Count == 0)
                    {
                        break; // the end-of-sources wake-up: every pump finished and the queue is drained
                    }

                    item = queue.Dequeue();
                }

                roomLeft.Release();
                yield return item;
            }

            if (failure != null)
            {
                throw failure;
            }

            // Sources stopped by a cancellation end quietly; the caller must still learn the listing was cut short.
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            stop.Cancel();
            try
            {
                await Task.WhenAll(pumps).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Pumps report through `failure`; after a stop nothing more is owed.
            }
        }
    }
}
