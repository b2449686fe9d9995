namespace BulkEnroll.LocalEnrollment;

/// <summary>
/// Where Windows records MDM enrollments (relative to HKLM). Windows names each enrollment with a GUID and uses the
/// same GUID for the enrollment's OMA-DM account, so the server address is found by the enrollment id.
/// </summary>
internal static class EnrollmentRegistryPaths
{
    public const string Enrollments = @"SOFTWARE\Microsoft\Enrollments";

    public const string OmaDmAccounts = @"SOFTWARE\Microsoft\Provisioning\OMADM\Accounts";

    /// <summary>Under an OMA-DM account: the management server address, in the <c>Addr</c> value.</summary>
    public const string AddressInfo = @"Protected\AddrInfo";

    public const string UpnValue = "UPN";
    public const string DiscoveryUrlValue = "DiscoveryServiceFullURL";
    public const string ProviderIdValue = "ProviderID";
    public const string EnrollmentTypeValue = "EnrollmentType";
    public const string EnrollmentStateValue = "EnrollmentState";
    public const string AadTenantIdValue = "AADTenantID";
    public const string ServerAddressValue = "Addr";

    public static string Display(string path) => @"HKLM\" + path;
}
