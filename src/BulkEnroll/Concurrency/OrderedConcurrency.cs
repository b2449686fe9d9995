using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace BulkEnroll.Concurrency;

internal static class OrderedConcurrency
{
    /// <summary>As the streaming overload, for inputs already in hand (the page offsets of a search).</summary>
    public static IAsyncEnumerable<TOut> SelectAsync<TIn, TOut>(IEnumerable<TIn> source,
        Func<TIn, CancellationToken, Task<TOut>> step, int concurrency, CancellationToken cancellationToken)
        => SelectAsync(new InMemory<TIn>(source), step, concurrency, cancellationToken);

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

    /// <summary>A list seen as an async stream without a thread hop per item.</summary>
    private sealed class InMemory<T> : IAsyncEnumerable<T>
    {
        private readonly IEnumerable<T> _items;

        public InMemory(IEnumerable<T> items) => _items = items;

        public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) => new Enumerator(_items.GetEnumerator());

        private sealed class Enumerator : IAsyncEnumerator<T>
        {
            private readonly IEnumerator<T> _inner;

            public Enumerator(IEnumerator<T> inner) => _inner = inner;

            public T Current => _inner.Current;

            public ValueTask<bool> MoveNextAsync() => new ValueTask<bool>(_inner.MoveNext());

            public ValueTask DisposeAsync()
            {
                _inner.Dispose();
                return default;
            }
        }
    }
}
