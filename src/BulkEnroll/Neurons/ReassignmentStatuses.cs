using System;

namespace BulkEnroll.Neurons;

/// <summary>
/// The device's "Last Reassignment Status" in one spelling (docs/reference/ivanti-api.md#reassignment-status). The API
/// text says INITIATED, SUCCESS, FAILED; the admin portal shows Initiated, Success, Failed and Pending. Every
/// spelling is read here and turned upper-case, so the rest of the module compares constants only.
/// </summary>
internal static class ReassignmentStatuses
{
    public const string Pending = "PENDING";
    public const string Initiated = "INITIATED";
    public const string Success = "SUCCESS";
    public const string Failed = "FAILED";

    /// <summary>Upper-case and trimmed; null for absent or empty.</summary>
    public static string? Normalize(string? raw)
        => string.IsNullOrWhiteSpace(raw) ? null : raw!.Trim().ToUpperInvariant();

    /// <summary>The tenant has not finished the reassignment: Pending (queued) or Initiated (running).</summary>
    public static bool IsInProgress(string? status)
        => string.Equals(status, Initiated, StringComparison.OrdinalIgnoreCase) || string.Equals(status, Pending, StringComparison.OrdinalIgnoreCase);

    public static bool IsFailed(string? status) => string.Equals(status, Failed, StringComparison.OrdinalIgnoreCase);
}
