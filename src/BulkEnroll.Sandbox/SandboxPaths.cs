namespace BulkEnroll.Sandbox;

/// <summary>Which requests each part of the pipeline applies to, decided in one place.</summary>
internal static class SandboxPaths
{
    public const string Admin = "/_sandbox";
    public const string Api = "/api";

    /// <summary>The sandbox's own control routes: no auth, no faults, no rate limit, no latency, not logged.</summary>
    public static bool IsAdmin(HttpContext ctx) => ctx.Request.Path.StartsWithSegments(Admin, StringComparison.OrdinalIgnoreCase);

    /// <summary>The Ivanti REST API: Basic auth, rate limit and fault injection apply (latency applies to every
    /// path that is not <see cref="Admin"/>).</summary>
    public static bool IsApi(HttpContext ctx) => ctx.Request.Path.StartsWithSegments(Api, StringComparison.OrdinalIgnoreCase);
}
