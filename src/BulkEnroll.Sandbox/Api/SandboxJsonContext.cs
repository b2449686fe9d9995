using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BulkEnroll.Sandbox.Api;

/// <summary>Source-generated serializers: no reflection warm-up at start, and cheap 500-device pages.
/// Every type that can be an <see cref="Envelope.Result"/> must be listed (it is serialized by runtime type).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(Envelope))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(ListResult<DeviceJson>))]
[JsonSerializable(typeof(ListResult<AccountJson>))]
[JsonSerializable(typeof(DeviceJson))]
[JsonSerializable(typeof(DeviceIdStub))]
[JsonSerializable(typeof(AccountJson))]
[JsonSerializable(typeof(List<AccountJson>))]
[JsonSerializable(typeof(SpaceListResult))]
[JsonSerializable(typeof(TenantMetadataJson))]
[JsonSerializable(typeof(RejectedDevicesResult))]
[JsonSerializable(typeof(HardwareInventoryJson))]
[JsonSerializable(typeof(ControlsJson))]
[JsonSerializable(typeof(ResetJson))]
[JsonSerializable(typeof(StateJson))]
[JsonSerializable(typeof(List<RequestLogEntryJson>))]
internal sealed partial class SandboxJsonContext : JsonSerializerContext;

/// <summary>The serializers in use. Text is escaped only where JSON requires it (an apostrophe in
/// "Adele's iPhone" stays one, as a Java backend writes it), unlike the HTML-safe default.</summary>
internal static class SandboxJson
{
    public static SandboxJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
