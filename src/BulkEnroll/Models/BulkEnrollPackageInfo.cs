using System;
using System.Collections.Generic;

namespace BulkEnroll;

/// <summary>
/// What a provisioning package or project file holds, as Get-BulkEnrollPackage reads it. Secrets are never
/// returned: only whether the file holds one.
/// </summary>
public sealed class BulkEnrollPackageInfo
{
    public string Path { get; internal set; } = string.Empty;

    /// <summary>"Package" for a .ppkg, "Project" for a customizations.xml.</summary>
    public string Kind { get; internal set; } = string.Empty;

    public Guid PackageId { get; internal set; }

    public string Name { get; internal set; } = string.Empty;

    public string Version { get; internal set; } = string.Empty;

    public string OwnerType { get; internal set; } = string.Empty;

    public int Rank { get; internal set; }

    /// <summary>Owner type and rank as one precedence number (ITAdmin 5000 + rank).</summary>
    public int Altitude { get; internal set; }

    /// <summary>The image NOTES the builder wrote (builder version, source, target SKUs); null for project files.</summary>
    public string? Notes { get; internal set; }

    /// <summary>Where the settings were read from: CustomizationsXml or RuntimeProvxml.</summary>
    public string SettingsSource { get; internal set; } = string.Empty;

    public string? UserPrincipalName { get; internal set; }

    public string? DiscoveryServiceUrl { get; internal set; }

    public string? AuthPolicy { get; internal set; }

    public string? EnrollmentServiceUrl { get; internal set; }

    public string? PolicyServiceUrl { get; internal set; }

    public bool HasEnrollmentSecret { get; internal set; }

    public string? DeviceNameTemplate { get; internal set; }

    public string? WifiSsid { get; internal set; }

    /// <summary>"Open" or "WPA2-Personal", as Windows Configuration Designer shows it.</summary>
    public string? WifiSecurity { get; internal set; }

    public bool? WifiHidden { get; internal set; }

    public bool HasWifiKey { get; internal set; }

    public string? LocalAdminUserName { get; internal set; }

    public bool HasLocalAdminPassword { get; internal set; }

    public bool HideOobe { get; internal set; }

    /// <summary>Settings this module does not model, "path = value", values that may be secret masked.</summary>
    public IReadOnlyList<string> OtherSettings { get; internal set; } = Array.Empty<string>();

    /// <summary>
    /// Fields where the package's customizations.xml disagrees with what Windows applies; a genuine package has
    /// none, so any means it was altered.
    /// </summary>
    public IReadOnlyList<string> Discrepancies { get; internal set; } = Array.Empty<string>();

    /// <summary>File size in bytes.</summary>
    public long Size { get; internal set; }

    /// <summary>Lower-case hex SHA-256 of the file.</summary>
    public string Sha256 { get; internal set; } = string.Empty;

    public override string ToString() => Path;
}
