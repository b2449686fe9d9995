using System;
using System.Security;
using System.Text.Json.Serialization;
using BulkEnroll.Packaging.Payload;

namespace BulkEnroll.Packages;

/// <summary>
/// What New-BulkEnrollPackage was asked to build, saved beside the package so that the package can be rebuilt when
/// its generic user's password is rotated (Reset-BulkEnrollUserPassword -Path). It holds no secret: the generic
/// user's password is the new one when rebuilt, and the Wi-Fi key and the local administrator's password are given
/// again; the file says which of them the package needs.
/// </summary>
internal sealed class SavedPackageDefinition
{
    /// <summary>Written first in the file: a reader refuses a schema it does not know rather than guess.</summary>
    public const string CurrentSchema = "BulkEnroll.PackageDefinition/1";

    public string Schema { get; set; } = CurrentSchema;

    public string UserPrincipalName { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Version { get; set; } = "1.0";

    public string OwnerType { get; set; } = nameof(PackageOwnerType.ITAdmin);

    public int Rank { get; set; }

    public string? DeviceNameTemplate { get; set; }

    public string DiscoveryServiceUrl { get; set; } = string.Empty;

    public bool HideOobe { get; set; }

    public string? WifiSsid { get; set; }

    public string? WifiSecurity { get; set; }

    public bool HiddenNetwork { get; set; }

    /// <summary>The Wi-Fi key is not saved; true when the network has one, which a rebuild then needs.</summary>
    public bool WifiKeyRequired { get; set; }

    /// <summary>The local administrator's password is not saved; a rebuild needs it when this is set.</summary>
    public string? LocalAdminUserName { get; set; }

    /// <summary>The local administrator's password was let through weak once (-AllowWeakPassword): a lab package.</summary>
    public bool AllowWeakPassword { get; set; }

    public string Builder { get; set; } = nameof(PackageBuilder.Native);

    public bool Encrypt { get; set; }

    public bool SaveProject { get; set; }

    public bool ProjectOnly { get; set; }

    public DateTime SavedAt { get; set; }

    public static SavedPackageDefinition From(PackageDefinition definition, PackageOutputs outputs, bool allowWeakPassword, DateTime now) => new()
    {
        UserPrincipalName = definition.Enrollment!.Upn,
        Name = definition.Name,
        Version = definition.Version,
        OwnerType = definition.OwnerType.ToString(),
        Rank = definition.Rank,
        DeviceNameTemplate = definition.ComputerNameTemplate,
        DiscoveryServiceUrl = definition.Enrollment.DiscoveryServiceFullUrl,
        HideOobe = definition.HideOobe,
        WifiSsid = definition.Wifi?.Ssid,
        WifiSecurity = definition.Wifi is null ? null : SettingDisplayText.Of(definition.Wifi.Security),
        HiddenNetwork = definition.Wifi?.Hidden ?? false,
        WifiKeyRequired = definition.Wifi?.Key is { Length: > 0 },
        LocalAdminUserName = definition.LocalAccount?.UserName,
        AllowWeakPassword = allowWeakPassword,
        Builder = outputs.Builder.ToString(),
        Encrypt = outputs.Encrypt,
        SaveProject = outputs.SaveProject,
        ProjectOnly = outputs.ProjectOnly,
        SavedAt = now,
    };

    /// <summary>The outputs to write again; <see cref="PackageDefinitionFile"/> checked the names when it read the file.</summary>
    [JsonIgnore]
    public PackageOutputs Outputs => new(
        (PackageBuilder)Enum.Parse(typeof(PackageBuilder), Builder, ignoreCase: true), Encrypt, SaveProject, ProjectOnly);

    /// <summary>The definition again, a fresh package ID (Windows applies a package ID once) and the secrets given now.</summary>
    public PackageDefinition ToDefinition(SecureString generic, SecureString? wifiKey, SecureString? localAdminPassword)
    {
        SettingDisplayText.TryParseOwnerType(OwnerType, out PackageOwnerType owner);
        var definition = new PackageDefinition(Guid.NewGuid(), Name)
        {
            Version = Version,
            OwnerType = owner,
            Rank = Rank,
            ComputerNameTemplate = DeviceNameTemplate,
            HideOobe = HideOobe,
            Enrollment = new EnrollmentDefinition(UserPrincipalName, generic, DiscoveryServiceUrl),
        };

        if (LocalAdminUserName != null && localAdminPassword != null)
        {
            definition.LocalAccount = new LocalAccountDefinition(LocalAdminUserName, localAdminPassword);
        }

        if (WifiSsid != null)
        {
            SettingDisplayText.TryParseWifiSecurity(WifiSecurity ?? string.Empty, out WifiSecurity security);
            definition.Wifi = new WifiDefinition(WifiSsid, security, WifiKeyRequired ? wifiKey : null) { Hidden = HiddenNetwork };
        }

        return definition;
    }
}
