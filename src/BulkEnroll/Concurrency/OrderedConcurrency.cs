using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace BulkEnroll.Devices
{
    internal static class OrderedConcurrency
    {
        /// <summary>
        /// Applies an asynchronous step to a stream with up to <paramref name="concurrency"/> items in flight and
        /// yields the results in input order: fast as a parallel loop, streaming like a foreach.
        /// </summary>
        public static async IAsyncEnumerable<TOut> SelectAsync<TIn, TOut>(IAsyncEnumerable<TIn> source,
            Func<TIn, CancellationToken, Task<TOut>> step, int concurrency, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var window = new Queue<Task<TOut>>();
            try
            {
                await foreach (TIn item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    window.Enqueue(step(item, abandon.Token));
                    if (window.Count >= Math.Max(1, concurrency))
                    {
                        yield return await window.Dequeue().ConfigureAwait(false);
                    }
                }

                while (window.Count > 0)
                {
                    yield return await window.Dequeue().ConfigureAwait(false);
                }
            }
            finally
            {
                abandon.Cancel();
                foreach (Task<TOut> pending in window)
                {
                    _ = pending.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                }
            }
        }
    }
}
