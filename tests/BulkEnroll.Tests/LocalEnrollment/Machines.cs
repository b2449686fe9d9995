using BulkEnroll.Tests.Hosting;
namespace BulkEnroll.Tests.LocalEnrollment;

/// <summary>
/// Registries shaped like real PCs. The layout (GUID keys beside Windows' own Context/Ownership/Status/ValidNodePaths
/// keys and the all-F placeholder; UPN, ProviderID, DiscoveryServiceFullURL, EnrollmentType, EnrollmentState,
/// AADTenantID; the OMA-DM account's Protected\AddrInfo\Addr) follows what public admin scripts read. The Ivanti
/// values (ProviderID, discovery and server URLs, EnrollmentType of a package enrollment) are assumptions for the
/// tests; the ProviderID is deliberately neutral so the host alone has to identify Ivanti.
/// </summary>
internal static class Machines
{
    public const string Enrollments = @"SOFTWARE\Microsoft\Enrollments";
    public const string Accounts = @"SOFTWARE\Microsoft\Provisioning\OMADM\Accounts";

    public const string IvantiId = "3F2B8C1D-5A6E-4B7F-9C0D-1E2F3A4B5C6D";
    public const string IntuneId = "9A8B7C6D-5E4F-4A3B-8C2D-1E0F9A8B7C6D";
    public const string AadJoinId = "C0FFEE00-1234-4ABC-9DEF-0123456789AB";
    public const string DeviceRegistrationId = "11111111-2222-4333-8444-555555555555";
    public const string PlaceholderId = "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF";

    public const string GenericUpn = "windows-bulkenroll-site-paris@contoso.com";
    public const string RealUpn = "adele.vance@contoso.com";
    public const string IvantiDiscovery = "https://login.mobileiron.com/EnrollmentServer/Discovery.svc";
    public const string IvantiServer = "https://na1.mobileiron.com/mdm/windows/omadm";
    public const string IntuneDiscovery = "https://enrollment.manage.microsoft.com/enrollmentserver/discovery.svc";
    public const string IntuneServer = "https://r.manage.microsoft.com/devicegatewayproxy/cimhandler.ashx";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    /// <summary>Windows' own subkeys and the placeholder every enrolled PC has.</summary>
    public static InMemoryRegistry WindowsBookkeeping(this InMemoryRegistry registry) => registry
        .Key(Enrollments + @"\Context")
        .Key(Enrollments + @"\Ownership", ("CorpOwned", 1))
        .Key(Enrollments + @"\Status")
        .Key(Enrollments + @"\ValidNodePaths")
        .Key(Enrollments + @"\" + PlaceholderId, ("EnrollmentState", 1), ("EnrollmentType", 0), ("IsFederated", 0));

    /// <summary>A PC that applied our package: enrolled in Ivanti under the generic user.</summary>
    public static InMemoryRegistry IvantiBulkEnrollment(this InMemoryRegistry registry, int state = 1) => registry
        .Key(Enrollments + @"\" + IvantiId,
            ("UPN", GenericUpn),
            ("ProviderID", "EnterpriseMDM"),
            ("DiscoveryServiceFullURL", IvantiDiscovery),
            ("EnrollmentType", 6),
            ("EnrollmentState", state))
        .Key(Accounts + @"\" + IvantiId + @"\Protected\AddrInfo", ("Addr", IvantiServer));

    /// <summary>An Azure AD joined PC enrolled in Intune by its real user: the MDM enrollment and the join record.</summary>
    public static InMemoryRegistry IntuneUserEnrollment(this InMemoryRegistry registry) => registry
        .Key(Enrollments + @"\" + IntuneId,
            ("UPN", RealUpn),
            ("ProviderID", "MS DM Server"),
            ("DiscoveryServiceFullURL", IntuneDiscovery),
            ("AADTenantID", TenantId),
            ("EnrollmentType", 6),
            ("EnrollmentState", 1))
        .Key(Accounts + @"\" + IntuneId + @"\Protected\AddrInfo", ("Addr", IntuneServer))
        .Key(Enrollments + @"\" + AadJoinId,
            ("UPN", RealUpn),
            ("AADTenantID", TenantId),
            ("EnrollmentType", 13),
            ("EnrollmentState", 1));

    /// <summary>A non-MDM entry: no UPN, no provider, no discovery URL.</summary>
    public static InMemoryRegistry DeviceRegistration(this InMemoryRegistry registry) => registry
        .Key(Enrollments + @"\" + DeviceRegistrationId, ("EnrollmentState", 1), ("EnrollmentType", 1));

    public static InMemoryRegistry BulkEnrolledPc() => new InMemoryRegistry().WindowsBookkeeping().IvantiBulkEnrollment().DeviceRegistration();

    public static InMemoryRegistry IntunePc() => new InMemoryRegistry().WindowsBookkeeping().IntuneUserEnrollment().DeviceRegistration();

    /// <summary>Both: a PC moving from Intune to Ivanti, or co-managed.</summary>
    public static InMemoryRegistry MixedPc() => new InMemoryRegistry().WindowsBookkeeping().IvantiBulkEnrollment().IntuneUserEnrollment().DeviceRegistration();

    /// <summary>A fresh PC: the Enrollments key holds only Windows' own entries.</summary>
    public static InMemoryRegistry NeverEnrolledPc() => new InMemoryRegistry().WindowsBookkeeping();

    /// <summary>No Enrollments key at all.</summary>
    public static InMemoryRegistry EmptyRegistry() => new InMemoryRegistry().Key(@"SOFTWARE\Microsoft");
}
