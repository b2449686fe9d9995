using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons;

namespace BulkEnroll.Connection.Conformance;

/// <summary>
/// The read-only calls of one Test-BulkEnrollTenant run, sent through <see cref="NeuronsClient.ProbeAsync"/> with the
/// module's own query and filter encoding, and the answers seen so far (for the rate-limit check at the end).
/// </summary>
internal sealed class TenantProbe
{
    private readonly NeuronsClient _client;
    private readonly CancellationToken _cancellationToken;
    private readonly List<ProbeResponse> _seen = new List<ProbeResponse>();

    public TenantProbe(BulkEnrollConnection connection, CancellationToken cancellationToken)
    {
        _client = connection.Client;
        SpaceId = connection.DeviceSpaceId;
        SpaceName = connection.DeviceSpaceName;
        _cancellationToken = cancellationToken;
    }

    public long SpaceId { get; }

    public string SpaceName { get; }

    public IReadOnlyList<ProbeResponse> Seen => _seen;

    public Task<ProbeResponse> GetAsync(string path, QueryBuilder? query = null, bool authenticate = true)
        => SendAsync(HttpMethod.Get, path, query, null, authenticate);

    /// <summary>A device list page the way the module asks for one: space, q, fq, sorted by id, rows and start.</summary>
    public Task<ProbeResponse> DevicesAsync(string? filter, int rows, long start = 0, string? text = null)
        => GetAsync("api/v1/device", new QueryBuilder().Add("dmPartitionId", SpaceId).Add("q", text ?? string.Empty).Add("fq", filter ?? string.Empty)
            .SortBy("id").Add("rows", rows).Add("start", start));

    public Task<ProbeResponse> AccountsAsync(string? text, string? filter, int rows)
    {
        var query = new QueryBuilder();
        if (text != null)
        {
            query.Add("q", text).SortBy("id");
        }

        if (filter != null)
        {
            query.Add("fq", filter);
        }

        return GetAsync("api/v1/account", query.Add("rows", rows).Add("start", 0));
    }

    public Task<ProbeResponse> DeviceAsync(long deviceId, string? part = null)
        => GetAsync("api/v1/device/" + deviceId.ToString(CultureInfo.InvariantCulture) + (part == null ? string.Empty : "/" + part),
            new QueryBuilder().Add("dmPartitionId", SpaceId));

    public async Task<ProbeResponse> SendAsync(HttpMethod method, string path, QueryBuilder? query,
        IReadOnlyList<KeyValuePair<string, string>>? form, bool authenticate = true)
    {
        ProbeResponse response = await _client.ProbeAsync(method, path, query, form, authenticate, _cancellationToken).ConfigureAwait(false);
        lock (_seen)
        {
            _seen.Add(response);
        }

        return response;
    }

    public static string Field(JsonElement row, string name) => ProbeResponse.Text(row, name);

    public static bool Has(JsonElement row, string name)
        => row.ValueKind == JsonValueKind.Object && row.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null;

    public static long? Long(JsonElement row, string name)
        => row.ValueKind == JsonValueKind.Object && row.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetInt64(out long number) ? number : null;

    public static string Count(ProbeResponse response)
        => response.Rows is { } rows
            ? $"{response.Status}, {rows.Count} row(s) of totalCount {response.TotalCount?.ToString(CultureInfo.InvariantCulture) ?? "(missing)"}"
            : response.Status + (response.StatusCode is >= 200 and < 300 ? ", not a list envelope" : string.Empty);

    public static string Lines(params ProbeResponse[] responses) => string.Join("; ", responses.Select(r => r.Sent));

    public static bool Equal(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
