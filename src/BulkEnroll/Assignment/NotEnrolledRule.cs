namespace BulkEnroll.Assignment;

/// <summary>
/// Staged assignments (issue 18): the reseller's list (serial -> user) arrives before the PCs do, so a serial number
/// or name the tenant does not know yet is a PC that has not enrolled, not a mistake; the nightly re-run assigns it
/// once it has. A device id the tenant does not know stays an error: ids exist only once a PC has enrolled.
/// </summary>
internal static class NotEnrolledRule
{
    public static bool Applies(AssignmentRequest request, LocateResult located, AssignmentOptions options)
        => !options.NotEnrolledAsError
            && located.ErrorId == AssignmentFailure.DeviceNotFound
            && request.Device == null
            && request.Id == null
            && (request.SerialNumber != null || request.Name != null);

    public static DeviceAssignmentResult ResultFor(AssignmentRequest request, LocateResult located)
        => AssignmentResults.For(request, null, DeviceAssignmentStatus.NotEnrolledYet,
            $"{located.Message} Not enrolled yet: run again once the PC has enrolled (-NotEnrolledAsError makes this an error).");
}
