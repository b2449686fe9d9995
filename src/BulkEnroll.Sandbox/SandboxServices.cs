using BulkEnroll.Sandbox.Api;
using BulkEnroll.Sandbox.Api.Query;
using BulkEnroll.Sandbox.Tenant;

namespace BulkEnroll.Sandbox;

/// <summary>What endpoint groups need, handed to each group's Map method (no DI lookups per request).</summary>
internal sealed class SandboxServices
{
    public required SandboxOptions Options { get; init; }
    public required TenantState Tenant { get; init; }
    public required SandboxControls Controls { get; init; }
    public required RequestLog RequestLog { get; init; }
    public required IReadOnlyList<SandboxCredentials> ApiUsers { get; init; }
    public required ReassignmentWorker Reassignments { get; init; }
    public required TimeProvider Time { get; init; }
    public required ILogger Logger { get; init; }

    /// <summary>Called by POST /_sandbox/reset (set by the server, which owns everything a reset touches).</summary>
    public required Func<SeedSpec, CancellationToken, Task> Reset { get; init; }

    public Search<SandboxDevice, DeviceJson> DeviceSearch { get; } = new(
        new PropertyTable<DeviceJson>(SandboxJson.Context.DeviceJson,
            // [I] Sort names seen in public code; registrationTime is taken to mean lastRegistrationTime.
            new Dictionary<string, string> { ["registrationTime"] = "lastRegistrationTime" }),
        // [I] q matches these fields by substring; for Windows, serialNumber is null, so q=<serial> finds nothing.
        ["deviceName", "uid", "emailAddress", "displayName", "serialNumber", "imei", "udid", "wifiMacAddress", "deviceModel", "prettyModel", "manufacturer"]);

    public Search<SandboxAccount, AccountJson> AccountSearch { get; } = new(
        new PropertyTable<AccountJson>(SandboxJson.Context.AccountJson,
            new Dictionary<string, string> { ["accountId"] = "id" }),
        ["uid", "emailAddress", "displayName", "firstName", "lastName"]);
}
