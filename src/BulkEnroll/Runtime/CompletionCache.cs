using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace BulkEnroll.Completion;

/// <summary>
/// Answers for Tab completion, fetched from the tenant at most once a minute per question, and never
/// waited on for long: Tab must not freeze the prompt. A slow answer is left to finish in the background
/// and serves the next Tab press.
/// </summary>
internal static class CompletionCache
{
    internal static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);
    internal static readonly TimeSpan WaitAtMost = TimeSpan.FromSeconds(2);

    private static readonly ConcurrentDictionary<(BulkEnrollConnection Connection, string Question), Entry> Entries =
        new ConcurrentDictionary<(BulkEnrollConnection, string), Entry>();

    public static IReadOnlyList<string> Get(BulkEnrollConnection connection, string question, Func<CancellationToken, Task<IReadOnlyList<string>>> fetch)
    {
        var key = (connection, question);
        Entry entry = Entries.AddOrUpdate(key, _ => Entry.Start(fetch), (_, existing) => existing.IsStale ? Entry.Start(fetch) : existing);
        try
        {
            return entry.Answer.Wait(WaitAtMost) && entry.Answer.Status == TaskStatus.RanToCompletion ? entry.Answer.Result : Array.Empty<string>();
        }
        catch (AggregateException)
        {
            // The tenant could not answer (offline, throttled, no rights): no completions, and ask again next time.
            Entries.TryRemove(key, out _);
            return Array.Empty<string>();
        }
    }

    private sealed class Entry
    {
        private readonly DateTime _expires;

        private Entry(Task<IReadOnlyList<string>> answer)
        {
            Answer = answer;
            _expires = DateTime.UtcNow + Lifetime;
        }

        public Task<IReadOnlyList<string>> Answer { get; }

        public bool IsStale => DateTime.UtcNow > _expires || Answer.IsFaulted || Answer.IsCanceled;

        public static Entry Start(Func<CancellationToken, Task<IReadOnlyList<string>>> fetch)
        {
            // Bounded by the lifetime: a completion request never keeps running forever.
            var cancel = new CancellationTokenSource(Lifetime);
            Task<IReadOnlyList<string>> answer = Task.Run(() => fetch(cancel.Token));
            _ = answer.ContinueWith(_ => cancel.Dispose(), TaskScheduler.Default);
            return new Entry(answer);
        }
    }
}
