using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using Polly;
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

    public static ResiliencePipeline<HttpResponseMessage> Create(NeuronsClientOptions options, bool idempotent)
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

        builder.AddTimeout(options.RequestTimeout);
        return builder.Build();
    }

    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome, bool idempotent)
    {
        if (outcome.Exception != null)
        {
            return idempotent ? IsNetworkFault(outcome.Exception) : NeverReachedServer(outcome.Exception);
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
           || exception is SocketException) && !IsCertificateFailure(exception) && !Transport.TransportErrors.IsProxyAuthenticationRequired(exception);

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

    private static string Describe(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception != null)
        {
            return outcome.Exception is TimeoutRejectedException ? "attempt timed out" : outcome.Exception.GetType().Name + ": " + outcome.Exception.Message;
        }

        int status = (int)outcome.Result!.StatusCode;
        return status == 429 ? "throttled by the tenant (429)" : $"HTTP {status}";
    }
}

internal static class ThreadSafeRandom
{
    [ThreadStatic]
    private static Random? _random;

    public static double NextDouble() => (_random ??= new Random(Guid.NewGuid().GetHashCode())).NextDouble();
}
