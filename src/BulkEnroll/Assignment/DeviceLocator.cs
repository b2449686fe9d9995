using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Devices;
using BulkEnroll.Neurons;
using BulkEnroll.Neurons.Records;
using BulkEnroll.Users;

namespace BulkEnroll.Assignment;

/// <summary>
/// Finds the device a request names with a server-side lookup, so the cost follows the input, not the fleet: by id
/// one read, by name one fq search (or q= when the name cannot go in a filter), by serial number one search. How a
/// serial is searched depends on whether the tenant fills serialNumber for Windows devices (asked once per
/// connection, <see cref="WindowsSerialSupport"/>): if it does, fq=serialNumber=; if not, the serial is only in
/// hardware inventory, so q=&lt;serial&gt; finds the devices whose name embeds it (e.g. PAR-%SERIAL%, see
/// <see cref="NameFragments"/>) and only those have their inventory read. An unknown serial costs at most three
/// searches, never a read of every device's inventory; once a run's searches cost as much as listing the space's
/// Windows devices (id and name only), that listing answers the rest of the run (<see cref="SerialNameIndex"/>).
/// Lookups by id, by a filled serial number and by name that arrive close together share one query
/// (<see cref="BatchedLookup{T}"/>); a key the batch does not answer is looked up on its own, so "not found" is
/// still decided by the one-key lookups below.
/// </summary>
internal sealed class DeviceLocator
{
    /// <summary>Enough for the few devices a serial or a name can match; more would be a data problem, reported as ambiguous.</summary>
    private const int SearchRows = 20;

    /// <summary>The shortest piece of a serial searched for in device names: long enough to match few devices.</summary>
    private const int FragmentLength = 8;

    private readonly BulkEnrollConnection _connection;
    private readonly GenericUserDirectory _users;
    private readonly Action<string> _verbose;
    private readonly object _gate = new object();
    private readonly BatchedLookup<DeviceRecord> _byId;
    private readonly BatchedLookup<DeviceRecord> _bySerial;
    private readonly BatchedLookup<DeviceRecord> _byName;
    private readonly SerialNameIndex _names;
    private Task<bool>? _serialsFilled;

