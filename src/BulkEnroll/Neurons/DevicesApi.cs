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

    private readonly NeuronsClient _client;

    public DevicesApi(NeuronsClient client) => _client = client;

    public IAsyncEnumerable<DeviceRecord> SearchAsync(long spaceId, string? filter, int parallelPages, CancellationToken cancellationToken)
        => _client.SearchAsync<DeviceRecord>(DevicePath, Query(spaceId, null, filter).SortBy("id"), parallelPages, "listing devices", cancellationToken);

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
    /// Several ids are sent comma-separated in one field [I]. Not retried when the outcome is unknown: the
    /// caller reads the devices back instead, so a device is never reassigned twice.
    /// </summary>
    public async Task<ReassignmentResponse> UpdateAccountAsync(long accountId, IReadOnlyCollection<long> deviceIds, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new KeyValuePair<string, string>("accountId", accountId.ToString(CultureInfo.InvariantCulture)),
            new KeyValuePair<string, string>("deviceIds", string.Join(",", deviceIds.Select(id => id.ToString(CultureInfo.InvariantCulture)))),
        };
        JsonElement result = await _client.SendFormAsync<JsonElement>(HttpMethod.Put, "api/v1/device/updateAccount", null, form,
            idempotent: false, $"assigning {deviceIds.Count} device(s) to account {accountId}", cancellationToken).ConfigureAwait(false);
        return ReassignmentResponse.Parse(result);
    }

    private static QueryBuilder Query(long spaceId, string? text, string? filter)
        => new QueryBuilder().Add("dmPartitionId", spaceId).Add("q", text ?? string.Empty).Add("fq", filter ?? string.Empty);
}

/// <summary>What updateAccount said: which devices it refused, or (older tenants) a bare success flag.</summary>
internal sealed class ReassignmentResponse
{
    private ReassignmentResponse(bool accepted, IReadOnlyList<DeviceRecord> rejected)
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
