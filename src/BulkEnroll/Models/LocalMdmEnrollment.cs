
namespace BulkEnroll;

/// <summary>
/// One enrollment Windows recorded on this PC (HKLM\SOFTWARE\Microsoft\Enrollments\&lt;EnrollmentId&gt;), as
/// Get-BulkEnrollLocalEnrollment reads it. Holds nothing secret: the key has no passwords or certificates, and
/// only the values below are read. The flags (IsEnrolled, IsGenericUser, IsMdm, IsIvanti, EnrollmentType) are
/// worked out from those values, so they always agree with them.
/// </summary>
public sealed class LocalMdmEnrollment
{
    /// <summary>The enrollment's GUID, as the registry key is named (also the OMA-DM account and the
    /// \Microsoft\Windows\EnterpriseMgmt\&lt;id&gt; scheduled-task folder).</summary>
    public string EnrollmentId { get; internal set; } = string.Empty;

    /// <summary>The account the PC enrolled with (value UPN). For a bulk enrollment, the generic user: assigning
    /// the device to its real user later happens in the tenant and is not expected to change it here.</summary>
    public string? UserPrincipalName { get; internal set; }

    /// <summary>The UPN starts with <c>windows-bulkenroll</c>, the generic users Ivanti requires for bulk enrollment.</summary>
    public bool IsGenericUser => GenericUser.IsGeneric(UserPrincipalName);

    /// <summary>Value DiscoveryServiceFullURL: where the PC discovered its MDM service.</summary>
    public string? DiscoveryServiceUrl { get; internal set; }

    /// <summary>Value ProviderID: the MDM server's provider id ("MS DM Server" for Intune).</summary>
    public string? ProviderId { get; internal set; }

    /// <summary>Name of <see cref="EnrollmentTypeNumber"/>: MdmEnrolled (6), AzureADJoined (13) or Other; null when absent.</summary>
    public string? EnrollmentType { get; internal set; }

    /// <summary>Value EnrollmentType as Windows wrote it; not documented by Microsoft.</summary>
    public int? EnrollmentTypeNumber { get; internal set; }

    /// <summary>Value EnrollmentState; 1 means enrolled.</summary>
    public int? EnrollmentState { get; internal set; }

    /// <summary>EnrollmentState is 1.</summary>
    public bool IsEnrolled => EnrollmentState == 1;

    /// <summary>The management (OMA-DM) server address from the enrollment's OMA-DM account, when readable.</summary>
    public string? ServerAddress { get; internal set; }

    /// <summary>Value AADTenantID, present on enrollments tied to Azure AD / Entra ID.</summary>
    public string? AadTenantId { get; internal set; }

    /// <summary>An MDM enrollment: it has a ProviderID or a discovery URL. Every OMA-DM enrollment carries its server's
    /// ProviderID, and only an MDM enrollment (even one that failed half-way) records a discovery URL; other entries
    /// (bookkeeping, placeholders, device registrations) are returned only with -IncludeNonMdm.</summary>
    public bool IsMdm => ProviderId != null || DiscoveryServiceUrl != null;

    /// <summary>Looks like an Ivanti Neurons for MDM enrollment: discovery or server host on mobileiron.com or
    /// ivanti.com, or a ProviderID naming MobileIron/Ivanti. A heuristic: examples/Remediation/README.md says what it rests on.</summary>
    public bool IsIvanti { get; internal set; }

    public override string ToString() => UserPrincipalName ?? EnrollmentId;
}
