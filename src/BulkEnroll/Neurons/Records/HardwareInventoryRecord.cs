namespace BulkEnroll.Neurons.Records;

/// <summary><c>GET /api/v1/device/{id}/hardwareinventory</c>: where a Windows device's serial number lives.</summary>
internal sealed class HardwareInventoryRecord
{
    public ComputerSystemProductRecord? ComputerSystemProduct { get; set; }
}

internal sealed class ComputerSystemProductRecord
{
    public string? IdentifyingNumber { get; set; }

    public string? Name { get; set; }

    public string? Vendor { get; set; }
}
