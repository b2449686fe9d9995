namespace BulkEnroll.Sandbox.Tenant;

/// <summary>An enrollment refused because the enrolling user already has the tenant's maximum of active devices.</summary>
public sealed class DeviceLimitReachedException(string uid, int owned, int limit)
    : InvalidOperationException($"{uid} already has {owned} active device(s); the tenant allows {limit} per user.")
{
    public int Limit { get; } = limit;
}
