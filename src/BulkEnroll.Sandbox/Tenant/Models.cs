using System.Collections.Immutable;

namespace BulkEnroll.Sandbox.Tenant;

// The tenant's data is made of immutable records: a change replaces a record, so a snapshot, a cached
// query result or a response being serialized never sees a half-applied change.

/// <summary>The identity fields an account lends to the devices it owns or enrolled.</summary>
/// <remarks>Devices keep a reference to this, not to the account, so they keep their owner and enroller
/// data when the account is deleted (as the real tenant keeps the last known owner).</remarks>
public sealed record AccountIdentity(
    long Id, string Uid, string EmailAddress, string DisplayName, string FirstName, string LastName);

/// <summary>A user account (never carries the password; see <see cref="TenantState.CheckPassword"/>).</summary>
public sealed record SandboxAccount
{
    public required AccountIdentity Identity { get; init; }
    public long Id => Identity.Id;
    public string Uid => Identity.Uid;
    public string AccountSource { get; init; } = "LOCAL";
    public string AccountType { get; init; } = "USER";
    public required string InviteState { get; init; }
    public bool Enabled { get; init; } = true;
    public bool Locked { get; init; }
    public string Locale { get; init; } = "en_US";
    public required long CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public required long ModifiedAt { get; init; }
    public required string ModifiedBy { get; init; }

    /// <summary>A generic bulk-enrollment user (uid starts with <c>windows-bulkenroll</c>).</summary>
    public bool IsGeneric => BulkEnrollment.IsGenericUid(Uid);
}

/// <summary>A device space (the API's "device partition", addressed by dmPartitionId).</summary>
public sealed record SandboxSpace(
    long Id, string Name, string Description, bool IsDefault, int Priority, string? DomainRule,
    int ConfigurationCount, int PolicyCount, int DeviceGroupCount, long CreatedAt, long ModifiedAt);

public enum DevicePlatform { Windows, IOS, Android }

public enum RegistrationState { Active, RetirePending, Retired }

public enum ReassignmentStatus { Initiated, Success, Failed }

/// <summary>One reassignment attempt that reached an outcome (time of the outcome, owner before, target).</summary>
public sealed record ReassignmentRecord(
    DateTimeOffset Time, long FromAccountId, long ToAccountId, ReassignmentStatus Outcome);

/// <summary>Hardware as the device reports it; shared between devices of the same model.</summary>
public sealed record HardwareModel(
    string Manufacturer, string Model, string PrettyModel,
    string ProcessorName, string ProcessorManufacturer, int Cores, int LogicalProcessors, int MaxClockMhz,
    long MemoryBytes, string MemoryManufacturer, string DiskModel, long DiskBytes);

/// <summary>A device as the tenant stores it; the API shape is projected from it.</summary>
public sealed record SandboxDevice
{
    public required long Id { get; init; }
    public required Guid Guid { get; init; }
    public required string DeviceName { get; init; }
    public required long SpaceId { get; init; }
    public required DevicePlatform Platform { get; init; }
    public required HardwareModel Hardware { get; init; }

    /// <summary>The serial number the hardware reports. For Windows the API shows it only in hardware
    /// inventory (the device's serialNumber field is null, as on a real tenant).</summary>
    public required string HardwareSerial { get; init; }

    /// <summary>The HWDevID the PC enrolled with (not shown by the API); empty for seeded devices.</summary>
    public string HardwareDeviceId { get; init; } = "";

    /// <summary>platformVersion: "10.0" for Windows, e.g. "17.5.1" for iOS.</summary>
    public required string OsVersion { get; init; }
    public string? OsBuild { get; init; }
    public string? OsEdition { get; init; }
    public required ulong WifiMac { get; init; }
    public string? Imei { get; init; }

    public required RegistrationState RegistrationState { get; init; }
    public required long LastCheckin { get; init; }
    public required long RegistrationTime { get; init; }
    public bool ComplianceState { get; init; } = true;
    public bool Quarantined { get; init; }

    public required AccountIdentity Owner { get; init; }
    public required AccountIdentity Enroller { get; init; }
    public int ChangeOwnerCounter { get; init; }
    public required string OwnershipType { get; init; }

    public ReassignmentStatus? LastReassignmentStatus { get; init; }

    /// <summary>Target account while a reassignment is INITIATED.</summary>
    public long? PendingReassignmentTo { get; init; }

    /// <summary>Reassignments that reached an outcome through the API since the tenant was seeded
    /// (seeded "already assigned" devices have ChangeOwnerCounter 1 and an empty history).</summary>
    public ImmutableArray<ReassignmentRecord> ReassignmentHistory { get; init; } = ImmutableArray<ReassignmentRecord>.Empty;

    /// <summary>How many updateAccount calls accepted this device (started a reassignment).</summary>
    public int ReassignmentRequests { get; init; }

    /// <summary>Reassignments applied (owner changed) through the API since seeding.</summary>
    public int SuccessfulReassignments => ReassignmentHistory.Count(r => r.Outcome == ReassignmentStatus.Success);

    public bool IsWindows => Platform == DevicePlatform.Windows;
    public bool IsBulkEnrolled => BulkEnrollment.IsGenericUid(Enroller.Uid);
}

/// <summary>What MS-MDE2 enrollment code passes to register a Windows device that just enrolled.</summary>
/// <param name="OsVersion">Full build as Windows reports it, e.g. "10.0.26100.2314".</param>
public sealed record NewWindowsDevice(
    string DeviceName, string SerialNumber, string Model, string Manufacturer, string OsVersion,
    long EnrolledByAccountId)
{
    public string OsEdition { get; init; } = "Windows 11 Pro";

    /// <summary>The PC's HWDevID; a PC enrolling again is found by it. Empty = never matched.</summary>
    public string HardwareDeviceId { get; init; } = "";

    /// <summary>What to do when an active record has the same <see cref="HardwareDeviceId"/>.</summary>
    public Enrollment.ReenrollmentMode Reenrollment { get; init; }

    /// <summary>Space to put the device in; null = the default space.</summary>
    public long? SpaceId { get; init; }

    /// <summary>Seeding only: a record that is already retired (a re-imaged PC leaves one behind with the same serial).</summary>
    public RegistrationState RegistrationState { get; init; } = RegistrationState.Active;
}

/// <summary>The Ivanti rule this whole module is built around.</summary>
public static class BulkEnrollment
{
    /// <summary>Ivanti treats a device as bulk enrolled (and so allows "Assign to User") when the account
    /// that enrolled it has a uid with this prefix (docs/reference/ivanti-api.md#generic-users).</summary>
    public const string GenericUidPrefix = "windows-bulkenroll";

    public static bool IsGenericUid(string uid) => uid.StartsWith(GenericUidPrefix, StringComparison.OrdinalIgnoreCase);
}
