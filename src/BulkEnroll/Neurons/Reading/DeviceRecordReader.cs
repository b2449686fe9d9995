using System;
using System.Runtime.CompilerServices;
using System.Text.Json;
using BulkEnroll.Neurons.Records;
using BulkEnroll.Runtime;

namespace BulkEnroll.Neurons.Reading;

/// <summary>
/// Reads one device record (docs/reference/ivanti-api.md#device-fields) the way <see cref="Json.Options"/> would:
/// names in any case, whole numbers also as strings, unknown fields skipped (but checked), and the reassignment
/// status set only when its field is present. Used for the pages of a listing (<see cref="DevicePageReader"/>).
/// </summary>
internal static class DeviceRecordReader
{
    /// <param name="cursor">At the record's opening brace.</param>
    /// <param name="values">Where the texts many devices share are kept (model, OS, state, space), if anywhere; one per page.</param>
    /// <param name="owners">The same for the owner's name and address, kept apart: they are all different once devices are assigned.</param>
    [MethodImpl(HotPath.Optimized)]
    public static DeviceRecord Read(ref JsonCursor cursor, StringPool? values = null, StringPool? owners = null)
    {
        var record = new DeviceRecord();
        if (cursor.FirstMember("a device record"))
        {
            do
            {
                ReadOnlySpan<byte> name = cursor.ReadName();
                try
                {
                    if (!Assign(record, name, ref cursor, values, owners))
                    {
                        cursor.SkipValue();
                    }
                }
                catch (JsonException e)
                {
                    // Which field, for whoever reads the error: "registrationState: Expected a string or null, found 'A'."
                    throw new JsonException($"{System.Text.Encoding.UTF8.GetString(name.ToArray())}: {e.Message}", e);
                }
            }
            while (cursor.NextMember());
        }

        return record;
    }

    /// <summary>Reads the value of a field of ours into <paramref name="record"/>; false for any other field.</summary>
    [MethodImpl(HotPath.Optimized)]
    private static bool Assign(DeviceRecord record, scoped ReadOnlySpan<byte> name, ref JsonCursor cursor, StringPool? values, StringPool? owners)
    {
        // By length first: one comparison of bytes per field, mostly.
        switch (name.Length)
        {
            case 2 when JsonCursor.NameIs(name, "id"u8):
                record.Id = cursor.ReadInt64OrNull() ?? throw new JsonException("A device record's id is null.");
                return true;
            case 3 when JsonCursor.NameIs(name, "uid"u8):
                record.Uid = cursor.ReadStringOrNull(owners);
                return true;
            case 4 when JsonCursor.NameIs(name, "guid"u8):
                record.Guid = cursor.ReadStringOrNull();
                return true;
            case 7 when JsonCursor.NameIs(name, "ownerid"u8):
                record.OwnerId = cursor.ReadInt64OrNull();
                return true;
            case 9 when JsonCursor.NameIs(name, "osedition"u8):
                record.OsEdition = cursor.ReadStringOrNull(values);
                return true;
            case 10 when JsonCursor.NameIs(name, "devicename"u8):
                record.DeviceName = cursor.ReadStringOrNull();
                return true;
            case 10 when JsonCursor.NameIs(name, "enrollerid"u8):
                record.EnrollerId = cursor.ReadInt64OrNull();
                return true;
            case 11 when JsonCursor.NameIs(name, "devicemodel"u8):
                record.DeviceModel = cursor.ReadStringOrNull(values);
                return true;
            case 11 when JsonCursor.NameIs(name, "prettymodel"u8):
                record.PrettyModel = cursor.ReadStringOrNull(values);
                return true;
            case 11 when JsonCursor.NameIs(name, "lastcheckin"u8):
                record.LastCheckin = cursor.ReadInt64OrNull();
                return true;
            case 11 when JsonCursor.NameIs(name, "displayname"u8):
                record.DisplayName = cursor.ReadStringOrNull(owners);
                return true;
            case 12 when JsonCursor.NameIs(name, "manufacturer"u8):
                record.Manufacturer = cursor.ReadStringOrNull(values);
                return true;
            case 12 when JsonCursor.NameIs(name, "platformtype"u8):
                record.PlatformType = cursor.ReadStringOrNull(values);
                return true;
            case 12 when JsonCursor.NameIs(name, "emailaddress"u8):
                record.EmailAddress = cursor.ReadStringOrNull(owners);
                return true;
            case 12 when JsonCursor.NameIs(name, "serialnumber"u8):
                record.SerialNumber = cursor.ReadStringOrNull();
                return true;
            case 13 when JsonCursor.NameIs(name, "dmpartitionid"u8):
                record.DmPartitionId = cursor.ReadInt64OrNull();
                return true;
            case 14 when JsonCursor.NameIs(name, "osbuildversion"u8):
                record.OsBuildVersion = cursor.ReadStringOrNull(values);
                return true;
            case 15 when JsonCursor.NameIs(name, "platformversion"u8):
                record.PlatformVersion = cursor.ReadStringOrNull(values);
                return true;
            case 15 when JsonCursor.NameIs(name, "dmpartitionname"u8):
                record.DmPartitionName = cursor.ReadStringOrNull(values);
                return true;
            case 17 when JsonCursor.NameIs(name, "windowsdevicetype"u8):
                record.WindowsDeviceType = cursor.ReadStringOrNull(values);
                return true;
            case 17 when JsonCursor.NameIs(name, "registrationstate"u8):
                record.RegistrationState = cursor.ReadStringOrNull(values);
                return true;
            case 18 when JsonCursor.NameIs(name, "changeownercounter"u8):
                long? counter = cursor.ReadInt64OrNull();
                record.ChangeOwnerCounter = counter is long c && (c > int.MaxValue || c < int.MinValue)
                    ? throw new JsonException($"changeOwnerCounter {c} is out of range.")
                    : (int?)counter;
                return true;
            case 20 when JsonCursor.NameIs(name, "lastregistrationtime"u8):
                record.LastRegistrationTime = cursor.ReadInt64OrNull();
                return true;
            case 22 when JsonCursor.NameIs(name, "lastreassignmentstatus"u8):
                record.LastReassignmentStatus = cursor.ReadStringOrNull(values);
                return true;
            default:
                return false;
        }
    }
}
