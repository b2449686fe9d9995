using BulkEnroll.Sandbox.Api;

namespace BulkEnroll.Sandbox;

/// <summary>Every endpoint group the sandbox serves. To add one (e.g. the Windows MDM discovery and
/// enrollment endpoints, MS-MDE2), write a static Map(IEndpointRouteBuilder, SandboxServices) in its own
/// folder and call it here; nothing else needs to change. Paths outside /api get no Basic auth, rate limit or
/// faults from the middlewares, but the latency control and the request log apply to them.</summary>
internal static class SandboxEndpoints
{
    public static void MapAll(IEndpointRouteBuilder app, SandboxServices services)
    {
        AdminEndpoints.Map(app, services);
        TenantEndpoints.Map(app, services);
        AccountEndpoints.Map(app, services);
        DeviceEndpoints.Map(app, services);
        Enrollment.EnrollmentEndpoints.Map(app, services);
    }
}
