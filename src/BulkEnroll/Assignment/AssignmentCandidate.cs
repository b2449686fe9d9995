using BulkEnroll.Neurons.Records;
using BulkEnroll.Users;

namespace BulkEnroll.Assignment;

/// <summary>A device as far as assignment cares: who has it now, who enrolled it, and its state.</summary>
internal sealed class AssignmentCandidate
{
    public long Id { get; set; }

    public string? Name { get; set; }

    public string? SerialNumber { get; set; }

    /// <summary>The current owner's UPN (the generic user while unassigned).</summary>
    public string? OwnerUpn { get; set; }

    public long? OwnerId { get; set; }

    /// <summary>The generic user that enrolled it; null when a real user enrolled it (not bulk-enrolled).</summary>
    public string? EnrolledBy { get; set; }

    public string? RegistrationState { get; set; }

    public string? ReassignmentStatus { get; set; }

    public bool IsInitiated => string.Equals(ReassignmentStatus, ReassignmentStates.Initiated, System.StringComparison.OrdinalIgnoreCase);

    public bool IsOwnedBy(AccountRecord user)
        => OwnerId == user.Id || string.Equals(OwnerUpn, user.PrincipalName, System.StringComparison.OrdinalIgnoreCase);

    /// <summary>"NAME (id)", the way every message names a device.</summary>
    public string Describe() => Name != null ? $"{Name} ({Id})" : Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static AssignmentCandidate FromRecord(DeviceRecord record, GenericUserDirectory users, string? serialNumber)
        => new AssignmentCandidate
        {
            Id = record.Id,
            Name = record.DeviceName,
            SerialNumber = serialNumber,
            OwnerUpn = record.OwnerPrincipalName,
            OwnerId = record.OwnerId,
            EnrolledBy = users.TryGet(record.EnrollerId, out AccountRecord enroller) ? enroller.PrincipalName : null,
            RegistrationState = record.RegistrationState,
            ReassignmentStatus = record.LastReassignmentStatus,
        };

    public static AssignmentCandidate FromDevice(BulkEnrolledDevice device)
        => new AssignmentCandidate
        {
            Id = device.Id,
            Name = device.Name,
            SerialNumber = device.SerialNumber,
            OwnerUpn = device.AssignedTo ?? device.EnrolledBy,
            EnrolledBy = device.EnrolledBy,
            RegistrationState = device.RegistrationState,
            ReassignmentStatus = device.ReassignmentStatus,
        };
}

/// <summary>[I] Values of the device's "Last Reassignment Status" (docs/reference/ivanti-api.md#reassignment-status).</summary>
internal static class ReassignmentStates
{
    public const string Initiated = "INITIATED";
    public const string Failed = "FAILED";
}
