using BulkEnroll.Neurons;
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

    /// <summary>Normalized (<see cref="ReassignmentStatuses"/>); null when the tenant gave none.</summary>
    public string? ReassignmentStatus { get; set; }

    /// <summary>Whether the record named a status field at all (false when the tenant has none: then only the owner fields tell).</summary>
    public bool HasStatusField { get; set; }

    public int? ChangeOwnerCounter { get; set; }

    /// <summary>The tenant is still reassigning it (Pending or Initiated, in any spelling).</summary>
    public bool IsInProgress => ReassignmentStatuses.IsInProgress(ReassignmentStatus);

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
            HasStatusField = record.HasReassignmentStatusField,
            ChangeOwnerCounter = record.ChangeOwnerCounter,
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
            ReassignmentStatus = ReassignmentStatuses.Normalize(device.ReassignmentStatus),
        };
}
