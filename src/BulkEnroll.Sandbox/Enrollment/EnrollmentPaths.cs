namespace BulkEnroll.Sandbox.Enrollment;

/// <summary>Where the sandbox serves the Windows enrollment services. Discovery answers at the bare base URL too,
/// because Ivanti documents the DiscoveryServiceFullUrl as just the host (https://login.mobileiron.com).</summary>
/// <remarks>[I] The policy, enrollment and OMA-DM paths of a real Ivanti tenant are not public; clients never need
/// to know them, since the discovery response names the first two and the provisioning document the third.</remarks>
public static class EnrollmentPaths
{
    public const string Discovery = "/EnrollmentServer/Discovery.svc";
    public const string Policy = "/EnrollmentServer/Policy.svc";
    public const string Enrollment = "/EnrollmentServer/Enrollment.svc";

    /// <summary>The OMA-DM address handed to enrolled devices; the sandbox does not serve OMA-DM.</summary>
    public const string OmaDm = "/omadm/WindowsMDM";
}
