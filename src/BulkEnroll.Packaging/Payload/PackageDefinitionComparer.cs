using System;
using System.Collections.Generic;
using System.Security;
using BulkEnroll.Packaging.Secrets;

namespace BulkEnroll.Packaging.Payload;

/// <summary>Names the fields in which two definitions differ; secrets are compared, never shown.</summary>
internal static class PackageDefinitionComparer
{
    private static readonly string[] PackageConfigFields =
    {
        nameof(PackageDefinition.PackageId), nameof(PackageDefinition.Name), nameof(PackageDefinition.Version),
        nameof(PackageDefinition.OwnerType), nameof(PackageDefinition.Rank),
    };

    public static IReadOnlyList<string> Differences(PackageDefinition a, PackageDefinition b, bool includePackageConfig) =>
        Differences(a, b, includePackageConfig ? PackageConfigFields : Array.Empty<string>());

    /// <param name="a">One definition.</param>
    /// <param name="b">The other.</param>
    /// <param name="packageConfigFields">The PackageConfig fields both sides really carry, e.g. those a package's image properties set.</param>
    public static IReadOnlyList<string> Differences(PackageDefinition a, PackageDefinition b, ICollection<string> packageConfigFields)
    {
        var differences = new List<string>();
        void Check(bool same, string field)
        {
            if (!same)
            {
                differences.Add(field);
            }
        }

        void CheckConfig(bool same, string field) => Check(same || !packageConfigFields.Contains(field), field);

        CheckConfig(a.PackageId == b.PackageId, nameof(PackageDefinition.PackageId));
        CheckConfig(a.Name == b.Name, nameof(PackageDefinition.Name));
        CheckConfig(a.Version == b.Version, nameof(PackageDefinition.Version));
        CheckConfig(a.OwnerType == b.OwnerType, nameof(PackageDefinition.OwnerType));
        CheckConfig(a.Rank == b.Rank, nameof(PackageDefinition.Rank));

        Check(a.ComputerNameTemplate == b.ComputerNameTemplate, nameof(PackageDefinition.ComputerNameTemplate));
        Check(a.HideOobe == b.HideOobe, nameof(PackageDefinition.HideOobe));

        Check((a.LocalAccount is null) == (b.LocalAccount is null), nameof(PackageDefinition.LocalAccount));
        if (a.LocalAccount != null && b.LocalAccount != null)
        {
            Check(a.LocalAccount.UserName == b.LocalAccount.UserName, "LocalAccount.UserName");
            Check(a.LocalAccount.Group == b.LocalAccount.Group, "LocalAccount.Group");
            Check(SameSecret(a.LocalAccount.Password, b.LocalAccount.Password), "LocalAccount.Password");
        }

        Check((a.Wifi is null) == (b.Wifi is null), nameof(PackageDefinition.Wifi));
        if (a.Wifi != null && b.Wifi != null)
        {
            Check(a.Wifi.Ssid == b.Wifi.Ssid, "Wifi.Ssid");
            Check(a.Wifi.Security == b.Wifi.Security, "Wifi.Security");
            Check(a.Wifi.Hidden == b.Wifi.Hidden, "Wifi.Hidden");
            Check(a.Wifi.AutoConnect == b.Wifi.AutoConnect, "Wifi.AutoConnect");
            Check(a.Wifi.Security == WifiSecurity.Open || SameSecret(a.Wifi.Key, b.Wifi.Key), "Wifi.Key");
        }

        Check((a.Enrollment is null) == (b.Enrollment is null), nameof(PackageDefinition.Enrollment));
        if (a.Enrollment != null && b.Enrollment != null)
        {
            Check(a.Enrollment.Upn == b.Enrollment.Upn, "Enrollment.Upn");
            Check(a.Enrollment.AuthPolicy == b.Enrollment.AuthPolicy, "Enrollment.AuthPolicy");
            Check(a.Enrollment.DiscoveryServiceFullUrl == b.Enrollment.DiscoveryServiceFullUrl, "Enrollment.DiscoveryServiceFullUrl");
            Check(a.Enrollment.PolicyServiceFullUrl == b.Enrollment.PolicyServiceFullUrl, "Enrollment.PolicyServiceFullUrl");
            Check(a.Enrollment.EnrollmentServiceFullUrl == b.Enrollment.EnrollmentServiceFullUrl, "Enrollment.EnrollmentServiceFullUrl");
            Check(SameSecret(a.Enrollment.Secret, b.Enrollment.Secret), "Enrollment.Secret");
        }

        return differences;
    }

    private static bool SameSecret(SecureString? a, SecureString? b)
    {
        if (SecretText.IsNullOrEmpty(a) || SecretText.IsNullOrEmpty(b))
        {
            return SecretText.IsNullOrEmpty(a) == SecretText.IsNullOrEmpty(b);
        }

        return string.Equals(SecretText.Reveal(a!), SecretText.Reveal(b!), StringComparison.Ordinal);
    }
}
