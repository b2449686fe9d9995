using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace BulkEnroll.Neurons;

/// <summary>
/// Decides when the next request of a connection may leave: at most N in flight, and no faster than the pace
/// the tenant has shown it accepts. The pace is learned from the answers: when a good share of recent requests
/// come back 429, it drops to just under the rate that was getting through; while the tenant stays quiet it
/// creeps back up. A lone 429 among many successes (a blip, not a limit) changes nothing: that request waits its
/// Retry-After and is sent again, everyone else carries on. A long run thus settles close to the tenant's limit
/// instead of alternating bursts and penalty waits. One gate per connection, shared by every cmdlet using it.
/// </summary>
internal sealed class RequestGate : IDisposable
{
    private const int Window = 64;
    private const double ThrottledShareThatMeansALimit = 0.15;

    private static readonly double TicksPerSecond = Stopwatch.Frequency;
    private static readonly long RateWindow = Stopwatch.Frequency * 2;
    private static readonly long SettleTime = Stopwatch.Frequency;
    private static readonly long ProbeInterval = Stopwatch.Frequency / 2;

    private readonly SemaphoreSlim _slots;
    private readonly double _ceiling;
    private readonly object _lock = new object();
    private readonly bool[] _recentOutcomes = new bool[Window]; // true = throttled
    private readonly long[] _recentSuccessTimes = new long[4096];
    private int _outcomeCursor;
    private int _outcomeCount;
    private int _successCursor;
    private long _successCount;
    private long _nextSendAt;
    private long _lastCutAt;
    private long _lastProbeAt;
    private double _pace;

    public RequestGate(int maxConcurrentRequests, double maxRequestsPerSecond)
    {
        _slots = new SemaphoreSlim(Math.Max(1, maxConcurrentRequests));
        _ceiling = maxRequestsPerSecond > 0 ? maxRequestsPerSecond : 0;
        _pace = _ceiling;
    }

    /// <summary>429 answers seen on this connection (all retried; surfaced only if retries ran out).</summary>
    public long ThrottledCount { get; private set; }

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            TimeSpan wait = ReservePacedSendTime();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }

            return new Slot(_slots);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    public void OnSuccess()
    {
        long now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            Record(throttled: false);
            _recentSuccessTimes[_successCursor] = now;
            _successCursor = (_successCursor + 1) % _recentSuccessTimes.Length;
            _successCount++;
            if (_pace > 0 && now - _lastCutAt > SettleTime && now - _lastProbeAt > ProbeInterval)
            {
                // Probe upwards gently; a tenant that raised its limit (or a spent burst budget) is found again.
                double raised = _pace * 1.05;
                _pace = _ceiling > 0 ? Math.Min(_ceiling, raised) : raised;
                _lastProbeAt = now;
            }
        }
    }

    public void OnThrottled()
    {
        long now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            ThrottledCount++;
            Record(throttled: true);
            if (ThrottledShare() < ThrottledShareThatMeansALimit || now - _lastCutAt < SettleTime)
            {
                return;
            }

            double observed = SuccessRate(now);
            double reduced = observed > 0 ? observed * 0.95 : (_pace > 0 ? _pace / 2 : 0);
            if (reduced > 0 && (_pace == 0 || reduced < _pace))
            {
                _pace = reduced;
            }

            _lastCutAt = now;
        }
    }

    public void Dispose() => _slots.Dispose();

    private void Record(bool throttled)
    {
        _recentOutcomes[_outcomeCursor] = throttled;
        _outcomeCursor = (_outcomeCursor + 1) % Window;
        _outcomeCount = Math.Min(_outcomeCount + 1, Window);
    }

    private double ThrottledShare()
    {
        int throttled = 0;
        for (int i = 0; i < _outcomeCount; i++)
        {
            throttled += _recentOutcomes[i] ? 1 : 0;
        }

        // A handful of answers says nothing yet; wait for a few before calling it a limit.
        return _outcomeCount < 8 ? 0 : (double)throttled / _outcomeCount;
    }

    private TimeSpan ReservePacedSendTime()
    {
        long now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            if (_pace <= 0)
            {
                return TimeSpan.Zero;
            }

            long interval = (long)(TicksPerSecond / _pace);
            long sendAt = Math.Max(now, _nextSendAt);
            _nextSendAt = sendAt + interval;
            return sendAt > now ? TimeSpan.FromSeconds((sendAt - now) / TicksPerSecond) : TimeSpan.Zero;
        }
    }

    private double SuccessRate(long now)
    {
        long count = Math.Min(_successCount, _recentSuccessTimes.Length);
        long windowStart = now - RateWindow;
        int inWindow = 0;
        long oldest = now;
        for (int i = 0; i < count; i++)
        {
            long t = _recentSuccessTimes[i];
            if (t >= windowStart)
            {
                inWindow++;
                oldest = Math.Min(oldest, t);
            }
        }

        double seconds = (now - oldest) / TicksPerSecond;
        return inWindow < 4 || seconds <= 0 ? 0 : inWindow / Math.Max(seconds, 0.25);
    }

    private sealed class Slot : IDisposable
    {
        private SemaphoreSlim? _slots;

        public Slot(SemaphoreSlim slots) => _slots = slots;

        public void Dispose() => Interlocked.Exchange(ref _slots, null)?.Release();
    }
}
