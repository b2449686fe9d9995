using System.Text.Json.Serialization;
namespace BulkEnroll.Sandbox.Api;

// Wire shapes of the Ivanti API (docs/reference/ivanti-api.md#response-envelope and the call headings after it). Property order follows the reference's examples.

/// <summary>Every response: <c>{"errors": null | {...}, "result": ...}</c>.</summary>
internal sealed record Envelope(ErrorsJson? Errors, object? Result);

internal sealed record ErrorsJson(IReadOnlyList<GlobalError>? GlobalErrors, IReadOnlyList<FieldError>? FieldErrors);

internal sealed record GlobalError(string Code, string Message);

internal sealed record FieldError(string Code, string Message, string Field);

/// <summary>The search envelope's result (documented for accounts and devices).</summary>
internal sealed record ListResult<T>(
    int TotalCount, long QueryTime, IReadOnlyList<T> SearchResults, int Offset, int Limit,
    IReadOnlyDictionary<string, object> FacetedResults, int TotalUnfilteredResultCount);

internal static class ListResults
{
    /// <summary>[I] Facets are only returned when asked for; the sandbox never computes any.</summary>
    public static readonly IReadOnlyDictionary<string, object> NoFacets = new Dictionary<string, object>();
}

internal sealed record SpaceJson(
    long Id, string Name, string Description, bool DefaultPartition, int Priority, string? DomainRule,
    int DeviceCount, int ConfigurationCount, int PolicyCount, int DeviceGroupCount, long CreatedAt, long ModifiedAt);

/// <summary>The device-space list has a shorter result than the search envelope (S16 tenant_spaces.json).</summary>
internal sealed record SpaceListResult(IReadOnlyList<SpaceJson> SearchResults, int TotalCount, int Offset, int Limit);

internal sealed record TenantMetadataJson(
    string TenantId, string Name, string ClusterName, string DefaultDomain, long DefaultDmPartitionId,
    string DefaultDmPartitionName, string Locale, string TimeZone);

/// <summary>updateAccount's asynchronous result: the devices that were NOT eligible (docs/reference/ivanti-api.md#assign-to-user, S4b).
/// Elements are <see cref="DeviceJson"/>, or <see cref="DeviceIdStub"/> for ids that match no device.</summary>
internal sealed record RejectedDevicesResult(IReadOnlyList<object> SearchResults, int TotalCount, int Offset, int Limit);

internal sealed record DeviceIdStub(long Id);

internal sealed class AccountJson
{
    public long Id { get; init; }
    public long CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public long ModifiedAt { get; init; }
    public required string ModifiedBy { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DisplayName { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FirstName { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LastName { get; init; }
    public long? LdapServerId { get; init; }
    public required string Uid { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EmailAddress { get; init; }
    public required string Username { get; init; }
    public required string AccountSource { get; init; }
    public required string AccountType { get; init; }
    public required string InviteState { get; init; }
    public int InviteResendCount { get; init; }
    public long? InviteLastSentAt { get; init; }
    public required string Locale { get; init; }
    public bool Enabled { get; init; }
    public bool Locked { get; init; }
    public bool SuperUser { get; init; }
    public bool TermsAccepted { get; init; }
    public long? PasswordExpiresAt { get; init; }
    public string? DistinguishedName { get; init; }
    public string? ObjectGuid { get; init; }
}

/// <summary>A device as the API returns it; field names as in S16's Windows 10 fixture (docs/reference/ivanti-api.md#device-fields).</summary>
internal sealed class DeviceJson
{
    public long Id { get; init; }
    public required string Guid { get; init; }
    public required string DeviceName { get; init; }
    public required string EntityName { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DeviceModel { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PrettyModel { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Manufacturer { get; init; }
    public required string PlatformType { get; init; }
    public required string PlatformVersion { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OsBuildVersion { get; init; }
    public string? OsPlatform { get; init; }
    public string? OsEdition { get; init; }
    public string? WindowsDeviceType { get; init; }
    public string? DeviceFamily { get; init; }
    public required string RegistrationState { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? LastCheckin { get; init; }
    public long LastRegistrationTime { get; init; }
    public bool ComplianceState { get; init; }
    public bool Quarantined { get; init; }
    public required IReadOnlyList<string> ViolatedPolicies { get; init; }
    public required string Uid { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EmailAddress { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DisplayName { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FirstName { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LastName { get; init; }
    public long OwnerId { get; init; }
    public long EnrollerId { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ChangeOwnerCounter { get; init; }
    public required string OwnershipType { get; init; }

    /// <summary>[I] The docs name the UI field "Last Reassignment Status" (INITIATED, SUCCESS, FAILED) but
    /// not its JSON name; this camelCase name is a guess to confirm on a real tenant. Absent until a reassignment,
    /// and always with the ReassignmentStatusStyle control set to Absent.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LastReassignmentStatus { get; init; }
    public string? SerialNumber { get; init; }
    public string? AltSerialNumber { get; init; }
    public string? Imei { get; init; }
    public string? Imei2 { get; init; }
    public string? Meid { get; init; }
    public string? WifiMacAddress { get; init; }
    public required string Udid { get; init; }
    public long DmPartitionId { get; init; }
    public required string DmPartitionName { get; init; }
    public bool AadEnrolled { get; init; }
    public bool AadBulkEnrolled { get; init; }
    public string? AadDeviceId { get; init; }
    public string? MdmChannelId { get; init; }
    public required string DeviceSource { get; init; }
    public required IReadOnlyList<string> Groups { get; init; }
    public required IReadOnlyDictionary<string, string> CustomAttributes { get; init; }
}

/// <summary>[C-code, S23] Only computerSystemProduct.identifyingNumber is seen in public code; the other
/// members' item shapes are WMI-like guesses [I].</summary>
internal sealed record HardwareInventoryJson(
    ComputerSystemProductJson ComputerSystemProduct, IReadOnlyList<ProcessorJson> Processor,
    IReadOnlyList<HardDriveJson> HardDrive, IReadOnlyList<PhysicalMemoryJson> PhysicalMemory);

internal sealed record ComputerSystemProductJson(string IdentifyingNumber, string Name, string Vendor, string Uuid);

internal sealed record ProcessorJson(string Name, string Manufacturer, int NumberOfCores, int NumberOfLogicalProcessors, int MaxClockSpeed);

internal sealed record HardDriveJson(string Model, long Size, string InterfaceType);

internal sealed record PhysicalMemoryJson(long Capacity, string Manufacturer);
