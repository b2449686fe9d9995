namespace BulkEnroll.Sandbox.Middleware;

/// <summary>Adds the configured latency to every request but the sandbox's own admin routes: the REST API and the
/// Windows enrollment services alike (a real tenant is far away, whoever calls it).</summary>
internal sealed class LatencyMiddleware(SandboxControls controls)
{
    public async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        var latency = controls.Current.Latency;
        if (latency > TimeSpan.Zero && !SandboxPaths.IsAdmin(ctx))
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
