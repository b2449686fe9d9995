using System;
using System.Collections.Generic;
using System.Globalization;
using System.Xml.Linq;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// Reads a customizations.xml, ours or one saved by Windows Configuration Designer (any element order, with or
/// without Name attributes), into a <see cref="PackageDefinition"/>. Settings we do not model are kept as
/// <see cref="OtherSetting"/>s; a second user, Wi-Fi network or enrollment is reported the same way.
/// </summary>
internal static class CustomizationsXmlReader
{
    public const string DefaultFileName = "customizations.xml";

    private static readonly XNamespace PackageConfigNs = CustomizationsXml.PackageConfigNamespace;
    private static readonly XNamespace SettingsNs = CustomizationsXml.SettingsNamespace;

    public static PackageReadResult Read(byte[] content, string fileName = DefaultFileName)
    {
        XElement root = SafeXmlLoader.Load(content, fileName).Root!;
        if (root.Name.LocalName != CustomizationsXml.RootName)
        {
            throw new PackageFormatException(PackageFormatReasons.UnexpectedRoot, fileName, $"The root element is <{root.Name.LocalName}>, not <{CustomizationsXml.RootName}>.");
        }

        if (root.Name.Namespace != XNamespace.None)
        {
            throw new PackageFormatException(PackageFormatReasons.WrongNamespace, fileName, $"<{CustomizationsXml.RootName}> must not be in a namespace.");
        }

        var others = new List<OtherSetting>();
        PackageDefinition definition = ReadPackageConfig(XmlReadHelpers.RequiredSingle(root, PackageConfigNs + "PackageConfig", fileName), fileName, others);
        XElement settings = XmlReadHelpers.RequiredSingle(root, SettingsNs + "Settings", fileName);
        XElement customizations = XmlReadHelpers.RequiredSingle(settings, SettingsNs + "Customizations", fileName);
        XElement? common = XmlReadHelpers.OptionalSingle(customizations, SettingsNs + "Common", fileName);
        if (common != null)
        {
            new CommonSettingsReader(definition, others, fileName).Read(common);
        }

        foreach (XElement element in customizations.Elements())
        {
            if (element != common)
            {
                // Targets and Variants apply only on matching devices; this module does not model them.
                OtherSettingsCollector.AddSubtree(others, element, "Customizations/" + OtherSettingsCollector.Segment(element), fileName);
            }
        }

        return new PackageReadResult(definition, others, PackageDefinitionSource.CustomizationsXml);
    }

    private static PackageDefinition ReadPackageConfig(XElement config, string fileName, List<OtherSetting> others)
    {
        string Text(string name) => XmlReadHelpers.LeafText(XmlReadHelpers.RequiredSingle(config, PackageConfigNs + name, fileName), fileName).Trim();

        if (!Guid.TryParse(Text("ID"), out Guid id))
        {
            throw XmlReadHelpers.Invalid(fileName, "PackageConfig ID");
        }

        var definition = new PackageDefinition(id, Text("Name")) { Version = Text("Version") };
        if (!SettingDisplayText.TryParseOwnerType(Text("OwnerType"), out PackageOwnerType owner))
        {
            throw XmlReadHelpers.Invalid(fileName, "PackageConfig OwnerType");
        }

        definition.OwnerType = owner;
        if (!int.TryParse(Text("Rank"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int rank))
        {
            throw XmlReadHelpers.Invalid(fileName, "PackageConfig Rank");
        }

        definition.Rank = rank;
        XElement? notes = XmlReadHelpers.OptionalSingle(config, PackageConfigNs + "Notes", fileName);
        string? notesText = notes is null ? null : XmlReadHelpers.LeafText(notes, fileName);
        definition.Notes = string.IsNullOrEmpty(notesText) ? null : notesText;

        var known = new HashSet<string>(StringComparer.Ordinal) { "ID", "Name", "Version", "OwnerType", "Rank", "Notes", "Description" };
        foreach (XElement element in config.Elements())
        {
            if (element.Name.Namespace != PackageConfigNs || !known.Contains(element.Name.LocalName))
            {
                OtherSettingsCollector.AddSubtree(others, element, "PackageConfig/" + element.Name.LocalName, fileName);
            }
        }

        return definition;
    }
}
