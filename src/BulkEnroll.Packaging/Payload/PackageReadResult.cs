using System.Collections.Generic;

namespace BulkEnroll.Packaging.Payload;

/// <summary>What a reader made of a package or project file.</summary>
internal sealed class PackageReadResult
{
    public PackageReadResult(PackageDefinition definition, IReadOnlyList<OtherSetting> otherSettings, PackageDefinitionSource source, IReadOnlyList<string>? discrepancies = null)
    {
        Definition = definition;
        OtherSettings = otherSettings;
        Source = source;
        Discrepancies = discrepancies ?? new string[0];
    }

    /// <summary>May fail validation (e.g. no enrollment): packages read from elsewhere need not be ours.</summary>
    public PackageDefinition Definition { get; }

    /// <summary>Settings present but not modelled by <see cref="PackageDefinition"/>, in document order.</summary>
    public IReadOnlyList<OtherSetting> OtherSettings { get; }

    public PackageDefinitionSource Source { get; }

    /// <summary>
    /// Fields (e.g. "Enrollment.Secret") where a package's customizations.xml says something other than the
    /// provxml Windows applies. Genuine packages have none; a difference means the package was altered.
    /// </summary>
    public IReadOnlyList<string> Discrepancies { get; }
}
