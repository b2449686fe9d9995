using System.Diagnostics;
using System.Text;

namespace BulkEnroll.Sandbox.Middleware;

/// <summary>Records every non-admin request (outermost, so it sees the final status and any fault). An injected
/// connection reset is carried out here, after the entry is added: a client never sees a reset the log lacks.</summary>
internal sealed class RequestLogMiddleware(RequestLog log, TimeProvider time)
{
    private static readonly IReadOnlyDictionary<string, string> NoForm = new Dictionary<string, string>();

    public async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        if (SandboxPaths.IsAdmin(ctx))
        {
            await next(ctx);
            return;
        }
        long sequence = log.NextSequence();
        var timestamp = time.GetUtcNow();
        long started = Stopwatch.GetTimestamp();
        var form = await ReadFormAsync(ctx);
        try
        {
            await next(ctx);
        }
        finally
        {
            var fault = ApiUserContext.GetFault(ctx);
            log.Add(new RequestLogEntry(
                sequence, timestamp, ApiUserContext.GetUser(ctx)?.UserName, ctx.Request.Method, ctx.Request.Path.Value ?? "",
                RedactQuery(ctx.Request.Query, ctx.Request.QueryString.Value), form,
                fault?.ResetsConnection == true ? 0 : ctx.Response.StatusCode, fault?.Name, fault?.AfterHandler ?? false,
                Stopwatch.GetElapsedTime(started)));
            if (fault?.ResetsConnection == true)
            {
                ctx.Abort();
            }
        }
    }

    // Reading the form here caches it for the handler (HttpRequest.Form).
    private static async Task<IReadOnlyDictionary<string, string>> ReadFormAsync(HttpContext ctx)
    {
        if (!ctx.Request.HasFormContentType)
        {
            return NoForm;
        }

        try
        {
            var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
            return form.ToDictionary(
                f => f.Key,
                f => RequestLog.IsSecretField(f.Key) ? RequestLog.Redacted : string.Join(',', f.Value.ToArray()),
                StringComparer.OrdinalIgnoreCase);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or OperationCanceledException or BadHttpRequestException)
        {
            return NoForm; // the handler meets the same problem and answers it
        }
    }

    private static string RedactQuery(IQueryCollection query, string? raw)
    {
        if (string.IsNullOrEmpty(raw) || !query.Keys.Any(RequestLog.IsSecretField))
        {
            return raw ?? "";
        }

        var sb = new StringBuilder();
        foreach (var (key, values) in query)
        {
            foreach (var value in values)
            {
                sb.Append(sb.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(key)).Append('=')
                  .Append(RequestLog.IsSecretField(key) ? RequestLog.Redacted : Uri.EscapeDataString(value ?? ""));
            }
        }
        return sb.ToString();
    }
}
