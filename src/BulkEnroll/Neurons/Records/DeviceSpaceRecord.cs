namespace BulkEnroll.Neurons.Records;

/// <summary>A device space (partition) from <c>GET /api/v1/tenant/partition/device</c>.</summary>
internal sealed class DeviceSpaceRecord
{
    public long Id { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public bool DefaultPartition { get; set; }

    public int? Priority { get; set; }

    public string? DomainRule { get; set; }

    public long? DeviceCount { get; set; }
}
