using System;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// Everything one bulk-enrollment provisioning package sets: the choices Windows Configuration Designer's
/// advanced editor offers for this job. Secrets are SecureStrings; <see cref="ToString"/> never shows them.
/// </summary>
internal sealed class PackageDefinition
{
    public PackageDefinition(Guid packageId, string name)
    {
        PackageId = packageId;
        Name = name;
    }

    public Guid PackageId { get; set; }

    public string Name { get; set; }

    /// <summary>Kept verbatim: "1.0" and "1.00" are different versions to Windows.</summary>
    public string Version { get; set; } = "1.0";

    public PackageOwnerType OwnerType { get; set; } = PackageOwnerType.ITAdmin;

    public int Rank { get; set; }

    public string? Notes { get; set; }

    /// <summary>A computer name, optionally with the %SERIAL% and %RAND:n% macros.</summary>
    public string? ComputerNameTemplate { get; set; }

    public LocalAccountDefinition? LocalAccount { get; set; }

    public WifiDefinition? Wifi { get; set; }

    public bool HideOobe { get; set; }

    /// <summary>Required for a package this module builds; may be null for packages read from elsewhere.</summary>
    public EnrollmentDefinition? Enrollment { get; set; }

    public override string ToString() => $"{Name} {Version}";
}
