using BulkEnroll.Sandbox.Api;
using Microsoft.AspNetCore.Http.Features;

namespace BulkEnroll.Sandbox.Middleware;

/// <summary>Makes every error an envelope: problems thrown by handlers, unknown routes and methods
/// (which ASP.NET Core answers with an empty body), and unexpected exceptions.</summary>
internal sealed class ApiErrorMiddleware(ILogger logger)
{
    public async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        try
        {
            await next(ctx);
        }
        catch (ApiProblemException problem) when (!ctx.Response.HasStarted)
        {
            await ApiResponses.Error(ctx, problem.Status, problem.Errors);
            return;
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            return; // client gone (or connection reset injected)
        }
        catch (BadHttpRequestException bad) when (!ctx.Response.HasStarted)
        {
            await ApiResponses.Error(ctx, bad.StatusCode, ErrorCodes.BadRequest, bad.Message);
            return;
        }
        catch (Exception e) when (!ctx.Response.HasStarted)
        {
            logger.LogError(e, "Unhandled exception for {Method} {Path}", ctx.Request.Method, ctx.Request.Path);
            ctx.Response.Clear();
            await ApiResponses.Error(ctx, StatusCodes.Status500InternalServerError, ErrorCodes.InternalServerError, "Unexpected server error: " + e.Message);
            return;
        }

        if (ctx.Response.StatusCode >= 400 && !ctx.Response.HasStarted && ctx.Response.ContentType is null
            && ctx.Response.ContentLength is null && !ctx.RequestAborted.IsCancellationRequested)
        {
            var (code, message) = ctx.Response.StatusCode switch
            {
                404 => (ErrorCodes.NotFound, $"No resource at {ctx.Request.Path}."),
                405 => (ErrorCodes.MethodNotAllowed, $"{ctx.Request.Method} is not supported at {ctx.Request.Path}."),
                _ => (ErrorCodes.BadRequest, ctx.Features.Get<IHttpResponseFeature>()?.ReasonPhrase ?? "Request failed."),
            };
            await ApiResponses.Error(ctx, ctx.Response.StatusCode, code, message);
        }
    }
}
