using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// Turns a <see cref="PackageDefinition"/> into the files and image properties of a provisioning package,
/// byte for byte as ICD writes them for the same settings.
/// </summary>
internal static class PackagePayloadBuilder
{
    /// <summary>Validates <paramref name="definition"/> (once for all the files), then builds.</summary>
    /// <param name="options">E.g. loopback HTTP for the sandbox.</param>
    /// <exception cref="PackageDefinitionInvalidException">The definition has errors (warnings are fine).</exception>
    public static PackagePayload Build(PackageDefinition definition, string builderVersion, DateTime buildTimeUtc, PackageValidationOptions? options = null) =>
        Build(PackageDefinitionValidator.EnsureValid(definition, options), builderVersion, buildTimeUtc);

    /// <param name="validated">Not validated again; errors stop the build.</param>
    /// <param name="builderVersion">Goes into NOTES as VERSION=…, e.g. the module version.</param>
    /// <param name="buildTimeUtc">Handed on to the WIM writer for the image and file times.</param>
    /// <exception cref="PackageDefinitionInvalidException">The definition has errors (warnings are fine).</exception>
    public static PackagePayload Build(ValidatedPackageDefinition validated, string builderVersion, DateTime buildTimeUtc)
    {
        PackageDefinition definition = validated.ForBuild();
        PackageImageProperties.CheckBuilderVersion(builderVersion);

        IReadOnlyList<RuntimeProvxmlEntry> provxml = NumberGroups(RuntimeSettingsGroups.From(definition));
        var files = new List<PayloadFile>
        {
            new PayloadFile(PayloadPaths.MultivariantXml, FixedPayloadFiles.MultivariantXml()),
            new PayloadFile(PayloadPaths.CustomizationsXml, CustomizationsXmlWriter.WriteValidated(definition)),
            new PayloadFile(PayloadPaths.MasterDatastoreXml, FixedPayloadFiles.MasterDatastoreXml()),
            new PayloadFile(PayloadPaths.RunTimeXml, RunTimeXmlWriter.Write(provxml)),
        };

        // Within a folder ICD writes blobs in ordinal name order, so "10__" would precede "1__".
        files.AddRange(provxml
            .OrderBy(entry => entry.FileName, StringComparer.Ordinal)
            .Select(entry => new PayloadFile(PayloadPaths.RunTimeFolder + entry.FileName, entry.Content)));
        files.Add(new PayloadFile(PayloadPaths.CommonSettingsXml, FixedPayloadFiles.CommonSettingsXml()));
        files.Add(new PayloadFile(PayloadPaths.AnswerFileXml, CustomizationsXmlWriter.WriteAnswerFile(definition)));

        DateTime utc = buildTimeUtc.Kind == DateTimeKind.Local ? buildTimeUtc.ToUniversalTime() : DateTime.SpecifyKind(buildTimeUtc, DateTimeKind.Utc);
        return new PackagePayload(definition.PackageId, utc, files, PackageImageProperties.For(definition, builderVersion));
    }

    internal static IReadOnlyList<RuntimeProvxmlEntry> NumberGroups(IReadOnlyList<RuntimeSettingsGroup> groups)
    {
        var instances = new Dictionary<string, int>(StringComparer.Ordinal);
        var entries = new List<RuntimeProvxmlEntry>(groups.Count);
        for (int index = 0; index < groups.Count; index++)
        {
            RuntimeSettingsGroup group = groups[index];
            instances.TryGetValue(group.AtomicGroupPath, out int instance);
            instances[group.AtomicGroupPath] = instance + 1;
            string fileName = index.ToString(CultureInfo.InvariantCulture) + "__" + group.FileStem + ".provxml";
            entries.Add(new RuntimeProvxmlEntry(
                fileName,
                SettingsGroupId.For(group.AtomicGroupPath, instance),
                PayloadXmlText.ToBytes(group.Document, XmlFileStyle.BomUtf8Standalone)));
        }

        return entries;
    }
}
