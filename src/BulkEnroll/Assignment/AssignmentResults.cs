namespace BulkEnroll.Assignment;

internal static class AssignmentResults
{
    /// <summary>The result object for one request, with whatever is known of the device and the target user.</summary>
    public static DeviceAssignmentResult For(AssignmentRequest request, AssignmentCandidate? device, DeviceAssignmentStatus status, string message, Neurons.Records.AccountRecord? target = null)
        => new DeviceAssignmentResult
        {
            DeviceId = device?.Id ?? request.Device?.Id ?? request.Id,
            DeviceName = device?.Name ?? request.Device?.Name ?? request.Name,
            SerialNumber = device?.SerialNumber ?? request.Device?.SerialNumber ?? request.SerialNumber,
            PreviousUser = device?.OwnerUpn ?? device?.EnrolledBy,
            UserPrincipalName = target?.PrincipalName ?? request.UserPrincipalName,
            Status = status,
            Message = message,
        };
}
