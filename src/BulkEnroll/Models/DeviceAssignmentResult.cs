namespace BulkEnroll;

public enum DeviceAssignmentStatus
{
    /// <summary>The tenant reassigned the device and reading it back shows the new user.</summary>
    Assigned,

    /// <summary>The device already belonged to that user; nothing was sent.</summary>
    AlreadyAssigned,

    /// <summary>The tenant accepted the request; -NoWait returned before it completed.</summary>
    Initiated,

    Failed,

    /// <summary>
    /// The row names a device by serial number or name and the tenant has no such device yet: the PC has not
    /// enrolled. Not an error (unless -NotEnrolledAsError): a nightly run assigns it once it has enrolled.
    /// </summary>
    NotEnrolledYet,

    /// <summary>Not sent because the run already handles the same device (a duplicate row). Devices declined at
    /// -WhatIf or -Confirm produce no result at all, as PowerShell's convention is.</summary>
    Skipped,
}

/// <summary>What Set-DeviceAssignment did with one device.</summary>
public sealed class DeviceAssignmentResult
{
    public long? DeviceId { get; internal set; }

    public string? DeviceName { get; internal set; }

    public string? SerialNumber { get; internal set; }

    public string? PreviousUser { get; internal set; }

    public string? UserPrincipalName { get; internal set; }

    public DeviceAssignmentStatus Status { get; internal set; }

    public string? Message { get; internal set; }

    public override string ToString() => $"{DeviceName ?? SerialNumber ?? DeviceId?.ToString()} -> {UserPrincipalName}: {Status}";
}
