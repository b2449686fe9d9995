namespace BulkEnroll;

/// <summary>A device space of the tenant (the API's dmPartitionId); every device call is scoped to one.</summary>
public sealed class DeviceSpace
{
    public DeviceSpace(long id, string name, string? description, bool isDefault, int? priority, long? deviceCount, string? domainRule)
    {
        Id = id;
        Name = name;
        Description = description;
        IsDefault = isDefault;
        Priority = priority;
        DeviceCount = deviceCount;
        DomainRule = domainRule;
    }

    public long Id { get; }

    public string Name { get; }

    public string? Description { get; }

    public bool IsDefault { get; }

    public int? Priority { get; }

    public long? DeviceCount { get; }

    public string? DomainRule { get; }

    public override string ToString() => Name;

    internal static DeviceSpace FromRecord(Neurons.Records.DeviceSpaceRecord record)
        => new DeviceSpace(record.Id, string.IsNullOrEmpty(record.Name) ? record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : record.Name!,
            record.Description, record.DefaultPartition, record.Priority, record.DeviceCount, record.DomainRule);
}
