namespace BulkEnroll;

public enum TenantCheckStatus
{
    /// <summary>The tenant behaves as the module assumes.</summary>
    Passed,

    /// <summary>The tenant answered otherwise: the feature named in ModuleAction will not work as documented.</summary>
    Failed,

    /// <summary>The tenant's answer does not settle it (e.g. no generic user or device yet to look at).</summary>
    Unknown,
}

/// <summary>
/// One assumption of the module about the tenant's API, checked by Test-BulkEnrollTenant with read-only calls.
/// <see cref="Check"/> names are stable, for Pester and scripts.
/// </summary>
public sealed class TenantCheckResult
{
    /// <summary>Authentication, DeviceSpace, PagingEnvelope, GenericUserSearch, RowsLimit, FilterByUid, UserLookup,
    /// FilterByEnroller, FilterByRegistrationState, DeviceFields, SerialNumberSource, FilterBySerialNumber,
    /// ReassignmentStatusField, AssignmentEndpoint or RateLimitHeaders.</summary>
    public string Check { get; internal set; } = string.Empty;

    public TenantCheckStatus Result { get; internal set; }

    /// <summary>The requests sent, method and path with the query as it went on the wire (never credentials).</summary>
    public string Sent { get; internal set; } = string.Empty;

    /// <summary>What came back, in short: status codes, counts, the fields that matter.</summary>
    public string Received { get; internal set; } = string.Empty;

    /// <summary>What the module does about it: how it uses the behaviour, or what breaks and what to do.</summary>
    public string ModuleAction { get; internal set; } = string.Empty;

    public override string ToString() => $"{Check}: {Result}";
}
