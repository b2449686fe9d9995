namespace BulkEnroll.Neurons.Records;

/// <summary><c>GET /api/v1/metadata/tenant</c>; the field name is known from public code only (docs/reference/ivanti-api.md#tenant-metadata).</summary>
internal sealed class TenantMetadataRecord
{
    public long? DefaultDmPartitionId { get; set; }
}
