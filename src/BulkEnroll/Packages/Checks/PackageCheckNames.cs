namespace BulkEnroll.Packages.Checks;

/// <summary>The stable names of Test-BulkEnrollPackage's checks; Pester tests match on them, so never rename one.</summary>
internal static class PackageCheckNames
{
    public const string Structure = "Structure";
    public const string DeviceNameTemplate = "DeviceNameTemplate";
    public const string UpnPrefix = "UpnPrefix";
    public const string HideOobeWithoutAccount = "HideOobeWithoutAccount";
    public const string Network = "Network";
    public const string LocalAdminPassword = "LocalAdminPassword";
    public const string UpnExistsInTenant = "UpnExistsInTenant";
    public const string Discovery = "Discovery";

    /// <summary>In the order results are returned.</summary>
    public static readonly string[] All =
    {
        Structure, DeviceNameTemplate, UpnPrefix, HideOobeWithoutAccount, Network, LocalAdminPassword, UpnExistsInTenant, Discovery,
    };
}
