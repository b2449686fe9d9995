using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using BulkEnroll.Neurons;
using BulkEnroll.Neurons.Records;

namespace BulkEnroll.Devices;

/// <summary>
/// The filters of Get-BulkEnrolledDevice, split into what the API can filter (sent as <c>fq</c>) and what only
/// the client can (wildcards, date ranges, serial numbers that live in hardware inventory).
/// </summary>
internal sealed class DeviceQuery
{
    private readonly WildcardPattern[]? _names;
    private readonly HashSet<string>? _serials;

    public DeviceQuery(string[]? names, string[]? serialNumbers, bool? assigned, string[]? registrationStates,
        DateTime? lastCheckInBefore, DateTime? lastCheckInAfter)
    {
        _names = names?.Select(v => WildcardPattern.Get(v, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToArray();
        _serials = serialNumbers == null ? null : new HashSet<string>(serialNumbers.Select(s => s.Trim()), StringComparer.OrdinalIgnoreCase);
        Assigned = assigned;
        States = Devices.RegistrationStates.ToFilter(registrationStates);
        LastCheckInBefore = lastCheckInBefore;
        LastCheckInAfter = lastCheckInAfter;
        Names = names;
    }

    public bool? Assigned { get; }

    /// <summary>The registration states listed (ACTIVE unless others were asked for); null for every state.</summary>
    public IReadOnlyList<string>? States { get; }

    public DateTime? LastCheckInBefore { get; }

    public DateTime? LastCheckInAfter { get; }

    public IReadOnlyList<string>? Names { get; }

    public bool FiltersBySerial => _serials != null;

    /// <summary>The enroller always goes to the server, with whatever else can be said as plain equality.</summary>
    public string ServerFilter(AccountRecord enroller)
    {
        FilterBuilder filter = DeviceFilters.WindowsEnrolledBy(enroller.Id);
        if (Assigned == false)
        {
            filter.Equal("ownerId", enroller.Id);
        }

        if (States != null && States.All(FilterBuilder.CanSend))
        {
            filter.AnyOf("registrationState", States);
        }

        if (Names != null && Names.Count == 1 && !WildcardPattern.ContainsWildcardCharacters(Names[0]) && FilterBuilder.CanSend(Names[0]))
        {
            filter.Equal("deviceName", Names[0]);
        }

        return filter.ToString();
    }

    /// <summary>Everything the server may not have applied (serial numbers never are); cheap to re-check even when it did.</summary>
    public bool Matches(BulkEnrolledDevice device)
    {
        if (Assigned is bool assigned && device.IsAssigned != assigned)
        {
            return false;
        }

        if (_names != null && !_names.Any(p => p.IsMatch(device.Name ?? string.Empty)))
        {
            return false;
        }

        if (States != null && !States.Contains((device.RegistrationState ?? string.Empty).ToUpperInvariant()))
        {
            return false;
        }

        if (LastCheckInBefore is DateTime before && !(device.LastCheckIn < before))
        {
            return false;
        }

        if (LastCheckInAfter is DateTime after && !(device.LastCheckIn > after))
        {
            return false;
        }

        return _serials == null || (device.SerialNumber != null && _serials.Contains(device.SerialNumber.Trim()));
    }
}
