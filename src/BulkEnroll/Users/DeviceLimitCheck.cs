using System;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons.Records;

namespace BulkEnroll.Users;

/// <summary>
/// The tenant caps the active devices per user (docs/reference/ivanti-api.md, per-user device limit), and a generic
/// user enrolls every PC of its package, so it can reach the cap and the next PCs fail to enroll. The API documents
/// no way to read the cap: the admin gives it (-DeviceLimit), and this compares it with the devices registered to
/// the user (one request per device space).
/// </summary>
internal static class DeviceLimitCheck
{
    /// <summary>From this share of the cap on, the user is "near" it.</summary>
    public const double NearShare = 0.9;

    /// <summary>A warning when the user is near or at <paramref name="limit"/>; null when it has room.</summary>
    public static async Task<string?> WarningAsync(BulkEnrollConnection connection, AccountRecord account, int limit, CancellationToken cancellationToken)
    {
        RegisteredDevices devices = await RegisteredDevices.FindAsync(connection, account, cancellationToken).ConfigureAwait(false);
        string upn = account.PrincipalName;
        if (devices.Count >= limit)
        {
            return $"'{upn}' already has {devices.Count} active device(s) registered to it, the tenant's limit of {limit} per user: "
                + "PCs that enroll as this user will be refused until its devices are assigned to their users (Set-DeviceAssignment) or the limit is raised.";
        }

        if (devices.Count >= Math.Ceiling(limit * NearShare))
        {
            return $"'{upn}' has {devices.Count} active device(s) registered to it, near the tenant's limit of {limit} per user: "
                + $"only {limit - devices.Count} more PC(s) can enroll as this user until its devices are assigned to their users (Set-DeviceAssignment).";
        }

        return null;
    }

    /// <summary>
    /// What an admin building or testing packages is told about <paramref name="upn"/>: the warning of
    /// <see cref="WarningAsync"/>, or why the devices could not be counted. Counting is advice, so a failure is a
    /// warning too, never an error. The account is looked up unless the caller has it already; an unknown user gets none.
    /// </summary>
    public static async Task<string?> AdviceAsync(BulkEnrollConnection connection, string upn, AccountRecord? account, int limit, CancellationToken cancellationToken)
    {
        try
        {
            account ??= await connection.Accounts.FindByUidAsync(upn, cancellationToken).ConfigureAwait(false);
            return account is null ? null : await WarningAsync(connection, account, limit, cancellationToken).ConfigureAwait(false);
        }
        catch (BulkEnrollException e)
        {
            return $"Could not count the devices of '{upn}' against -DeviceLimit {limit}: [{e.ErrorId}] {e.Message}";
        }
    }
}
