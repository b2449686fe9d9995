using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace BulkEnroll.Neurons;

/// <summary>
/// The Polly pipelines every request goes through: an overall time budget, retries with jittered exponential
/// backoff that yield to the tenant's Retry-After, and a per-attempt timeout. Calls that change the tenant are
/// only retried when the tenant cannot have acted on them (429, or a connection that was never made);
/// for anything else the caller verifies the tenant's state before trying again.
/// </summary>
internal static class Resilience
{
    internal static readonly ResiliencePropertyKey<string> OperationKey = new ResiliencePropertyKey<string>("BulkEnroll.Operation");

    /// <summary>
    /// The breaker, one per connection and shared by its idempotent and unsafe pipelines. It opens when nearly every
    /// attempt in the last ten seconds failed at the network or with a 5xx (at least <see cref="BreakerMinimumThroughput"/>
    /// of them), or when the tenant has not answered at all for a while (<see cref="TenantSilence"/>). Open, it fails
    /// calls at once with <see cref="BrokenCircuitException"/> for <see cref="BreakerBreakDuration"/>; callers turn
    /// that into one clear error instead of retrying every remaining item for minutes. 429 is not a failure here (the
    /// tenant is alive, only busy), and a chaos rate of faults (20%) is far below the ratio.
    /// </summary>
    public static ResiliencePipeline<HttpResponseMessage> CreateBreaker(NeuronsClientOptions options, Action<string> onOpened)
    {
        var control = new CircuitBreakerManualControl();
        var silence = new TenantSilence(control, options.BreakerSilence, BreakerBreakDuration);
        return new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = BreakerFailureRatio,
                MinimumThroughput = BreakerMinimumThroughput,
                SamplingDuration = BreakerSamplingDuration,
                BreakDuration = BreakerBreakDuration,
                ManualControl = control,
                ShouldHandle = args => new ValueTask<bool>(Observe(args.Outcome, silence)),
                OnOpened = args =>
                {
                    // Opened by TenantSilence, the outcome is empty: say what the last attempt ended with instead.
                    onOpened(args.IsManual ? silence.LastFailure ?? "no answer" : Describe(args.Outcome));
                    return default;
                },
            })
            .Build();
    }

    private static bool Observe(Outcome<HttpResponseMessage> outcome, TenantSilence silence)
    {
        if (outcome.Exception is OperationCanceledException)
        {
            return false; // cancelled by the caller: says nothing about the tenant
        }

        bool failed = IsTenantFailure(outcome);
        if (failed)
        {
            silence.Failed(Describe(outcome));
        }
        else
        {
            silence.Answered();
        }

        return failed;
    }

    // Ten seconds: a run's successes before the tenant died leave the window that fast, so a dead tenant trips the
    // breaker about ten seconds after its last answer, however busy the run was before.
    internal static readonly TimeSpan BreakerSamplingDuration = TimeSpan.FromSeconds(10);
    internal const double BreakerFailureRatio = 0.9;
    internal const int BreakerMinimumThroughput = 8;
    internal static readonly TimeSpan BreakerBreakDuration = TimeSpan.FromSeconds(5);

    /// <summary>The tenant (or the way to it) is failing, as opposed to refusing one request or throttling.</summary>
    internal static bool IsTenantFailure(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception != null)
        {
            return IsNetworkFault(outcome.Exception);
        }

        int status = (int)outcome.Result!.StatusCode;
        return status == 408 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    public static ResiliencePipeline<HttpResponseMessage> Create(NeuronsClientOptions options, bool idempotent, ResiliencePipeline<HttpResponseMessage> breaker)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        builder.AddTimeout(options.MaxRetryDuration);
        if (options.MaxRetryCount > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryCount,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                ShouldHandle = args => new ValueTask<bool>(
                    !args.Context.CancellationToken.IsCancellationRequested && IsTransient(args.Outcome, idempotent)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfter(args.Outcome, options.MaxRetryDuration)),
                OnRetry = args =>
                {
                    string operation = args.Context.Properties.GetValue(OperationKey, "the request");
                    ClientLog.Verbose($"Retrying {operation} in {args.RetryDelay.TotalSeconds:0.0} s ({Describe(args.Outcome)}; attempt {args.AttemptNumber + 2} of {options.MaxRetryCount + 1}).");
                    return default;
                },
            });
        }

        // Inside the retries: every attempt counts towards the breaker, and an open breaker ends the retries.
        builder.AddPipeline(breaker);
        builder.AddTimeout(options.RequestTimeout);
        return builder.Build();
    }

    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome, bool idempotent)
    {
        if (outcome.Exception != null)
        {
            return !IsUnknownHost(outcome.Exception) && (idempotent ? IsNetworkFault(outcome.Exception) : NeverReachedServer(outcome.Exception));
        }

        int status = (int)outcome.Result!.StatusCode;
        if (status == 429)
        {
            return true;
        }

        return idempotent && (status == 408 || status == 500 || status == 502 || status == 503 || status == 504);
    }

    internal static bool IsNetworkFault(Exception exception)
        => (exception is HttpRequestException || exception is IOException || exception is TimeoutRejectedException
           || exception is SocketException) && !IsCertificateFailure(exception) && !IsUnknownHost(exception)
           && !Transport.TransportErrors.IsProxyAuthenticationRequired(exception);

    /// <summary>
    /// The name does not exist in DNS (a mistyped -TenantUri): asking again gives the same answer, so it is said at
    /// once. A DNS server that could not answer for now (TryAgain) is a network fault like any other.
    /// </summary>
    internal static bool IsUnknownHost(Exception exception)
    {
        for (Exception? e = exception; e != null; e = e.InnerException)
        {
            if (e is SocketException socket && socket.SocketErrorCode == SocketError.HostNotFound)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An untrusted certificate will not become trusted by asking again.</summary>
    internal static bool IsCertificateFailure(Exception exception)
    {
        for (Exception? e = exception; e != null; e = e.InnerException)
        {
            if (e is System.Security.Authentication.AuthenticationException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A refused connection means the request never left: safe to send again whatever it does.</summary>
    internal static bool NeverReachedServer(Exception exception)
    {
        for (Exception? e = exception; e != null; e = e.InnerException)
        {
            if (e is SocketException socket && (socket.SocketErrorCode == SocketError.ConnectionRefused || socket.SocketErrorCode == SocketError.HostNotFound))
            {
                return true;
            }
        }

        return false;
    }

    internal static TimeSpan? RetryAfter(Outcome<HttpResponseMessage> outcome, TimeSpan ceiling)
    {
        HttpResponseMessage? response = outcome.Result;
        if (response == null || (response.StatusCode != (HttpStatusCode)429 && response.StatusCode != HttpStatusCode.ServiceUnavailable))
        {
            return null;
        }

        TimeSpan? delay = ParseRetryAfter(response);
        if (delay == null)
        {
            return null;
        }

        // A little jitter so that a crowd told "2 seconds" does not come back in the same millisecond.
        double jitter = ThreadSafeRandom.NextDouble() * 0.1 * Math.Min(delay.Value.TotalSeconds, 1);
        TimeSpan withJitter = delay.Value + TimeSpan.FromSeconds(jitter);
        return withJitter > ceiling ? ceiling : withJitter;
    }

    internal static TimeSpan? ParseRetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is TimeSpan delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is DateTimeOffset date)
        {
            TimeSpan until = date - DateTimeOffset.UtcNow;
            return until < TimeSpan.Zero ? TimeSpan.Zero : until;
        }

        return null;
    }

    /// <summary>What one attempt ended with, in words an admin can act on (never a header value that could hold a secret).</summary>
    internal static string Describe(Outcome<HttpResponseMessage> outcome)
        => outcome.Exception != null ? Describe(outcome.Exception) : Describe(outcome.Result!);

    internal static string Describe(HttpResponseMessage response)
    {
        int status = (int)response.StatusCode;
        if (status == 429 || status == 503)
        {
            TimeSpan? after = ParseRetryAfter(response);
            string name = status == 429 ? "HTTP 429 Too Many Requests" : "HTTP 503 Service Unavailable";
            return after == null ? name + " without Retry-After" : $"{name} with Retry-After {after.Value.TotalSeconds:0.#} s";
        }

        return $"HTTP {status} {response.ReasonPhrase}".TrimEnd();
    }

    internal static string Describe(Exception exception)
    {
        if (exception is TimeoutRejectedException timeout)
        {
            return $"no answer within {timeout.Timeout.TotalSeconds:0.#} s (-RequestTimeout)";
        }

        Exception innermost = exception;
        while (innermost.InnerException != null)
        {
            innermost = innermost.InnerException;
        }

        return "no answer: " + innermost.Message;
    }
}

internal static class ThreadSafeRandom
{
    [ThreadStatic]
    private static Random? _random;

    public static double NextDouble() => (_random ??= new Random(Guid.NewGuid().GetHashCode())).NextDouble();
}
