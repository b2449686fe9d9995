using System.Collections.ObjectModel;
using System.Globalization;
using BulkEnroll.Sandbox.Tenant;

namespace BulkEnroll.Sandbox.Api;

/// <summary>Stored records to wire shapes. The only place that decides what the API shows of a record.</summary>
internal static class Projections
{
    private static readonly IReadOnlyDictionary<string, string> NoAttributes = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>The account as the API shows it; with <paramref name="omitOptional"/> (the OmitOptionalFields control) without names or e-mail.</summary>
    public static AccountJson ToJson(SandboxAccount a, bool omitOptional) => omitOptional ? WithoutOptionalFields(ToJson(a)) : ToJson(a);

    private static AccountJson WithoutOptionalFields(AccountJson a) => new()
    {
        Id = a.Id,
        CreatedAt = a.CreatedAt,
        CreatedBy = a.CreatedBy,
        ModifiedAt = a.ModifiedAt,
        ModifiedBy = a.ModifiedBy,
        Uid = a.Uid,
        Username = a.Username,
        AccountSource = a.AccountSource,
        AccountType = a.AccountType,
        InviteState = a.InviteState,
        Locale = a.Locale,
        Enabled = a.Enabled,
        Locked = a.Locked,
    };

    private static AccountJson ToJson(SandboxAccount a) => new()
    {
        Id = a.Id,
        CreatedAt = a.CreatedAt,
        CreatedBy = a.CreatedBy,
        ModifiedAt = a.ModifiedAt,
        ModifiedBy = a.ModifiedBy,
        DisplayName = a.Identity.DisplayName,
        FirstName = a.Identity.FirstName,
        LastName = a.Identity.LastName,
        Uid = a.Uid,
        EmailAddress = a.Identity.EmailAddress,
        Username = a.Uid,
        AccountSource = a.AccountSource,
        AccountType = a.AccountType,
        InviteState = a.InviteState,
        Locale = a.Locale,
        Enabled = a.Enabled,
        Locked = a.Locked,
    };

    /// <summary>The device as the API shows it, in the API variant <paramref name="variant"/> names (status spelling, optional fields).</summary>
    public static DeviceJson ToJson(SandboxDevice d, IReadOnlyList<SandboxSpace> spaces, SandboxControlSettings variant)
    {
        bool windows = d.IsWindows;
        bool all = !variant.OmitOptionalFields;
        return new DeviceJson
        {
            Id = d.Id,
            Guid = d.Guid.ToString(),
            DeviceName = d.DeviceName,
            EntityName = d.DeviceName,
            DeviceModel = all ? d.Hardware.Model : null,
            PrettyModel = all ? d.Hardware.PrettyModel : null,
            Manufacturer = all ? d.Hardware.Manufacturer : null,
            PlatformType = PlatformTypeName(d.Platform),
            PlatformVersion = d.OsVersion,
            OsBuildVersion = all ? d.OsBuild : null,
            OsPlatform = windows ? d.OsEdition : null,
            OsEdition = windows ? d.OsEdition : null,
            WindowsDeviceType = windows ? "WINDOWS_DESKTOP" : null,
            DeviceFamily = windows ? "DESKTOP" : null,
            RegistrationState = RegistrationStateName(d.RegistrationState),
            LastCheckin = all ? d.LastCheckin : null,
            LastRegistrationTime = d.RegistrationTime,
            ComplianceState = d.ComplianceState,
            Quarantined = d.Quarantined,
            ViolatedPolicies = d.ComplianceState ? [] : ViolatedPolicy,
            Uid = d.Owner.Uid,
            EmailAddress = all ? d.Owner.EmailAddress : null,
            DisplayName = all ? d.Owner.DisplayName : null,
            FirstName = all ? d.Owner.FirstName : null,
            LastName = all ? d.Owner.LastName : null,
            OwnerId = d.Owner.Id,
            EnrollerId = d.Enroller.Id,
            ChangeOwnerCounter = all ? d.ChangeOwnerCounter : null,
            OwnershipType = d.OwnershipType,
            LastReassignmentStatus = StatusName(d.LastReassignmentStatus, variant.ReassignmentStatusStyle),
            // Windows serials are not in the device record in S16's fixture, only in hardware inventory (S23); an
            // integration filtering on serialNumber suggests some tenants fill it: a control picks which.
            SerialNumber = windows && !variant.WindowsSerialNumberFilled ? null : d.HardwareSerial,
            Imei = d.Imei,
            WifiMacAddress = FormatMac(d.WifiMac),
            Udid = d.Guid.ToString("N").ToUpperInvariant(),
            DmPartitionId = d.SpaceId,
            DmPartitionName = SpaceName(spaces, d.SpaceId),
            DeviceSource = "CLOUD",
            Groups = [],
            CustomAttributes = NoAttributes,
        };
    }

