using System;

namespace BulkEnroll;

/// <summary>A Windows device that a generic <c>windows-bulkenroll*</c> user enrolled.</summary>
public sealed class BulkEnrolledDevice
{
    public long Id { get; internal set; }

    public string? Guid { get; internal set; }

    public string? Name { get; internal set; }

    /// <summary>From hardware inventory, only when asked for (-IncludeSerialNumber or -SerialNumber).</summary>
    public string? SerialNumber { get; internal set; }

    public string? Model { get; internal set; }

    public string? Manufacturer { get; internal set; }

    public string? OSVersion { get; internal set; }

    /// <summary>The generic user whose credentials enrolled the device.</summary>
    public string EnrolledBy { get; internal set; } = string.Empty;

    /// <summary>The real user the device is assigned to; null while it is still on the generic user.</summary>
    public string? AssignedTo { get; internal set; }

    public string? RegistrationState { get; internal set; }

    /// <summary>[I] State of the last asynchronous reassignment, upper-case whatever the tenant's spelling: PENDING, INITIATED, SUCCESS or FAILED; null when the tenant gives none.</summary>
    public string? ReassignmentStatus { get; internal set; }

    public DateTime? LastCheckIn { get; internal set; }

    public DateTime? EnrolledAt { get; internal set; }

    public string? DeviceSpace { get; internal set; }

    public long? DeviceSpaceId { get; internal set; }

    public bool IsAssigned => AssignedTo != null;

    public override string ToString() => Name ?? Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