    public DeviceLocator(BulkEnrollConnection connection, GenericUserDirectory users, Action<string> verbose, TimeSpan linger, CancellationToken stop)
    {
        _connection = connection;
        _users = users;
        _verbose = verbose;
        _byId = Batch(keys => new FilterBuilder().AnyOf("id", keys), r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), linger, stop);
        _bySerial = Batch(keys => DeviceFilters.Windows().AnyOf("serialNumber", keys), r => r.SerialNumber, linger, stop);
        _byName = Batch(keys => DeviceFilters.Windows().AnyOf("deviceName", keys), r => r.DeviceName, linger, stop);
        _names = new SerialNameIndex(connection, verbose, linger, stop);
    }

    public BulkEnrollConnection Connection => _connection;

    private BatchedLookup<DeviceRecord> Batch(Func<IReadOnlyCollection<string>, FilterBuilder> filter, Func<DeviceRecord, string?> keyOf, TimeSpan linger, CancellationToken stop)
        => new BatchedLookup<DeviceRecord>(
            (keys, ct) => _connection.Devices.SampleAsync(_connection.DeviceSpaceId, filter(keys).ToString(), BatchedLookup<DeviceRecord>.Rows, ct),
            keyOf, _connection.Variants, linger, stop);

    /// <summary>
    /// The device as the tenant has it now, through the batch when it can (read-backs of many devices share a
    /// query); a device the batch does not return is read on its own (404: <see cref="NeuronsApiException"/>).
    /// </summary>
    public async Task<DeviceRecord> ReadAsync(long id, CancellationToken cancellationToken)
    {
        IReadOnlyList<DeviceRecord>? batched = await _byId.FindAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
        return batched is { Count: > 0 }
            ? batched[0]
            : await _connection.Devices.GetAsync(_connection.DeviceSpaceId, id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<LocateResult> ByIdAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            DeviceRecord record = await ReadAsync(id, cancellationToken).ConfigureAwait(false);
            return LocateResult.Found(AssignmentCandidate.FromRecord(record, _users, null));
        }
        catch (NeuronsApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return LocateResult.Missing(AssignmentFailure.DeviceNotFound, $"There is no device {id} in the device space '{_connection.DeviceSpaceName}'.");
        }
    }

    public async Task<LocateResult> ByNameAsync(string name, CancellationToken cancellationToken)
    {
        // A name outside the filter alphabet (spaces, quotes) goes as free text; the exact match is checked here.
        IReadOnlyList<DeviceRecord>? batched = await _byName.FindAsync(name).ConfigureAwait(false);
        IReadOnlyList<DeviceRecord> hits = batched is { Count: > 0 } ? batched
            : FilterBuilder.CanSend(name)
            ? await SearchAsync(null, DeviceFilters.Windows().Equal("deviceName", name), cancellationToken).ConfigureAwait(false)
            : await SearchAsync(name, DeviceFilters.Windows(), cancellationToken).ConfigureAwait(false);
        List<DeviceRecord> matches = hits.Where(r => string.Equals(r.DeviceName, name, StringComparison.OrdinalIgnoreCase)).ToList();
        return Choose(matches, $"named '{name}'", null, null);
    }

    public async Task<LocateResult> BySerialNumberAsync(string serialNumber, CancellationToken cancellationToken)
    {
        string description = $"with serial number '{serialNumber}'";
        if (await SerialsFilledAsync(cancellationToken).ConfigureAwait(false))
        {
            IReadOnlyList<DeviceRecord>? batched = await _bySerial.FindAsync(serialNumber).ConfigureAwait(false);
            IReadOnlyList<DeviceRecord> hits = batched is { Count: > 0 } ? batched
                : FilterBuilder.CanSend(serialNumber)
                ? await SearchAsync(null, DeviceFilters.Windows().Equal("serialNumber", serialNumber), cancellationToken).ConfigureAwait(false)
                : await SearchAsync(serialNumber, DeviceFilters.Windows(), cancellationToken).ConfigureAwait(false);
            return Choose(hits.Where(r => SameSerial(r.SerialNumber, serialNumber)).ToList(), description, serialNumber, null);
        }

        // Rows search by name until that costs as much as listing the space once; then the listing answers (SerialNameIndex).
        var read = new HashSet<long>();
        List<DeviceRecord> confirmed = await _names.TryStartSearchingAsync().ConfigureAwait(false)
            ? await SearchNamesAsync(serialNumber, read, counted: true, cancellationToken).ConfigureAwait(false)
            : await ByNameIndexAsync(serialNumber, read, cancellationToken).ConfigureAwait(false);

        return Choose(confirmed, description, serialNumber,
            " This tenant leaves serialNumber empty for Windows devices, so a serial number is found only in the name of the device (e.g. a package built with -DeviceNameTemplate 'PAR-%SERIAL%'); name the device by -Name or -Id otherwise.");
    }

    /// <summary>
    /// One q= search per fragment until a device it names is proven by its inventory. The first search was counted
    /// when the row started (<see cref="SerialNameIndex.TryStartSearchingAsync"/>); <paramref name="counted"/> counts the others.
    /// </summary>
    private async Task<List<DeviceRecord>> SearchNamesAsync(string serialNumber, HashSet<long> read, bool counted, CancellationToken cancellationToken)
    {
        var confirmed = new List<DeviceRecord>();
        bool first = true;
        foreach (string fragment in NameFragments(serialNumber))
        {
            if (counted && !first)
            {
                _names.CountSearch();
            }

            first = false;
            IReadOnlyList<DeviceRecord> named = await SearchAsync(fragment, DeviceFilters.Windows(), cancellationToken).ConfigureAwait(false);
            foreach (DeviceRecord hit in named.Where(r => r.DeviceName != null && r.DeviceName.IndexOf(fragment, StringComparison.OrdinalIgnoreCase) >= 0 && read.Add(r.Id)))
            {
                if (await HasSerialAsync(hit.Id, serialNumber, cancellationToken).ConfigureAwait(false))
                {
                    confirmed.Add(hit);
                }
            }

            if (confirmed.Count > 0)
            {
                break;
            }
        }

        return confirmed;
    }

    /// <summary>
    /// The devices whose listed name holds a fragment of the serial and whose inventory proves it; when none does,
    /// the devices enrolled since the listing are read (shared with other misses) and matched too.
    /// </summary>
    private async Task<List<DeviceRecord>> ByNameIndexAsync(string serialNumber, HashSet<long> read, CancellationToken cancellationToken)
    {
        DeviceNameIndex? index = await _names.GetIndexAsync().ConfigureAwait(false);
        if (index == null)
        {
            return await SearchNamesAsync(serialNumber, read, counted: false, cancellationToken).ConfigureAwait(false); // listing failed: as before
        }

        List<long> ids = await ConfirmListedAsync(index, serialNumber, read, cancellationToken).ConfigureAwait(false);
        if (ids.Count == 0)
        {
            await _names.RefreshAsync(index).ConfigureAwait(false);
            ids = await ConfirmListedAsync(index, serialNumber, read, cancellationToken).ConfigureAwait(false);
        }

        // The listing keeps no owner or state: the devices proven are read as they are now (batched by id).
        var records = new List<DeviceRecord>();
        foreach (long id in ids)
        {
            try
            {
                records.Add(await ReadAsync(id, cancellationToken).ConfigureAwait(false));
            }
            catch (NeuronsApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                // Deleted since: nothing to assign.
            }
        }

        return records;
    }

    private async Task<List<long>> ConfirmListedAsync(DeviceNameIndex index, string serialNumber, HashSet<long> read, CancellationToken cancellationToken)
    {
        var confirmed = new List<long>();
        foreach (string fragment in NameFragments(serialNumber))
        {
            // As many as a search would have returned: more devices named alike is a data problem, not a reason to read them all.
            foreach (long id in index.Matching(fragment).Where(read.Add).Take(SearchRows).ToList())
            {
                if (await HasSerialAsync(id, serialNumber, cancellationToken).ConfigureAwait(false))
                {
                    confirmed.Add(id);
                }
            }

            if (confirmed.Count > 0)
            {
                break;
            }
        }

        return confirmed;
    }

    private async Task<bool> HasSerialAsync(long deviceId, string serialNumber, CancellationToken cancellationToken)
        => SameSerial(await _connection.Devices.GetSerialNumberAsync(_connection.DeviceSpaceId, deviceId, cancellationToken).ConfigureAwait(false), serialNumber);

    /// <summary>
    /// What of a serial number a device name can hold: all of it, or, since a Windows computer name has at most 15
    /// characters and a template such as PAR-%SERIAL% truncates a long serial, its first or its last
    /// <see cref="FragmentLength"/> characters (which end is kept is not documented). Each is one q= search, so a
    /// serial costs at most three searches plus the inventory of the devices whose name holds the fragment.
    /// </summary>
    private static IEnumerable<string> NameFragments(string serialNumber)
    {
        yield return serialNumber;
        if (serialNumber.Length > FragmentLength)
        {
            yield return serialNumber.Substring(0, FragmentLength);
            yield return serialNumber.Substring(serialNumber.Length - FragmentLength);
        }
    }

    private Task<bool> SerialsFilledAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _serialsFilled ??= AskAsync();
        }

        async Task<bool> AskAsync()
        {
            bool filled = await WindowsSerialSupport.IsFilledAsync(_connection, cancellationToken).ConfigureAwait(false);
            _verbose(filled
                ? "The tenant fills serialNumber in Windows device records: serial numbers are looked up with fq=serialNumber=<serial>, one search each."
                : "The tenant leaves serialNumber empty in Windows device records: a serial number is looked up in device names (q=<serial> row by row, or, once those searches cost as much as listing the space's Windows devices, that listing) and confirmed from the hardware inventory of the devices named so.");
            return filled;
        }
    }

    private async Task<IReadOnlyList<DeviceRecord>> SearchAsync(string? text, FilterBuilder filter, CancellationToken cancellationToken)
        => await _connection.Devices.FindAsync(_connection.DeviceSpaceId, text ?? string.Empty, filter.ToString(), SearchRows, cancellationToken).ConfigureAwait(false);

    private static bool SameSerial(string? found, string wanted) => found != null && string.Equals(found.Trim(), wanted, StringComparison.OrdinalIgnoreCase);

    private LocateResult Choose(List<DeviceRecord> matches, string description, string? serialNumber, string? notFoundHint)
    {
        List<DeviceRecord> bulk = matches.Where(_users.IsBulkEnrolled).ToList();
        if (bulk.Count > 1)
        {
            // A re-imaged PC enrolls again and leaves its old record behind, retired, with the same serial and often
            // the same name: only the active record can be assigned, so it is the one meant.
            List<DeviceRecord> active = bulk.Where(r => RegistrationStates.IsActive(r.RegistrationState)).ToList();
            if (active.Count > 1)
            {
                return LocateResult.Missing(AssignmentFailure.AmbiguousDevice,
                    $"{active.Count} active bulk-enrolled devices are {description}: {string.Join(", ", active.Select(Describe))}. "
                    + $"Name the one meant by its id instead (an Id or DeviceId column, or -Id {active[0].Id}).");
            }

            if (active.Count == 1)
            {
                _verbose($"{bulk.Count} bulk-enrolled devices are {description}; {Describe(active[0])} is the active one (the others, {string.Join(", ", bulk.Where(r => r != active[0]).Select(Describe))}, are not).");
                bulk = active;
            }
        }

        if (bulk.Count >= 1)
        {
            return LocateResult.Found(AssignmentCandidate.FromRecord(bulk[0], _users, serialNumber));
        }

        return matches.Count > 0
            ? LocateResult.Found(AssignmentCandidate.FromRecord(matches[0], _users, serialNumber))
            : LocateResult.Missing(AssignmentFailure.DeviceNotFound, $"No Windows device {description} was found in the device space '{_connection.DeviceSpaceName}'.{notFoundHint}");
    }

    private static string Describe(DeviceRecord record) => $"{record.DeviceName ?? "(no name)"} ({record.Id}, {record.RegistrationState})";
}

internal sealed class LocateResult
{
    private LocateResult(AssignmentCandidate? candidate, string? errorId, string? message)
    {
        Candidate = candidate;
        ErrorId = errorId;
        Message = message;
    }

    public AssignmentCandidate? Candidate { get; }

    public string? ErrorId { get; }

    public string? Message { get; }

    public static LocateResult Found(AssignmentCandidate candidate) => new LocateResult(candidate, null, null);

    public static LocateResult Missing(string errorId, string message) => new LocateResult(null, errorId, message);
}
