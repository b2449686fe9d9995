using BulkEnroll.Sandbox.Api;

namespace BulkEnroll.Sandbox.Middleware;

/// <summary>Injects the faults a client of a cloud API meets: throttling, 5xx from the service or its
/// gateway, dropped connections and slow answers. Decisions come from a seeded RNG.</summary>
/// <remarks>A share of 5xx and resets (<see cref="SandboxControlSettings.PostProcessingFaultShare"/>) hits after
/// the real handler ran: the change is made but the answer is lost, as when a gateway times out on a
/// request the service completed. A client that blindly retries such a request does the work twice.</remarks>
internal sealed class FaultInjectionMiddleware(SandboxControls controls, int seed)
{
    private readonly Random _rng = new(seed ^ 0x0FA017);

    public async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        var s = controls.Current;
        if (s.TotalFaultProbability <= 0 || !SandboxPaths.IsApi(ctx))
        {
            await next(ctx);
            return;
        }

        var (fault, after) = Decide(s);
        if (fault is null)
        {
            await next(ctx);
            return;
        }

        if (!after)
        {
            await Inject(ctx, fault, afterHandler: false, s.FaultRetryAfterSeconds);
            return;
        }

        // Run the real handler into a buffer, then decide what the client gets.
        var original = ctx.Response.Body;
        using var buffer = new MemoryStream();
        ctx.Response.Body = buffer;
        try
        {
            await next(ctx);
        }
        finally
        {
            ctx.Response.Body = original;
        }

        if (fault == FaultNames.SlowResponse)
        {
            ApiUserContext.SetFault(ctx, new InjectedFault(fault, AfterHandler: true, ResetsConnection: false));
            try
            {
                await Task.Delay(s.SlowResponseDelay, ctx.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the client timed out: exactly the case this fault is for
            }
            buffer.Position = 0;
            await buffer.CopyToAsync(original, ctx.RequestAborted);
            return;
        }

        ctx.Response.Clear();
        await Inject(ctx, fault, afterHandler: true, s.FaultRetryAfterSeconds);
    }

    private (string? Fault, bool AfterHandler) Decide(SandboxControlSettings s)
    {
        double roll, second;
        lock (_rng)
        {
            roll = _rng.NextDouble();
            second = _rng.NextDouble();
        }
        string? fault = null;
        foreach (var (name, p) in new[]
        {
            (FaultNames.TooManyRequests, s.Fault429), (FaultNames.InternalServerError, s.Fault500),
            (FaultNames.BadGateway, s.Fault502), (FaultNames.ServiceUnavailable, s.Fault503),
            (FaultNames.ConnectionReset, s.FaultConnectionReset), (FaultNames.SlowResponse, s.FaultSlowResponse),
        })
        {
            if (roll < p)
            {
                fault = name;
                break;
            }
            roll -= p;
        }
        bool after = fault switch
        {
            null or FaultNames.TooManyRequests => false, // throttling rejects before any work
            FaultNames.SlowResponse => true,             // the answer is late, the work is done
            _ => second < s.PostProcessingFaultShare,
        };
        return (fault, after);
    }

    private static Task Inject(HttpContext ctx, string fault, bool afterHandler, int retryAfterSeconds)
    {
        bool reset = fault == FaultNames.ConnectionReset;
        ApiUserContext.SetFault(ctx, new InjectedFault(fault, afterHandler, reset));
        switch (fault)
        {
            case FaultNames.ConnectionReset:
                return Task.CompletedTask; // nothing is written; the request log aborts the connection once it has the entry
            case FaultNames.TooManyRequests:
                ctx.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ApiResponses.Error(ctx, StatusCodes.Status429TooManyRequests, ErrorCodes.TooManyRequests, "Too many requests (injected fault).");
            case FaultNames.BadGateway:
                return ApiResponses.Error(ctx, StatusCodes.Status502BadGateway, ErrorCodes.BadGateway, "Bad gateway (injected fault).");
            case FaultNames.ServiceUnavailable:
                ctx.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ApiResponses.Error(ctx, StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, "Service unavailable (injected fault).");
            case FaultNames.SlowResponse:
                throw new InvalidOperationException("A slow response runs the handler first.");
            default:
                return ApiResponses.Error(ctx, StatusCodes.Status500InternalServerError, ErrorCodes.InternalServerError, "Internal server error (injected fault).");
        }
    }
}
