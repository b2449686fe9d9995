using System;
using System.Management.Automation;

namespace BulkEnroll;

/// <summary>
/// A generic <c>windows-bulkenroll*</c> account. <see cref="Credential"/> is set only on users this session
/// created (the password is not readable back from the tenant) and pipes into New-BulkEnrollPackage.
/// </summary>
public sealed class BulkEnrollUser
{
    internal BulkEnrollUser(long id, string userPrincipalName, string? displayName, DateTime? createdAt, long? enrolledDeviceCount, PSCredential? credential)
    {
        Id = id;
        UserPrincipalName = userPrincipalName;
        DisplayName = displayName;
        CreatedAt = createdAt;
        EnrolledDeviceCount = enrolledDeviceCount;
        Credential = credential;
    }

    public long Id { get; }

    public string UserPrincipalName { get; }

    public string? DisplayName { get; }

    public DateTime? CreatedAt { get; }

    /// <summary>Devices this account enrolled (assigned onwards or not); null when not counted.</summary>
    public long? EnrolledDeviceCount { get; }

    /// <summary>UPN and password of a user created here; null for users read from the tenant.</summary>
    public PSCredential? Credential { get; }

    public override string ToString() => UserPrincipalName;
}
