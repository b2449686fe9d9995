using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Concurrency;
using BulkEnroll.Neurons;
using BulkEnroll.Neurons.Records;
using BulkEnroll.Users;

namespace BulkEnroll.Assignment;

/// <summary>
/// Finds the device a request names: by id (one read), by name (an fq search), or by serial number. Windows
/// serial numbers exist only in hardware inventory, so the first serial lookup of a run reads the inventory
/// of every bulk-enrolled device once and keeps an index for the rest of the run.
/// </summary>
internal sealed class DeviceLocator
{
    private readonly BulkEnrollConnection _connection;
    private readonly GenericUserDirectory _users;
    private readonly int _concurrency;
    private readonly Action<string> _verbose;
    private readonly object _gate = new object();
    private Task<ILookup<string, DeviceRecord>>? _serialIndex;
    private Task<ILookup<string, DeviceRecord>>? _nameIndex;

    public DeviceLocator(BulkEnrollConnection connection, GenericUserDirectory users, int concurrency, Action<string> verbose)
    {
        _connection = connection;
        _users = users;
        _concurrency = concurrency;
        _verbose = verbose;
    }

    public async Task<LocateResult> ByIdAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            DeviceRecord record = await _connection.Devices.GetAsync(_connection.DeviceSpaceId, id, cancellationToken).ConfigureAwait(false);
            return LocateResult.Found(AssignmentCandidate.FromRecord(record, _users, null));
        }
        catch (NeuronsApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return LocateResult.Missing(AssignmentFailure.DeviceNotFound, $"There is no device {id} in the device space '{_connection.DeviceSpaceName}'.");
        }
    }

    public async Task<LocateResult> ByNameAsync(string name, CancellationToken cancellationToken)
    {
        List<DeviceRecord> matches;
        if (FilterBuilder.CanSend(name))
        {
            string filter = DeviceFilters.Windows().Equal("deviceName", name).ToString();
            matches = new List<DeviceRecord>();
            await foreach (DeviceRecord record in _connection.Devices.SearchAsync(_connection.DeviceSpaceId, filter, 1, cancellationToken).ConfigureAwait(false))
            {
                if (string.Equals(record.DeviceName, name, StringComparison.OrdinalIgnoreCase))
                {
                    matches.Add(record);
                }
            }
        }
        else
        {
            ILookup<string, DeviceRecord> index = await NameIndexAsync(cancellationToken).ConfigureAwait(false);
            matches = index[name].ToList();
        }

        return Choose(matches, $"named '{name}'", null);
    }

    public async Task<LocateResult> BySerialNumberAsync(string serialNumber, CancellationToken cancellationToken)
    {
        List<DeviceRecord> quick = await ProbeBySearchAsync(serialNumber, cancellationToken).ConfigureAwait(false);
        if (quick.Count > 0)
        {
            return Choose(quick, $"with serial number '{serialNumber}'", serialNumber);
        }

        ILookup<string, DeviceRecord> index = await SerialIndexAsync(cancellationToken).ConfigureAwait(false);
        return Choose(index[serialNumber].ToList(), $"with serial number '{serialNumber}'", serialNumber);
    }

    /// <summary>
    /// The cheap try first: free-text search for the serial (device names often embed it, e.g. PAR-%SERIAL%),
    /// then hardware inventory of the few hits to confirm. Only when that finds nothing is every
    /// bulk-enrolled device's inventory read.
    /// </summary>
    private async Task<List<DeviceRecord>> ProbeBySearchAsync(string serialNumber, CancellationToken cancellationToken)
    {
        var confirmed = new List<DeviceRecord>();
        IReadOnlyList<DeviceRecord> hits = await _connection.Devices.FindAsync(_connection.DeviceSpaceId, serialNumber, DeviceFilters.Windows().ToString(), 20,
            cancellationToken).ConfigureAwait(false);
        foreach (DeviceRecord hit in hits.Where(_users.IsBulkEnrolled))
        {
            string? serial = await _connection.Devices.GetSerialNumberAsync(_connection.DeviceSpaceId, hit.Id, cancellationToken).ConfigureAwait(false);
            if (string.Equals(serial, serialNumber, StringComparison.OrdinalIgnoreCase))
            {
                confirmed.Add(hit);
            }
        }

        return confirmed;
    }

    private LocateResult Choose(List<DeviceRecord> matches, string description, string? serialNumber)
    {
        List<DeviceRecord> bulk = matches.Where(_users.IsBulkEnrolled).ToList();
        if (bulk.Count == 1)
        {
            return LocateResult.Found(AssignmentCandidate.FromRecord(bulk[0], _users, serialNumber));
        }

        if (bulk.Count > 1)
        {
            return LocateResult.Missing(AssignmentFailure.AmbiguousDevice,
                $"{bulk.Count} bulk-enrolled devices are {description} (ids {string.Join(", ", bulk.Select(d => d.Id))}); name the device by -Id or -SerialNumber.");
        }

        return matches.Count > 0
            ? LocateResult.Found(AssignmentCandidate.FromRecord(matches[0], _users, serialNumber))
            : LocateResult.Missing(AssignmentFailure.DeviceNotFound, $"No Windows device {description} was found in the device space '{_connection.DeviceSpaceName}'.");
    }

    private Task<ILookup<string, DeviceRecord>> SerialIndexAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _serialIndex ??= BuildSerialIndexAsync(cancellationToken);
        }
    }

    private Task<ILookup<string, DeviceRecord>> NameIndexAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _nameIndex ??= BuildNameIndexAsync(cancellationToken);
        }
    }

    private async Task<ILookup<string, DeviceRecord>> BuildSerialIndexAsync(CancellationToken cancellationToken)
    {
        _verbose("Serial numbers of Windows devices are only in hardware inventory: reading it once for every bulk-enrolled device.");
        var entries = new List<(string Serial, DeviceRecord Record)>();
        var withSerials = _connection.Devices.WithSerialNumbersAsync(_connection.DeviceSpaceId, AllBulkEnrolledAsync(cancellationToken), _concurrency, cancellationToken);
        await foreach ((DeviceRecord record, string? serial) in withSerials.ConfigureAwait(false))
        {
            if (serial != null)
            {
                entries.Add((serial, record));
            }
        }

        _verbose($"Serial-number index ready: {entries.Count} bulk-enrolled device(s).");
        return entries.ToLookup(e => e.Serial, e => e.Record, StringComparer.OrdinalIgnoreCase);
    }

    private async Task<ILookup<string, DeviceRecord>> BuildNameIndexAsync(CancellationToken cancellationToken)
    {
        var records = new List<DeviceRecord>();
        await foreach (DeviceRecord record in AllBulkEnrolledAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(record);
        }

        return records.Where(r => r.DeviceName != null).ToLookup(r => r.DeviceName!, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every generic user's Windows devices, the users listed side by side.</summary>
    private IAsyncEnumerable<DeviceRecord> AllBulkEnrolledAsync(CancellationToken cancellationToken)
        => ConcurrentMerge.MergeAsync(
            _users.Users.Select(user => (Func<CancellationToken, IAsyncEnumerable<DeviceRecord>>)(ct =>
                _connection.Devices.SearchAsync(_connection.DeviceSpaceId, DeviceFilters.WindowsEnrolledBy(user.Id).ToString(), _concurrency, ct))).ToList(),
            _concurrency,
            cancellationToken);
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
