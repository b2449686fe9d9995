using System.Diagnostics;
using System.Globalization;
using BulkEnroll.Sandbox.Api.Query;
using BulkEnroll.Sandbox.Middleware;
using BulkEnroll.Sandbox.Tenant;

namespace BulkEnroll.Sandbox.Api;

/// <summary>Devices (docs/reference/ivanti-api.md#search-devices to #reassignment-status). Reads need Device Management or Device Read Only in the device's
/// space; writes need Device Management there.</summary>
internal static class DeviceEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SandboxServices services)
    {
        app.MapGet("/api/v1/device", ctx => Search(ctx, services));
        app.MapGet("/api/v1/device/{id:long}", ctx => GetOne(ctx, services));
        app.MapGet("/api/v1/device/{id:long}/hardwareinventory", ctx => HardwareInventory(ctx, services));
        app.MapPut("/api/v1/device/updateAccount", ctx => UpdateAccount(ctx, services));
        app.MapPut("/api/v1/device/retire", ctx => Retire(ctx, services));
    }

    private static Task Search(HttpContext ctx, SandboxServices services)
    {
        var user = ApiUserContext.RequireUser(ctx);
        var tenant = services.Tenant;
        var query = ListQuery.Parse(ctx.Request.Query, services.Controls.Current.RefuseOrFilters);
        var space = RequestValues.RequiredSpace(ctx, tenant);
        if (!user.CanReadDevices(space.Id))
        {
            throw ApiProblemException.Forbidden($"No device role in space {space.Id}.");
        }

        long started = Stopwatch.GetTimestamp();
        var spaces = tenant.Spaces;
        var variant = services.Controls.Current;
        // What records show depends on these controls, so they are part of the cache scope.
        string scope = $"space:{space.Id}:{variant.WindowsSerialNumberFilled}:{variant.ReassignmentStatusStyle}:{variant.OmitOptionalFields}";
        var result = services.DeviceSearch.Run(query, scope, tenant.DeviceVersion,
            DeviceScan(query, tenant), d => d.SpaceId == space.Id, d => Projections.ToJson(d, spaces, variant));
        return ApiResponses.Ok(ctx, result.Page(query, started, d => Projections.ToJson(d, spaces, variant)));
    }

    // A lookup by ids (the module's batched reads, fq=(id=1 or id=2 ...)) reads those devices from the index, as
    // GET /device/{id} does, instead of projecting the whole fleet; the filter is still applied to them.
    private static Func<SandboxDevice[]> DeviceScan(ListQuery query, TenantState tenant)
    {
        if (FqIndex.ValuesOf(query.Fq, "id") is not { } ids)
        {
            return () => tenant.ScanDevices().Devices;
        }

        return () => ids.Select(v => long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out long id) ? tenant.GetDevice(id) : null)
            .OfType<SandboxDevice>().Distinct().OrderBy(d => d.Id).ToArray();
    }

    private static Task GetOne(HttpContext ctx, SandboxServices services) =>
        ApiResponses.Ok(ctx, Projections.ToJson(ReadableDevice(ctx, services), services.Tenant.Spaces, services.Controls.Current));

    private static Task HardwareInventory(HttpContext ctx, SandboxServices services) =>
        ApiResponses.Ok(ctx, Projections.ToHardwareInventory(ReadableDevice(ctx, services)));

    // [I] A device outside the dmPartitionId given is "not found" in that space.
    private static SandboxDevice ReadableDevice(HttpContext ctx, SandboxServices services)
    {
        var user = ApiUserContext.RequireUser(ctx);
        var space = RequestValues.RequiredSpace(ctx, services.Tenant);
        if (!user.CanReadDevices(space.Id))
        {
            throw ApiProblemException.Forbidden($"No device role in space {space.Id}.");
        }

        long id = RequestValues.RouteId(ctx);
        var device = services.Tenant.GetDevice(id);
        if (device is null || device.SpaceId != space.Id)
        {
            throw ApiProblemException.NotFound($"No device {id} in space {space.Id}.");
        }

        return device;
    }

    // "Assign a Device to a User", newer asynchronous behaviour (docs/reference/ivanti-api.md#assign-to-user, S4b). Eligible devices go
    // INITIATED now and end SUCCESS/FAILED later (ReassignmentWorker); the result lists the rejected ones.
    // [I] Windows support itself is inferred: eligible = Windows, bulk enrolled, ACTIVE, not already INITIATED.
    // Unknown device ids are rejected as {"id":<id>} stubs; a known device in a space where the caller lacks
    // Device Management makes the whole call 403.
    private static Task UpdateAccount(HttpContext ctx, SandboxServices services)
    {
        var user = ApiUserContext.RequireUser(ctx);
        var tenant = services.Tenant;
        long accountId = RequestValues.RequiredLong(RequestValues.FormOrQuery(ctx, "accountId"), "accountId");
        var deviceIds = RequestValues.IdList(RequestValues.FormOrQuery(ctx, "deviceIds"), "deviceIds", services.Controls.Current.MultiIdForm);
        if (tenant.GetAccount(accountId) is null)
        {
            throw ApiProblemException.Field("accountId", ErrorCodes.Invalid, $"no account {accountId}");
        }

        var start = tenant.BeginReassignment(accountId, deviceIds, d => user.CanWriteDevices(d.SpaceId));
        if (start.Forbidden)
        {
            throw ApiProblemException.Forbidden("Reassigning a device needs Device Management in its space.");
        }

        services.Reassignments.Schedule(start.Initiated, start.Generation);

        var spaces = tenant.Spaces;
        var rejected = start.Rejected
            .Select(r => r.Device is null ? (object)new DeviceIdStub(r.Id) : Projections.ToJson(r.Device, spaces, services.Controls.Current))
            .ToList();
        return ApiResponses.Ok(ctx, new RejectedDevicesResult(rejected, rejected.Count, 0, 0));
    }

    // S4a/S16/S22: form ids=<id>, result 1. [I] Unknown ids are a 404 and nothing changes.
    private static Task Retire(HttpContext ctx, SandboxServices services)
    {
        var user = ApiUserContext.RequireUser(ctx);
        var ids = RequestValues.IdList(RequestValues.FormOrQuery(ctx, "ids"), "ids", services.Controls.Current.MultiIdForm);
        if (services.Tenant.TryRetire(ids, d => user.CanWriteDevices(d.SpaceId), out bool forbidden) is long missing)
        {
            throw ApiProblemException.NotFound($"No device {missing}.");
        }

        if (forbidden)
        {
            throw ApiProblemException.Forbidden("Retiring a device needs Device Management in its space.");
        }

        return ApiResponses.Ok(ctx, 1);
    }
}
