namespace BulkEnroll.Sandbox.Middleware;

/// <summary>Adds the configured latency to each API request (a real tenant is far away).</summary>
internal sealed class LatencyMiddleware(SandboxControls controls)
{
    public async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        var latency = controls.Current.Latency;
        if (latency > TimeSpan.Zero && SandboxPaths.IsApi(ctx))
        {
            try
            {
                await Task.Delay(latency, ctx.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up
            }
        }
        await next(ctx);
    }
}
