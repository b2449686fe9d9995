using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace BulkEnroll.Assignment;

/// <summary>
/// Locates the device a request names when it names it by more than one key (a CSV with Id, SerialNumber and
/// DeviceName columns): the first key (id, then serial number, then name) finds the device and every other key must
/// agree with it. A row whose keys point at different devices is a typo or a stale sheet; using either device would
/// assign the wrong PC, so the row is refused. Agreement is checked cheaply first: a name is compared with the found
/// device's name and looked up only when it differs (to say which device it names).
/// </summary>
internal sealed class DeviceKeyCheck
{
    private readonly DeviceLocator _locator;

    public DeviceKeyCheck(DeviceLocator locator) => _locator = locator;

    public async Task<LocateResult> LocateAsync(AssignmentRequest request, CancellationToken cancellationToken)
    {
        var keys = new List<Key>();
        if (request.Id is long id)
        {
            keys.Add(new Key("Id", id.ToString(CultureInfo.InvariantCulture), () => _locator.ByIdAsync(id, cancellationToken)));
        }

        if (request.SerialNumber is string serial)
        {
            keys.Add(new Key("SerialNumber", serial, () => _locator.BySerialNumberAsync(serial, cancellationToken)));
        }

        if (request.Name is string name)
        {
            keys.Add(new Key("Name", name, () => _locator.ByNameAsync(name, cancellationToken)));
        }

        if (keys.Count == 0)
        {
            return LocateResult.Missing(AssignmentFailure.DeviceNotIdentified,
                "The input names no device: give -Id, -SerialNumber or -Name (CSV columns such as Id, SerialNumber or DeviceName).");
        }

        Key first = keys[0];
        LocateResult found = await first.Locate().ConfigureAwait(false);
        AssignmentCandidate? device = found.Candidate;
        if (device == null)
        {
            return found;
        }

        for (int i = 1; i < keys.Count; i++)
        {
            Key other = keys[i];
            if (other.Column == "Name" && string.Equals(device.Name, other.Value, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            AssignmentCandidate? named = (await other.Locate().ConfigureAwait(false)).Candidate;
            if (named == null && other.Column != "Name")
            {
                // A serial number the tenant cannot find (not filled, not in the name) contradicts nothing.
                continue;
            }

            if (named == null || named.Id != device.Id)
            {
                string second = named == null ? "no device" : $"device {named.Describe()}";
                return LocateResult.Missing(AssignmentFailure.ConflictingDeviceKeys,
                    $"The {first.Column} '{first.Value}' is device {device.Describe()} but the {other.Column} '{other.Value}' is {second}: "
                    + "the keys of this input name different devices, so nothing is done for it. Correct the row, or keep only the key you trust.");
            }
        }

        return found;
    }

    private sealed class Key
    {
        public Key(string column, string value, Func<Task<LocateResult>> locate)
        {
            Column = column;
            Value = value;
            Locate = locate;
        }

        public string Column { get; }

        public string Value { get; }

        public Func<Task<LocateResult>> Locate { get; }
    }
}
