using System.Text.Json;
using BulkEnroll.Sandbox.Tenant;

namespace BulkEnroll.Sandbox.Api;

/// <summary>The sandbox's own control routes under /_sandbox: plain JSON (no envelope), no auth. The server
/// listens on loopback only, and <see cref="Middleware.AdminGuardMiddleware"/> refuses other clients anyway.</summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SandboxServices services)
    {
        var admin = app.MapGroup(SandboxPaths.Admin);

        admin.MapGet("/controls", ctx => ApiResponses.Plain(ctx, ControlsJson.From(services.Controls.Current), SandboxJson.Context.ControlsJson));

        admin.MapPut("/controls", async ctx =>
        {
            var patch = await ReadJson(ctx, SandboxJson.Context.ControlsJson) ?? new ControlsJson();
            SandboxControlSettings updated;
            try
            {
                updated = services.Controls.Update(patch.ApplyTo);
            }
            catch (ArgumentOutOfRangeException e)
            {
                string field = e.ParamName is { Length: > 0 } p ? char.ToLowerInvariant(p[0]) + p[1..] : "controls";
                throw ApiProblemException.Field(field, ErrorCodes.Range, $"{field}: {e.ActualValue} {e.Message.Split(" (Parameter")[0]}");
            }
            await ApiResponses.Plain(ctx, ControlsJson.From(updated), SandboxJson.Context.ControlsJson);
        });

        admin.MapPost("/reset", async ctx =>
        {
            var body = await ReadJson(ctx, SandboxJson.Context.ResetJson);
            var spec = services.Options.ToSeedSpec();
            spec = spec with
            {
                Seed = body?.Seed ?? spec.Seed,
                DeviceCount = body?.DeviceCount ?? spec.DeviceCount,
                GenericUserCount = body?.GenericUserCount ?? spec.GenericUserCount,
                RealUserCount = body?.RealUserCount ?? spec.RealUserCount,
                SpaceCount = body?.SpaceCount ?? spec.SpaceCount,
            };
            try
            {
                spec.Validate();
            }
            catch (ArgumentException e)
            {
                throw ApiProblemException.Field(e.ParamName ?? "reset", ErrorCodes.Invalid, e.Message);
            }
            await services.Reset(spec, ctx.RequestAborted);
            await ApiResponses.Plain(ctx, State(services, includeDevices: false), SandboxJson.Context.StateJson);
        });

        admin.MapGet("/state", ctx =>
        {
            bool devices = !string.Equals(ctx.Request.Query["devices"], "false", StringComparison.OrdinalIgnoreCase);
            return ApiResponses.Plain(ctx, State(services, devices), SandboxJson.Context.StateJson);
        });

        admin.MapGet("/requests", ctx =>
        {
            long since = long.TryParse(ctx.Request.Query["since"], out long s) ? s : 0;
            var entries = services.RequestLog.Entries.Where(e => e.Sequence > since)
                .Select(e => new RequestLogEntryJson(e.Sequence, e.Timestamp.ToUnixTimeMilliseconds(), e.User, e.Method, e.Path,
                    e.Query, e.Form, e.StatusCode, e.Fault, e.FaultAfterHandler, e.Duration.TotalMilliseconds))
                .ToList();
            return ApiResponses.Plain(ctx, entries, SandboxJson.Context.ListRequestLogEntryJson);
        });

        admin.MapDelete("/requests", ctx =>
        {
            services.RequestLog.Clear();
            ctx.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
    }

    /// <summary>Summary counts plus, per device, owner, enroller and reassignment history (never passwords).</summary>
    private static StateJson State(SandboxServices services, bool includeDevices)
    {
        var snapshot = services.Tenant.Snapshot();
        var devices = snapshot.Devices;
        var list = !includeDevices ? null : devices.Select(d => new StateDeviceJson(
            d.Id, d.DeviceName, d.HardwareSerial, Projections.PlatformTypeName(d.Platform),
            Projections.RegistrationStateName(d.RegistrationState), d.SpaceId, d.Owner.Id, d.Owner.Uid, d.Enroller.Id,
            d.Enroller.Uid, d.IsBulkEnrolled, d.ChangeOwnerCounter, d.LastReassignmentStatus?.ToString().ToUpperInvariant(),
            d.ReassignmentRequests,
            d.ReassignmentHistory.Select(r => new ReassignmentJson(r.Time.ToUnixTimeMilliseconds(), r.FromAccountId, r.ToAccountId,
                r.Outcome.ToString().ToUpperInvariant())).ToList())).ToList();
        return new StateJson(
            snapshot.Version, services.Tenant.Spec.Seed, snapshot.Spaces.Count, snapshot.Accounts.Count,
            snapshot.Accounts.Count(a => a.IsGeneric), devices.Count,
            devices.Count(d => d.IsWindows), devices.Count(d => d.IsWindows && d.IsBulkEnrolled),
            devices.Count(d => d.IsWindows && d.IsBulkEnrolled && d.Owner.Id == d.Enroller.Id),
            devices.Count(d => d.LastReassignmentStatus == ReassignmentStatus.Initiated),
            devices.Sum(d => d.ReassignmentHistory.Count(r => r.Outcome == ReassignmentStatus.Success)),
            devices.Sum(d => d.ReassignmentHistory.Count(r => r.Outcome == ReassignmentStatus.Failed)),
            list);
    }

    private static async Task<T?> ReadJson<T>(HttpContext ctx, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) where T : class
    {
        if (ctx.Request.ContentLength == 0 || !ctx.Request.HasJsonContentType())
        {
            return null;
        }

        try
        {
            return await ctx.Request.ReadFromJsonAsync(info, ctx.RequestAborted);
        }
        catch (JsonException e)
        {
            throw ApiProblemException.Field("body", ErrorCodes.Invalid, e.Message);
        }
    }
}
