using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons.Records;

namespace BulkEnroll.Neurons;

/// <summary>Tenant-wide calls: device spaces and tenant metadata (docs/reference/ivanti-api.md#device-spaces, #tenant-metadata).</summary>
internal sealed class TenantApi
{
    private readonly NeuronsClient _client;

    public TenantApi(NeuronsClient client) => _client = client;

    public async Task<IReadOnlyList<DeviceSpaceRecord>> GetDeviceSpacesAsync(CancellationToken cancellationToken)
    {
        SearchPage<DeviceSpaceRecord> page = await _client.GetAsync<SearchPage<DeviceSpaceRecord>>(
            "api/v1/tenant/partition/device", null, "listing device spaces", cancellationToken).ConfigureAwait(false);
        return page.SearchResults ?? new List<DeviceSpaceRecord>();
    }

    public Task<TenantMetadataRecord> GetMetadataAsync(CancellationToken cancellationToken)
        => _client.GetAsync<TenantMetadataRecord>("api/v1/metadata/tenant", null, "reading tenant metadata", cancellationToken);
}
