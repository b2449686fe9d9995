using System;
using System.Collections.Generic;
using System.Globalization;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// The image properties ICD sets, in its element order (docs/reference/package-format.md#image-xml). The WIM writer appends the counts
/// and times (DIRCOUNT … WIMBOOT) it measures itself.
/// </summary>
internal static class PackageImageProperties
{
    public const string Name = "NAME";
    public const string Description = "DESCRIPTION";
    public const string Notes = "NOTES";
    public const string Author = "AUTHOR";
    public const string Version = "VERSION";
    public const string Altitude = "ALTITUDE";
    public const string ResetClear = "RESETCLEAR";
    public const string PackageId = "PACKAGEID";

    /// <summary>ICD leaves DESCRIPTION empty; ours warns whoever inspects the package with a WIM tool.</summary>
    public const string DescriptionText = "This provisioning package holds passwords in clear text; store and share it like a secret.";

    public const string SourceName = "BulkEnroll";

    public static IReadOnlyList<ImageProperty> For(PackageDefinition definition, string builderVersion)
    {
        string id = definition.PackageId.ToString("D");
        return new[]
        {
            new ImageProperty(Name, definition.Name),
            new ImageProperty(Description, DescriptionText),

            // ICD's layout (VERSION=…;Source=Classic;;TargetSkus=…); Source names us instead of the ICD mode.
            new ImageProperty(Notes, $"VERSION={builderVersion};Source={SourceName};;TargetSkus=WindowsCommon,Desktop;EncryptPackage=False;SignPackage=False;PackageID={id};"),
            new ImageProperty(Author, string.Empty),
            new ImageProperty(Version, definition.Version),
            new ImageProperty(Altitude, PackageAltitude.Of(definition.OwnerType, definition.Rank).ToString(CultureInfo.InvariantCulture)),
            new ImageProperty(ResetClear, "0"),
            new ImageProperty(PackageId, "{" + id + "}"),
        };
    }

    public static void CheckBuilderVersion(string builderVersion)
    {
        if (string.IsNullOrEmpty(builderVersion) || builderVersion.IndexOfAny(new[] { ';', '=' }) >= 0 || TextRules.HasUnsafeCharacter(builderVersion))
        {
            throw new ArgumentException("The builder version must be non-empty and contain no ';', '=' or control characters.", nameof(builderVersion));
        }
    }
}
