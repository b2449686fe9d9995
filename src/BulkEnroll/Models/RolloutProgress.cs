using System;

namespace BulkEnroll;

/// <summary>
/// How far the rollout of one generic <c>windows-bulkenroll*</c> user has gone, or of all of them (<see cref="IsTotal"/>).
/// Every device the user enrolled is counted in exactly one of Assigned, Waiting, InProgress, Failed and Retired,
/// so they add up to <see cref="Enrolled"/>.
/// </summary>
public sealed class RolloutProgress
{
    /// <summary>The generic user; null on the total row.</summary>
    public string? UserPrincipalName { get; internal set; }

    /// <summary>The row that sums every generic user the report covers.</summary>
    public bool IsTotal { get; internal set; }

    /// <summary>Devices the user enrolled, in any registration state.</summary>
    public long Enrolled { get; internal set; }

    /// <summary>ACTIVE devices now owned by a real user.</summary>
    public long Assigned { get; internal set; }

    /// <summary>ACTIVE devices still on the generic user with no reassignment started: the work left.</summary>
    public long Waiting { get; internal set; }

    /// <summary>ACTIVE devices whose reassignment the tenant is still carrying out (INITIATED or PENDING).</summary>
    public long InProgress { get; internal set; }

    /// <summary>ACTIVE devices still on the generic user whose last reassignment FAILED: to assign again.</summary>
    public long Failed { get; internal set; }

    /// <summary>Devices no longer ACTIVE (retire or wipe pending or done): out of the rollout.</summary>
    public long Retired { get; internal set; }

    /// <summary>Assigned as a share of the devices still ACTIVE, 0 to 100, one decimal; 0 when none is.</summary>
    public double PercentAssigned { get; internal set; }

    /// <summary>Registration time of the first and the last device enrolled; null when none has one.</summary>
    public DateTime? FirstEnrolledAt { get; internal set; }

    public DateTime? LastEnrolledAt { get; internal set; }

    public override string ToString() => IsTotal ? "Total" : UserPrincipalName ?? string.Empty;
}
