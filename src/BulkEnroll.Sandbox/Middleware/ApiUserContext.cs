namespace BulkEnroll.Sandbox.Middleware;

/// <summary>Per-request facts shared between middlewares (who called, which fault hit).</summary>
internal static class ApiUserContext
{
    private static readonly object UserKey = new();
    private static readonly object FaultKey = new();

    public static void SetUser(HttpContext ctx, SandboxCredentials user) => ctx.Items[UserKey] = user;

    public static SandboxCredentials? GetUser(HttpContext ctx) => ctx.Items.TryGetValue(UserKey, out var u) ? (SandboxCredentials?)u : null;

    /// <summary>The authenticated caller; the auth middleware guarantees one on /api routes.</summary>
    public static SandboxCredentials RequireUser(HttpContext ctx) =>
        GetUser(ctx) ?? throw new InvalidOperationException("API route reached without an authenticated user.");

    public static void SetFault(HttpContext ctx, InjectedFault fault) => ctx.Items[FaultKey] = fault;

    public static InjectedFault? GetFault(HttpContext ctx) => ctx.Items.TryGetValue(FaultKey, out var f) ? (InjectedFault?)f : null;
}

/// <param name="ResetsConnection">The client gets no answer: the connection is aborted. <see cref="RequestLogMiddleware"/>
/// (outermost) does the abort, after it has recorded the request, so that a client that sees the reset also finds
/// it in the log.</param>
internal sealed record InjectedFault(string Name, bool AfterHandler, bool ResetsConnection);
