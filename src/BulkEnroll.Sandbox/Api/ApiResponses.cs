using System.Text.Json.Serialization.Metadata;

namespace BulkEnroll.Sandbox.Api;

/// <summary>Writes envelopes. All JSON goes through the source-generated context.</summary>
internal static class ApiResponses
{
    private static JsonTypeInfo<Envelope> EnvelopeInfo => SandboxJson.Context.Envelope;

    public static Task Ok(HttpContext ctx, object result) => Write(ctx, StatusCodes.Status200OK, new Envelope(null, result));

    public static Task Error(HttpContext ctx, int status, ErrorsJson errors) => Write(ctx, status, new Envelope(errors, null));

    public static Task Error(HttpContext ctx, int status, string code, string message) =>
        Error(ctx, status, new ErrorsJson([new GlobalError(code, message)], null));

    private static Task Write(HttpContext ctx, int status, Envelope envelope)
    {
        ctx.Response.StatusCode = status;
        return ctx.Response.WriteAsJsonAsync(envelope, EnvelopeInfo, contentType: null, ctx.RequestAborted);
    }

    /// <summary>Sandbox admin routes answer plain JSON, without the envelope.</summary>
    public static Task Plain<T>(HttpContext ctx, T value, JsonTypeInfo<T> info) =>
        ctx.Response.WriteAsJsonAsync(value, info, contentType: null, ctx.RequestAborted);
}
