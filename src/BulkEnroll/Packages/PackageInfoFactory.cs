using System.Linq;
using BulkEnroll.Packaging;
using BulkEnroll.Packaging.Payload;
using BulkEnroll.Packaging.Secrets;

namespace BulkEnroll.Packages;

/// <summary>The public view of a package read from disk: identity and settings, secrets reduced to "present or not".</summary>
internal static class PackageInfoFactory
{
    public static BulkEnrollPackageInfo From(PackageFileContent content)
    {
        PackageDefinition definition = content.Definition;
        EnrollmentDefinition? enrollment = definition.Enrollment;
        WifiDefinition? wifi = definition.Wifi;
        LocalAccountDefinition? account = definition.LocalAccount;
        return new BulkEnrollPackageInfo
        {
            Path = content.Path,
            Kind = content.IsProject ? "Project" : "Package",
            PackageId = definition.PackageId,
            Name = definition.Name,
            Version = definition.Version,
            OwnerType = SettingDisplayText.Of(definition.OwnerType),
            Rank = definition.Rank,
            Altitude = AltitudeOf(content),
            Notes = content.ImageProperty(PackageImageProperties.Notes),
            SettingsSource = content.Settings.Source.ToString(),
            UserPrincipalName = enrollment?.Upn,
            DiscoveryServiceUrl = enrollment?.DiscoveryServiceFullUrl,
            AuthPolicy = enrollment is null ? null : SettingDisplayText.Of(enrollment.AuthPolicy),
            EnrollmentServiceUrl = enrollment?.EnrollmentServiceFullUrl,
            PolicyServiceUrl = enrollment?.PolicyServiceFullUrl,
            HasEnrollmentSecret = enrollment != null && !SecretText.IsNullOrEmpty(enrollment.Secret),
            DeviceNameTemplate = definition.ComputerNameTemplate,
            WifiSsid = wifi?.Ssid,
            WifiSecurity = wifi is null ? null : SettingDisplayText.Of(wifi.Security),
            WifiHidden = wifi?.Hidden,
            HasWifiKey = wifi != null && !SecretText.IsNullOrEmpty(wifi.Key),
            LocalAdminUserName = account?.UserName,
            HasLocalAdminPassword = account != null && !SecretText.IsNullOrEmpty(account.Password),
            HideOobe = definition.HideOobe,
            OtherSettings = content.Settings.OtherSettings.Select(s => s.ToString()).ToList(),
            Discrepancies = content.Settings.Discrepancies.ToList(),
            Size = content.Size,
            Sha256 = content.Sha256,
        };
    }

    /// <summary>The image's own ALTITUDE when it has a valid one, otherwise what owner type and rank give.</summary>
    private static int AltitudeOf(PackageFileContent content)
    {
        string? stored = content.ImageProperty(PackageImageProperties.Altitude);
        if (stored != null && int.TryParse(stored, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int altitude))
        {
            return altitude;
        }

        PackageDefinition definition = content.Definition;
        bool valid = definition.Rank >= 0 && definition.Rank <= PackageDefinitionValidator.MaxRank;
        return valid ? PackageAltitude.Of(definition.OwnerType, definition.Rank) : 0;
    }
}
