using BulkEnroll.Sandbox.Middleware;

namespace BulkEnroll.Sandbox.Api;

/// <summary>Device spaces and tenant metadata: readable by any authenticated API user [I].</summary>
internal static class TenantEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SandboxServices services)
    {
        // docs/reference/ivanti-api.md#device-spaces (S16, S18, S20, S23).
        app.MapGet("/api/v1/tenant/partition/device", ctx =>
        {
            ApiUserContext.RequireUser(ctx);
            var counts = services.Tenant.DeviceCountsBySpace();
            var spaces = services.Tenant.Spaces.Select(s => Projections.ToJson(s, counts.GetValueOrDefault(s.Id))).ToList();
            return ApiResponses.Ok(ctx, new SpaceListResult(spaces, spaces.Count, 0, spaces.Count));
        });

        // "Get Tenant Metadata" (S7); defaultDmPartitionId is the field public code reads (S22), the rest is [I].
        app.MapGet("/api/v1/metadata/tenant", ctx =>
        {
            ApiUserContext.RequireUser(ctx);
            var space = services.Tenant.DefaultSpace;
            var domain = services.Tenant.Spec.Domain;
            return ApiResponses.Ok(ctx, new TenantMetadataJson(
                TenantId: "sandbox-" + domain.Split('.')[0], Name: "Contoso (sandbox)", ClusterName: "sandbox",
                DefaultDomain: domain, DefaultDmPartitionId: space.Id, DefaultDmPartitionName: space.Name,
                Locale: "en_US", TimeZone: "UTC"));
        });
    }
}
