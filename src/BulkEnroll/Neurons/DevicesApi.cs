using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Concurrency;
using BulkEnroll.Neurons.Records;

namespace BulkEnroll.Neurons;

/// <summary>Device calls (docs/reference/ivanti-api.md#search-devices to #reassignment-status). Every call names the device space (dmPartitionId).</summary>
internal sealed class DevicesApi
{
    private const string DevicePath = "api/v1/device";

    // Two ids no device has (ids are 32-bit numbers counted up from 1): a probe that names them is refused
    // or ignored whatever the tenant makes of it, so it can never reassign a device.
    private static readonly long[] ProbeDeviceIds = { int.MaxValue - 1, int.MaxValue };

    private readonly NeuronsClient _client;
    private readonly ApiVariants _variants;

    public DevicesApi(NeuronsClient client, ApiVariants? variants = null)
    {
        _client = client;
        _variants = variants ?? new ApiVariants();
    }

    public IAsyncEnumerable<DeviceRecord> SearchAsync(long spaceId, string? filter, int parallelPages, CancellationToken cancellationToken)
        => _client.SearchAsync<DeviceRecord>(DevicePath, Query(spaceId, null, filter).SortBy("id"), parallelPages, "listing devices", cancellationToken);

    /// <summary>
    /// One page of <see cref="SearchAsync"/> (same query and order), for callers that schedule pages themselves;
    /// <paramref name="totalKnown"/> hears the search's length from the page's first bytes, when the tenant puts it
    /// before the records (the connection says once which way it found).
    /// </summary>
    public Task<SearchPage<DeviceRecord>> GetSearchPageAsync(long spaceId, string? filter, long start, int rows, Action<long>? totalKnown, CancellationToken cancellationToken)
    {
        TotalCountListener? firstBytes = totalKnown == null
            ? null
            : new TotalCountListener(total =>
            {
                _variants.ObserveTotalCountFirst(true);
                totalKnown(total);
            }, () => _variants.ObserveTotalCountFirst(false));
        return _client.GetPageAsync<DeviceRecord>(DevicePath, Query(spaceId, null, filter).SortBy("id"), start, rows, "listing devices", cancellationToken, firstBytes);
    }

    /// <summary>
    /// One page of the devices matching <paramref name="filter"/>, newest (highest id) first: what enrolled since a
    /// listing is read without listing again (ids are counted up).
    /// </summary>
    public Task<SearchPage<DeviceRecord>> GetNewestPageAsync(long spaceId, string? filter, long start, int rows, CancellationToken cancellationToken)
        => _client.GetPageAsync<DeviceRecord>(DevicePath, Query(spaceId, null, filter).SortBy("id", descending: true), start, rows, "reading the newest devices", cancellationToken);

    public async Task<long> CountAsync(long spaceId, string? filter, CancellationToken cancellationToken)
    {
        SearchPage<DeviceRecord> page = await _client.GetPageAsync<DeviceRecord>(DevicePath, Query(spaceId, null, filter), 0, 1, "counting devices", cancellationToken).ConfigureAwait(false);
        return page.TotalCount;
    }

    /// <summary>How many devices match <paramref name="filter"/>, and the first <paramref name="rows"/> of them (one request).</summary>
    public async Task<(long TotalCount, IReadOnlyList<DeviceRecord> First)> SampleAsync(long spaceId, string filter, int rows, CancellationToken cancellationToken)
    {
        SearchPage<DeviceRecord> page = await _client.GetPageAsync<DeviceRecord>(DevicePath, Query(spaceId, null, filter), 0, rows, "listing devices",
            cancellationToken).ConfigureAwait(false);
        return (page.TotalCount, (IReadOnlyList<DeviceRecord>?)page.SearchResults ?? Array.Empty<DeviceRecord>());
    }

    /// <summary>The first <paramref name="rows"/> devices whose fields contain <paramref name="text"/> (free-text <c>q</c>).</summary>
    public async Task<IReadOnlyList<DeviceRecord>> FindAsync(long spaceId, string text, string? filter, int rows, CancellationToken cancellationToken)
    {
        SearchPage<DeviceRecord> page = await _client.GetPageAsync<DeviceRecord>(DevicePath, Query(spaceId, text, filter), 0, rows,
            $"searching devices for '{text}'", cancellationToken).ConfigureAwait(false);
        return (IReadOnlyList<DeviceRecord>?)page.SearchResults ?? Array.Empty<DeviceRecord>();
    }

