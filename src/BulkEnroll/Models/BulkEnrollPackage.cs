using System;
using System.Security;

namespace BulkEnroll;

/// <summary>
/// A provisioning package New-BulkEnrollPackage wrote. Holds no secret in clear: the package file does, which is
/// why it is written owner-only.
/// </summary>
public sealed class BulkEnrollPackage
{
    /// <summary>The .ppkg, or the project file with -ProjectOnly.</summary>
    public string Path { get; internal set; } = string.Empty;

    /// <summary>Fresh for every build: Windows refuses a second package with an ID it already applied.</summary>
    public Guid PackageId { get; internal set; }

    public string Name { get; internal set; } = string.Empty;

    public string Version { get; internal set; } = string.Empty;

    /// <summary>The generic user the PCs enroll as.</summary>
    public string UserPrincipalName { get; internal set; } = string.Empty;

    public string? DeviceNameTemplate { get; internal set; }

    public string DiscoveryServiceUrl { get; internal set; } = string.Empty;

    /// <summary>Null with -ProjectOnly: nothing was built.</summary>
    public PackageBuilder? Builder { get; internal set; }

    /// <summary>Bytes of <see cref="Path"/>.</summary>
    public long Size { get; internal set; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Path"/>, to check a copy on a USB stick.</summary>
    public string Sha256 { get; internal set; } = string.Empty;

    /// <summary>The Windows Configuration Designer project (customizations.xml), when one was written.</summary>
    public string? ProjectPath { get; internal set; }

    /// <summary>The definition saved beside the package (no secrets), from which Reset-BulkEnrollUserPassword -Path rebuilds it.</summary>
    public string? DefinitionPath { get; internal set; }

    /// <summary>What ICD generated for -Encrypt; the technician types it when the package is applied.</summary>
    public SecureString? DecryptionPassword { get; internal set; }

    public override string ToString() => Path;
}
