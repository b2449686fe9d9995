using System.Collections.Concurrent;
using System.Globalization;
using BulkEnroll.Sandbox.Api;

namespace BulkEnroll.Sandbox.Middleware;

/// <summary>Per-API-user token bucket. The real limit is undocumented [GAP]; this lets tests check that the
/// client stays under a limit and honours Retry-After.</summary>
internal sealed class RateLimitMiddleware(SandboxControls controls, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        var settings = controls.Current;
        if (settings.RateLimitPerSecond <= 0 || !SandboxPaths.IsApi(ctx) || ApiUserContext.GetUser(ctx) is not { } user)
        {
            return next(ctx);
        }

        var bucket = _buckets.GetOrAdd(user.UserName, _ => new Bucket(time.GetTimestamp()));
        if (bucket.TryTake(settings, time, out TimeSpan wait))
        {
            return next(ctx);
        }

        int seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        ctx.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return ApiResponses.Error(ctx, StatusCodes.Status429TooManyRequests, ErrorCodes.TooManyRequests,
            $"Rate limit of {settings.RateLimitPerSecond:0.##} requests per second exceeded; retry after {seconds} s.");
    }

    /// <summary>Forgets every user's bucket (on reset).</summary>
    public void Reset() => _buckets.Clear();

    private sealed class Bucket(long now)
    {
        private double _tokens = double.NaN; // NaN: full on first use, whatever the capacity is then
        private long _last = now;

        public bool TryTake(SandboxControlSettings s, TimeProvider time, out TimeSpan wait)
        {
            double rate = s.RateLimitPerSecond;
            double capacity = s.RateLimitBurst > 0 ? s.RateLimitBurst : Math.Max(1, Math.Ceiling(rate));
            lock (this)
            {
                long now = time.GetTimestamp();
                double elapsed = time.GetElapsedTime(_last, now).TotalSeconds;
                _last = now;
                _tokens = double.IsNaN(_tokens) ? capacity : Math.Min(capacity, _tokens + elapsed * rate);
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    wait = TimeSpan.Zero;
                    return true;
                }
                wait = TimeSpan.FromSeconds((1 - _tokens) / rate);
                return false;
            }
        }
    }
}