    public Task<DeviceRecord> GetAsync(long spaceId, long deviceId, CancellationToken cancellationToken)
        => _client.GetAsync<DeviceRecord>(DevicePath + "/" + deviceId.ToString(CultureInfo.InvariantCulture),
            new QueryBuilder().Add("dmPartitionId", spaceId), $"reading device {deviceId}", cancellationToken);

    /// <summary>
    /// Windows serial numbers are not in device records; hardware inventory has them (docs/reference/ivanti-api.md#windows-serial-number).
    /// Null when the device has reported no inventory yet (it has not checked in since enrolling).
    /// </summary>
    public async Task<string?> GetSerialNumberAsync(long spaceId, long deviceId, CancellationToken cancellationToken)
    {
        HardwareInventoryRecord inventory;
        try
        {
            inventory = await _client.GetAsync<HardwareInventoryRecord>(
                DevicePath + "/" + deviceId.ToString(CultureInfo.InvariantCulture) + "/hardwareinventory",
                new QueryBuilder().Add("dmPartitionId", spaceId), $"reading the hardware inventory of device {deviceId}", cancellationToken).ConfigureAwait(false);
        }
        catch (NeuronsApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        string? serial = inventory?.ComputerSystemProduct?.IdentifyingNumber;
        return string.IsNullOrWhiteSpace(serial) ? null : serial!.Trim();
    }

    /// <summary>
    /// The records with their serial numbers, read from hardware inventory <paramref name="concurrency"/> at a
    /// time and kept in order: the only way to know Windows serials, so it is done only when asked.
    /// </summary>
    public IAsyncEnumerable<(DeviceRecord Record, string? SerialNumber)> WithSerialNumbersAsync(long spaceId, IAsyncEnumerable<DeviceRecord> records,
        int concurrency, CancellationToken cancellationToken)
        => OrderedConcurrency.SelectAsync(records,
            async (record, ct) => (record, await GetSerialNumberAsync(spaceId, record.Id, ct).ConfigureAwait(false)), concurrency, cancellationToken);

    /// <summary>
    /// "Assign a Device to a User" (<c>PUT /api/v1/device/updateAccount</c>). Newer tenants answer at once with the
    /// devices they rejected and reassign the rest asynchronously; older ones answer 1 or 0 (docs/reference/ivanti-api.md#assign-to-user).
    /// How several ids go in one call is not documented [GAP]: the first call with more than one device on a
    /// connection finds out (<see cref="DetectMultiIdAsync"/>). Not retried when the outcome is unknown: the
    /// caller reads the devices back instead, so a device is never reassigned twice.
    /// </summary>
    public async Task<ReassignmentResponse> UpdateAccountAsync(long accountId, IReadOnlyCollection<long> deviceIds, CancellationToken cancellationToken)
    {
        if (deviceIds.Count == 1)
        {
            return await SendUpdateAccountAsync(accountId, deviceIds, MultiIdEncoding.Repeated, null, cancellationToken).ConfigureAwait(false);
        }

        MultiIdEncoding encoding = await _variants.MultiIdAsync(() => DetectMultiIdAsync(accountId, cancellationToken)).ConfigureAwait(false);
        if (encoding != MultiIdEncoding.OnePerCall)
        {
            return await SendUpdateAccountAsync(accountId, deviceIds, encoding, null, cancellationToken).ConfigureAwait(false);
        }

        var rejected = new List<DeviceRecord>();
        bool anySent = false;
        foreach (long id in deviceIds)
        {
            ReassignmentResponse one;
            try
            {
                one = await SendUpdateAccountAsync(accountId, new[] { id }, MultiIdEncoding.Repeated, null, cancellationToken).ConfigureAwait(false);
            }
            catch (NeuronsApiException e) when (anySent)
            {
                // Earlier devices of this batch were reassigned: the caller must read them back before resending.
                e.OutcomeUnknown = true;
                throw;
            }

            anySent = true;
            rejected.AddRange(one.Accepted ? one.Rejected : new[] { new DeviceRecord { Id = id } });
        }

        return new ReassignmentResponse(true, rejected);
    }

    /// <summary>
    /// Sends two ids no device has, repeated and then comma-separated, and keeps the first form whose answer names
    /// both as rejected (the tenant read both). A 400, a single id read, or an older tenant's bare 1/0 says
    /// nothing: then one device per call, which every tenant takes.
    /// </summary>
    private async Task<MultiIdEncoding> DetectMultiIdAsync(long accountId, CancellationToken cancellationToken)
    {
        foreach (MultiIdEncoding candidate in new[] { MultiIdEncoding.Repeated, MultiIdEncoding.CommaSeparated })
        {
            ReassignmentResponse answer;
            try
            {
                answer = await SendUpdateAccountAsync(accountId, ProbeDeviceIds, candidate, "checking how the tenant takes several device ids", cancellationToken).ConfigureAwait(false);
            }
            catch (NeuronsApiException e) when (e.StatusCode == System.Net.HttpStatusCode.BadRequest)
            {
                ClientLog.Verbose($"API variant: several device ids as {Describe(candidate)} were refused ({e.Message}).");
                continue;
            }

            if (answer.Accepted && ProbeDeviceIds.All(id => answer.Rejected.Any(d => d.Id == id)))
            {
                ClientLog.Verbose($"API variant: the tenant takes several device ids in one call as {Describe(candidate)}; batches are sent that way.");
                return candidate;
            }
        }

        ClientLog.Verbose("API variant: the tenant read neither repeated nor comma-separated device ids; devices are reassigned one per call.");
        return MultiIdEncoding.OnePerCall;
    }

    private static string Describe(MultiIdEncoding encoding)
        => encoding == MultiIdEncoding.Repeated ? "repeated parameters (deviceIds=1&deviceIds=2)" : "one comma-separated parameter (deviceIds=1,2)";

    private async Task<ReassignmentResponse> SendUpdateAccountAsync(long accountId, IReadOnlyCollection<long> deviceIds, MultiIdEncoding encoding,
        string? operation, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new KeyValuePair<string, string>("accountId", accountId.ToString(CultureInfo.InvariantCulture)),
        };
        IEnumerable<string> ids = deviceIds.Select(id => id.ToString(CultureInfo.InvariantCulture));
        if (encoding == MultiIdEncoding.CommaSeparated)
        {
            form.Add(new KeyValuePair<string, string>("deviceIds", string.Join(",", ids)));
        }
        else
        {
            form.AddRange(ids.Select(id => new KeyValuePair<string, string>("deviceIds", id)));
        }

        JsonElement result = await _client.SendFormAsync<JsonElement>(HttpMethod.Put, "api/v1/device/updateAccount", null, form,
            idempotent: false, operation ?? $"assigning {deviceIds.Count} device(s) to account {accountId}", cancellationToken).ConfigureAwait(false);
        return ReassignmentResponse.Parse(result);
    }

