using System.Security;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// MDM enrollment by a generic bulk-enrollment user (Workplace › Enrollments › UPN).
/// </summary>
internal sealed class EnrollmentDefinition
{
    public EnrollmentDefinition(string upn, SecureString secret, string discoveryServiceFullUrl)
    {
        Upn = upn;
        Secret = secret;
        DiscoveryServiceFullUrl = discoveryServiceFullUrl;
    }

    public string Upn { get; set; }

    /// <summary>The generic user's password.</summary>
    public SecureString Secret { get; set; }

    public string DiscoveryServiceFullUrl { get; set; }

    public EnrollmentAuthPolicy AuthPolicy { get; set; } = EnrollmentAuthPolicy.OnPremise;

    /// <summary>Normally left empty: the discovery response names the policy service.</summary>
    public string? PolicyServiceFullUrl { get; set; }

    /// <summary>Normally left empty: the discovery response names the enrollment service.</summary>
    public string? EnrollmentServiceFullUrl { get; set; }

    public override string ToString() => Upn;
}
