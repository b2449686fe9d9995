using System.Collections.ObjectModel;
using System.Globalization;
using BulkEnroll.Sandbox.Tenant;

namespace BulkEnroll.Sandbox.Api;

/// <summary>Stored records to wire shapes. The only place that decides what the API shows of a record.</summary>
internal static class Projections
{
    private static readonly IReadOnlyDictionary<string, string> NoAttributes = ReadOnlyDictionary<string, string>.Empty;

    public static AccountJson ToJson(SandboxAccount a) => new()
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

    /// <param name="windowsSerialFilled">Whether this tenant shows Windows serial numbers in device records (a sandbox control).</param>
    public static DeviceJson ToJson(SandboxDevice d, IReadOnlyList<SandboxSpace> spaces, bool windowsSerialFilled)
    {
        bool windows = d.IsWindows;
        return new DeviceJson
        {
            Id = d.Id,
            Guid = d.Guid.ToString(),
            DeviceName = d.DeviceName,
            EntityName = d.DeviceName,
            DeviceModel = d.Hardware.Model,
            PrettyModel = d.Hardware.PrettyModel,
            Manufacturer = d.Hardware.Manufacturer,
            PlatformType = PlatformTypeName(d.Platform),
            PlatformVersion = d.OsVersion,
            OsBuildVersion = d.OsBuild,
            OsPlatform = windows ? d.OsEdition : null,
            OsEdition = windows ? d.OsEdition : null,
            WindowsDeviceType = windows ? "WINDOWS_DESKTOP" : null,
            DeviceFamily = windows ? "DESKTOP" : null,
            RegistrationState = RegistrationStateName(d.RegistrationState),
            LastCheckin = d.LastCheckin,
            LastRegistrationTime = d.RegistrationTime,
            ComplianceState = d.ComplianceState,
            Quarantined = d.Quarantined,
            ViolatedPolicies = d.ComplianceState ? [] : ViolatedPolicy,
            Uid = d.Owner.Uid,
            EmailAddress = d.Owner.EmailAddress,
            DisplayName = d.Owner.DisplayName,
            FirstName = d.Owner.FirstName,
            LastName = d.Owner.LastName,
            OwnerId = d.Owner.Id,
            EnrollerId = d.Enroller.Id,
            ChangeOwnerCounter = d.ChangeOwnerCounter,
            OwnershipType = d.OwnershipType,
            LastReassignmentStatus = d.LastReassignmentStatus?.ToString().ToUpperInvariant(),
            // Windows serials are not in the device record in S16's fixture, only in hardware inventory (S23); an
            // integration filtering on serialNumber suggests some tenants fill it: a control picks which.
            SerialNumber = windows && !windowsSerialFilled ? null : d.HardwareSerial,
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