    private static QueryBuilder Query(long spaceId, string? text, string? filter)
        => new QueryBuilder().Add("dmPartitionId", spaceId).Add("q", text ?? string.Empty).Add("fq", filter ?? string.Empty);
}

/// <summary>What updateAccount said: which devices it refused, or (older tenants) a bare success flag.</summary>
internal sealed class ReassignmentResponse
{
    internal ReassignmentResponse(bool accepted, IReadOnlyList<DeviceRecord> rejected)
    {
        Accepted = accepted;
        Rejected = rejected;
    }

    /// <summary>False only for the older "result: 0" answer: nothing was reassigned.</summary>
    public bool Accepted { get; }

    public IReadOnlyList<DeviceRecord> Rejected { get; }

    internal static ReassignmentResponse Parse(JsonElement result)
    {
        switch (result.ValueKind)
        {
            case JsonValueKind.Number:
                return new ReassignmentResponse(result.GetInt32() == 1, Array.Empty<DeviceRecord>());
            case JsonValueKind.Object:
                SearchPage<DeviceRecord>? page = result.Deserialize<SearchPage<DeviceRecord>>(Json.Options);
                return new ReassignmentResponse(true, (IReadOnlyList<DeviceRecord>?)page?.SearchResults ?? Array.Empty<DeviceRecord>());
            default:
                return new ReassignmentResponse(true, Array.Empty<DeviceRecord>());
        }
    }
}
