namespace BulkEnroll.Assignment;

/// <summary>One line of work for Set-DeviceAssignment: which device (however it was named) goes to whom.</summary>
internal sealed class AssignmentRequest
{
    public AssignmentRequest(object? source, BulkEnrolledDevice? device, long? id, string? serialNumber, string? name, string userPrincipalName)
    {
        Source = source;
        Device = device;
        Id = id;
        SerialNumber = string.IsNullOrWhiteSpace(serialNumber) ? null : serialNumber!.Trim();
        Name = string.IsNullOrWhiteSpace(name) ? null : name!.Trim();
        UserPrincipalName = userPrincipalName.Trim();
    }

    /// <summary>What the user piped in (a device, a CSV row): the TargetObject of any error about it.</summary>
    public object? Source { get; }

    public BulkEnrolledDevice? Device { get; }

    public long? Id { get; }

    public string? SerialNumber { get; }

    public string? Name { get; }

    public string UserPrincipalName { get; }

    public string Describe()
        => Device?.Name ?? Name ?? SerialNumber ?? (Id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(no device)");
}
