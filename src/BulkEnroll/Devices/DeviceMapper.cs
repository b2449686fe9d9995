using BulkEnroll.Neurons.Records;

namespace BulkEnroll.Devices;

/// <summary>Turns a device record into the module's <see cref="BulkEnrolledDevice"/>.</summary>
internal static class DeviceMapper
{
    public static BulkEnrolledDevice ToDevice(DeviceRecord record, AccountRecord enroller, string? serialNumber = null)
    {
        string owner = record.OwnerPrincipalName;
        bool stillOnGenericUser = record.OwnerId == enroller.Id || GenericUser.IsGeneric(owner) || owner.Length == 0;
        return new BulkEnrolledDevice
        {
            Id = record.Id,
            Guid = record.Guid,
            Name = record.DeviceName,
            SerialNumber = serialNumber ?? record.SerialNumber,
            Model = record.PrettyModel ?? record.DeviceModel,
            Manufacturer = record.Manufacturer,
            OSVersion = record.OsBuildVersion ?? record.PlatformVersion,
            EnrolledBy = enroller.PrincipalName,
            AssignedTo = stillOnGenericUser ? null : owner,
            RegistrationState = record.RegistrationState,
            ReassignmentStatus = record.LastReassignmentStatus,
            LastCheckIn = DeviceConversions.FromEpoch(record.LastCheckin),
            EnrolledAt = DeviceConversions.FromEpoch(record.LastRegistrationTime),
            DeviceSpace = record.DmPartitionName,
            DeviceSpaceId = record.DmPartitionId,
        };
    }
}
