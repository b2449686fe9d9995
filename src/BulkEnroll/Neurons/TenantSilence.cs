using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Polly.CircuitBreaker;

namespace BulkEnroll.Neurons;

/// <summary>
/// The second way the breaker opens: the tenant has not answered at all for a while (ten seconds by default) and at least
/// <see cref="MinimumFailures"/> attempts failed since its last answer. The failure-ratio rule needs many attempts in
/// its window, which a run with one call in flight (everything waiting on one lookup) never makes: its retries,
/// backing off, would each wait for the whole retry budget. Any answer at all (a 4xx, a 429) counts as alive.
/// While open, calls fail at once; after the break the breaker closes again, and the next failure reopens it at once
/// until the tenant answers, which is what a half-open probe does.
/// </summary>
internal sealed class TenantSilence
{
    internal static readonly TimeSpan DefaultSilence = TimeSpan.FromSeconds(10);
    internal const int MinimumFailures = 4;

    private readonly CircuitBreakerManualControl _control;
    private readonly TimeSpan _breakDuration;
    private readonly TimeSpan _silence;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastAnswerTicks;
    private int _failuresSinceAnswer;
    private int _open;

    public TenantSilence(CircuitBreakerManualControl control, TimeSpan silence, TimeSpan breakDuration)
    {
        _control = control;
        _silence = silence;
        _breakDuration = breakDuration;
    }

    /// <summary>What the last failed attempt ended with, for the breaker's message.</summary>
    public string? LastFailure { get; private set; }

    public void Answered()
    {
        Interlocked.Exchange(ref _failuresSinceAnswer, 0);
        Interlocked.Exchange(ref _lastAnswerTicks, _clock.Elapsed.Ticks);
    }

    public void Failed(string description)
    {
        LastFailure = description;
        int failures = Interlocked.Increment(ref _failuresSinceAnswer);
        TimeSpan quiet = _clock.Elapsed - TimeSpan.FromTicks(Interlocked.Read(ref _lastAnswerTicks));
        if (failures >= MinimumFailures && quiet >= _silence && Interlocked.CompareExchange(ref _open, 1, 0) == 0)
        {
            _ = BreakAsync();
        }
    }

    private async Task BreakAsync()
    {
        try
        {
            await _control.IsolateAsync().ConfigureAwait(false);
            await Task.Delay(_breakDuration).ConfigureAwait(false);
            await _control.CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _open, 0);
        }
    }
}