    public static HardwareInventoryJson ToHardwareInventory(SandboxDevice d)
    {
        var h = d.Hardware;
        return new HardwareInventoryJson(
            new ComputerSystemProductJson(d.HardwareSerial, h.Model, h.Manufacturer, SmbiosUuid(d.Guid)),
            [new ProcessorJson(h.ProcessorName, h.ProcessorManufacturer, h.Cores, h.LogicalProcessors, h.MaxClockMhz)],
            [new HardDriveJson(h.DiskModel, h.DiskBytes, "SCSI")],
            [new PhysicalMemoryJson(h.MemoryBytes, h.MemoryManufacturer)]);
    }

    public static SpaceJson ToJson(SandboxSpace s, int deviceCount) => new(
        s.Id, s.Name, s.Description, s.IsDefault, s.Priority, s.DomainRule, deviceCount,
        s.ConfigurationCount, s.PolicyCount, s.DeviceGroupCount, s.CreatedAt, s.ModifiedAt);

    /// <summary>The reassignment status as the ReassignmentStatusStyle control spells it; null (absent) before any reassignment.</summary>
    public static string? StatusName(ReassignmentStatus? status, ReassignmentStatusStyle style) => status switch
    {
        null => null,
        _ when style == ReassignmentStatusStyle.Absent => null,
        ReassignmentStatus.Initiated when style == ReassignmentStatusStyle.Pending => "Pending",
        { } s when style == ReassignmentStatusStyle.Upper => s.ToString().ToUpperInvariant(),
        { } s => s.ToString(),
    };

    public static string RegistrationStateName(RegistrationState state) => state switch
    {
        RegistrationState.Active => "ACTIVE",
        RegistrationState.RetirePending => "RETIRE_PENDING",
        _ => "RETIRED",
    };

    // Ivanti files Windows 10/11 desktops under the Windows Phone platform type (S16 fixture).
    public static string PlatformTypeName(DevicePlatform platform) =>
        platform switch { DevicePlatform.Windows => "WINDOWS_PHONE", DevicePlatform.IOS => "IOS", _ => "ANDROID" };

    private static readonly IReadOnlyList<string> ViolatedPolicy = ["Compliance Policy"];

    private static string SpaceName(IReadOnlyList<SandboxSpace> spaces, long id)
    {
        foreach (var s in spaces)
        {
            if (s.Id == id)
            {
                return s.Name;
            }
        }
        return "";
    }

    private static string FormatMac(ulong mac) => string.Create(17, mac, static (span, m) =>
    {
        for (int i = 0; i < 6; i++)
        {
            byte b = (byte)(m >> (8 * (5 - i)));
            b.TryFormat(span[(i * 3)..], out _, "x2", CultureInfo.InvariantCulture);
            if (i < 5)
            {
                span[i * 3 + 2] = ':';
            }
        }
    });

    // The SMBIOS UUID differs from Ivanti's device guid; derive it so it is stable for a device.
    private static string SmbiosUuid(Guid guid)
    {
        Span<byte> bytes = stackalloc byte[16];
        guid.TryWriteBytes(bytes);
        bytes.Reverse();
        return new Guid(bytes).ToString().ToUpperInvariant();
    }
}
