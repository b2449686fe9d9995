using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using BulkEnroll.Neurons;
using BulkEnroll.Neurons.Records;

using BulkEnroll.Runtime;

namespace BulkEnroll.Devices;

/// <summary>
/// The filters of Get-BulkEnrolledDevice, split into what the API can filter (sent as <c>fq</c>) and what only
/// the client can (wildcards, date ranges, serial numbers that live in hardware inventory).
/// </summary>
internal sealed class DeviceQuery
{
    private readonly WildcardPattern[]? _names;
    private readonly HashSet<string>? _serials;
    private readonly string? _exactName;

    public DeviceQuery(string[]? names, string[]? literalNames, string[]? serialNumbers, bool? assigned, string[]? registrationStates,
        DateTime? lastCheckInBefore, DateTime? lastCheckInAfter)
    {
        if (names != null || literalNames != null)
        {
            _names = (names ?? Array.Empty<string>()).Select(v => NamePatterns.Compile(v, "Name", false, "LiteralName"))
                .Concat((literalNames ?? Array.Empty<string>()).Select(v => NamePatterns.Compile(v, "LiteralName", true, null))).ToArray();
            // The names that mean one text each, as the server's equality filter needs them.
            Names = (names ?? Array.Empty<string>()).Concat(literalNames ?? Array.Empty<string>()).ToList();
            _exactName = names == null && literalNames!.Length == 1 ? literalNames[0]
                : literalNames == null && names!.Length == 1 && NamePatterns.IsPlain(names[0]) ? names[0] : null;
        }

        _serials = serialNumbers == null ? null : new HashSet<string>(serialNumbers.Select(s => s.Trim()), StringComparer.OrdinalIgnoreCase);
        Assigned = assigned;
        States = Devices.RegistrationStates.ToFilter(registrationStates);
        LastCheckInBefore = lastCheckInBefore;
        LastCheckInAfter = lastCheckInAfter;
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

        if (_exactName != null && FilterBuilder.CanSend(_exactName))
        {
            filter.Equal("deviceName", _exactName);
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
