using System;
using System.Collections.Generic;
using System.Security;

namespace BulkEnroll.Provisioning.Payload;

/// <summary>Names the fields in which two definitions differ; secrets are compared, never shown.</summary>
internal static class PackageDefinitionComparer
{
    public static IReadOnlyList<string> Differences(PackageDefinition a, PackageDefinition b, bool includePackageConfig)
    {
        var differences = new List<string>();
        void Check(bool same, string field)
        {
            if (!same)
            {
                differences.Add(field);
            }
        }

        if (includePackageConfig)
        {
            Check(a.PackageId == b.PackageId, nameof(PackageDefinition.PackageId));
            Check(a.Name == b.Name, nameof(PackageDefinition.Name));
            Check(a.Version == b.Version, nameof(PackageDefinition.Version));
            Check(a.OwnerType == b.OwnerType, nameof(PackageDefinition.OwnerType));
            Check(a.Rank == b.Rank, nameof(PackageDefinition.Rank));
        }

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
