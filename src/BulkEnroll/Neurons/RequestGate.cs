using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace BulkEnroll.Neurons
{
    /// <summary>
    /// Decides when the next request of a connection may leave: at most N in flight, nothing while the tenant
    /// has asked us to wait (Retry-After), and no faster than the pace the tenant has shown it accepts.
    /// The pace is learned: after a 429 it drops to just under the rate that was getting through, and creeps
    /// back up while the tenant stays quiet, so a long run settles close to the tenant's limit instead of
    /// alternating bursts and penalty waits. One gate per connection, shared by every cmdlet using it.
    /// </summary>
    internal sealed class RequestGate : IDisposable
    {
        private static readonly double TicksPerSecond = Stopwatch.Frequency;
        private static readonly long ObservationWindow = Stopwatch.Frequency * 2;
        private static readonly long QuietPeriod = Stopwatch.Frequency;

        private readonly SemaphoreSlim _slots;
        private readonly double _ceiling;
        private readonly object _lock = new object();
        private readonly long[] _recentSuccesses = new long[8192];
        private int _successCursor;
        private long _successCount;
        private long _pausedUntil;
        private long _nextSendAt;
        private long _lastThrottledAt;
        private long _lastIncreaseAt;
        private double _pace;

        public RequestGate(int maxConcurrentRequests, double maxRequestsPerSecond)
        {
            _slots = new SemaphoreSlim(Math.Max(1, maxConcurrentRequests));
            _ceiling = maxRequestsPerSecond > 0 ? maxRequestsPerSecond : 0;
            _pace = _ceiling;
        }

        /// <summary>Requests per second the gate currently lets through (0: unpaced).</summary>
        public double CurrentPace
        {
            get { lock (_lock) { return _pace; } }
        }

        public long ThrottledCount { get; private set; }

        public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                TimeSpan wait;
                while ((wait = PauseRemaining()) > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }

                wait = ReservePacedSendTime();
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
                _recentSuccesses[_successCursor] = now;
                _successCursor = (_successCursor + 1) % _recentSuccesses.Length;
                _successCount++;
                if (_pace > 0 && now - _lastThrottledAt > QuietPeriod && now - _lastIncreaseAt > QuietPeriod / 4)
                {
                    // Probe upwards gently; a tenant that raised its limit (or a burst budget refilled) is found again.
                    _pace = _ceiling > 0 ? Math.Min(_ceiling, _pace * 1.02) : _pace * 1.02;
                    _lastIncreaseAt = now;
                }
            }
        }

        public void OnThrottled(TimeSpan? retryAfter)
        {
            long now = Stopwatch.GetTimestamp();
            lock (_lock)
            {
                ThrottledCount++;
                TimeSpan pause = retryAfter ?? TimeSpan.FromSeconds(1);
                long pausedUntil = now + (long)(pause.TotalSeconds * TicksPerSecond);
                if (pausedUntil > _pausedUntil)
                {
                    _pausedUntil = pausedUntil;
                }

                // Several requests in flight come back 429 together; cut the pace once per episode.
                if (now - _lastThrottledAt > QuietPeriod / 2)
                {
                    double observed = SuccessRate(now);
                    double reduced = observed > 0 ? observed * 0.95 : (_pace > 0 ? _pace / 2 : 0);
                    if (reduced > 0 && (_pace == 0 || reduced < _pace))
                    {
                        _pace = reduced;
                    }
                }

                _lastThrottledAt = now;
            }
        }

        public void Dispose() => _slots.Dispose();

        private TimeSpan PauseRemaining()
        {
            long now = Stopwatch.GetTimestamp();
            lock (_lock)
            {
                return _pausedUntil > now ? TimeSpan.FromSeconds((_pausedUntil - now) / TicksPerSecond) : TimeSpan.Zero;
            }
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
            long count = Math.Min(_successCount, _recentSuccesses.Length);
            long windowStart = now - ObservationWindow;
            int inWindow = 0;
            long oldest = now;
            for (int i = 0; i < count; i++)
            {
                long t = _recentSuccesses[i];
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
}
