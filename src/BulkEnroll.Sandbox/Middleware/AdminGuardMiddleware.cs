using System.Net;
using BulkEnroll.Sandbox.Api;

namespace BulkEnroll.Sandbox.Middleware;

/// <summary>/_sandbox routes need no credentials, so they must only ever answer the local machine.</summary>
internal static class AdminGuardMiddleware
{
    public static Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        var remote = ctx.Connection.RemoteIpAddress;
        if (SandboxPaths.IsAdmin(ctx) && remote is not null && !IPAddress.IsLoopback(remote))
        {
            return ApiResponses.Error(ctx, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "Sandbox controls are for loopback clients only.");
        }

        return next(ctx);
    }
}
