namespace BulkEnroll.Neurons.Records;

/// <summary>A device as <c>GET /api/v1/device</c> returns it (docs/reference/ivanti-api.md#device-fields); only the fields the module reads.</summary>
internal sealed class DeviceRecord
{
    public long Id { get; set; }

    public string? Guid { get; set; }

    public string? DeviceName { get; set; }

    public string? DeviceModel { get; set; }

    public string? PrettyModel { get; set; }

    public string? Manufacturer { get; set; }

    public string? PlatformType { get; set; }

    public string? PlatformVersion { get; set; }

    public string? OsBuildVersion { get; set; }

    public string? OsEdition { get; set; }

    public string? WindowsDeviceType { get; set; }

    public string? RegistrationState { get; set; }

    public long? LastCheckin { get; set; }

    public long? LastRegistrationTime { get; set; }

    // Owner: the account the device is assigned to now.
    public string? Uid { get; set; }

    public string? EmailAddress { get; set; }

    public string? DisplayName { get; set; }

    public long? OwnerId { get; set; }

    // Enroller: the account whose credentials enrolled the device; for bulk enrollment, the generic user.
    public long? EnrollerId { get; set; }

    public int? ChangeOwnerCounter { get; set; }

    /// <summary>Null for Windows devices; their serial number is in hardware inventory only.</summary>
    public string? SerialNumber { get; set; }

    public long? DmPartitionId { get; set; }

    public string? DmPartitionName { get; set; }

    private string? _lastReassignmentStatus;

    /// <summary>[I] The asynchronous reassignment's state, normalized by <see cref="ReassignmentStatuses"/>: PENDING, INITIATED, SUCCESS or FAILED.</summary>
    public string? LastReassignmentStatus
    {
        get => _lastReassignmentStatus;
        set
        {
            _lastReassignmentStatus = ReassignmentStatuses.Normalize(value);
            HasReassignmentStatusField = true;
        }
    }

    /// <summary>The record named the status field at all (the serializer calls the setter only for fields present, null or not).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasReassignmentStatusField { get; private set; }

    public string OwnerPrincipalName => !string.IsNullOrEmpty(Uid) ? Uid! : EmailAddress ?? string.Empty;
}
