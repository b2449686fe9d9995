using System.Collections.Generic;

namespace BulkEnroll;

/// <summary>
/// What one Set-DeviceAssignment -Summary run did, counted per status: the line a nightly task logs ("how many
/// are left") and the figure its exit code comes from (Failed).
/// </summary>
public sealed class DeviceAssignmentSummary
{
    /// <summary>Rows and devices received.</summary>
    public int Total { get; internal set; }

    public int Assigned { get; internal set; }

    public int AlreadyAssigned { get; internal set; }

    public int Initiated { get; internal set; }

    public int NotEnrolledYet { get; internal set; }

    public int Failed { get; internal set; }

    public int Skipped { get; internal set; }

    /// <summary>Rows a later run still has work for: not enrolled yet, failed, or (with -NoWait) not verified.</summary>
    public int Remaining => NotEnrolledYet + Failed + Initiated;

    /// <summary>True when every row is on its user: nothing is left for a later run.</summary>
    public bool IsComplete => Remaining == 0;

    /// <summary>The per-device results the summary counts, for a log or a closer look.</summary>
    public IReadOnlyList<DeviceAssignmentResult> Results { get; internal set; } = new List<DeviceAssignmentResult>();

    public override string ToString()
        => $"{Total} row(s): {Assigned} assigned, {AlreadyAssigned} already assigned, {Initiated} initiated, {NotEnrolledYet} not enrolled yet, {Failed} failed, {Skipped} skipped; {Remaining} left";
}
