using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// Reads the settings out of the files of a package image (ours, ICD's or anyone's). customizations.xml is
/// preferred for its PackageConfig and display names; the runtime provxml files, which are what Windows
/// actually applies, are read as well when present, and any disagreement is reported as a discrepancy.
/// </summary>
internal static class PackagePayloadReader
{
    private const string RunTimeSourceName = "RunTime";

    /// <param name="files">Path inside the image ('/' or '\', any case) → content.</param>
    /// <param name="imageProperties">The image's NAME, VERSION, ALTITUDE, PACKAGEID…, used when customizations.xml is absent.</param>
    public static PackageReadResult Read(IEnumerable<KeyValuePair<string, byte[]>> files, IEnumerable<ImageProperty>? imageProperties = null)
    {
        if (files is null)
        {
            throw new ArgumentNullException(nameof(files));
        }

        Dictionary<string, byte[]> lookup = Normalize(files);
        List<ImageProperty>? properties = imageProperties?.ToList();
        ISet<string> imageConfigFields = new HashSet<string>();
        PackageReadResult? runtime = HasRuntime(lookup) ? ReadRuntime(lookup, properties, out imageConfigFields) : null;

        if (lookup.TryGetValue(PayloadPaths.CustomizationsXml, out byte[]? customizations))
        {
            PackageReadResult project = CustomizationsXmlReader.Read(customizations, PayloadPaths.CustomizationsXml);
            var discrepancies = new List<string>();
            if (runtime != null)
            {
                discrepancies.AddRange(PackageDefinitionComparer.Differences(project.Definition, runtime.Definition, imageConfigFields));

                // A rough but cheap guard against settings smuggled into the provxml only.
                if (runtime.OtherSettings.Count > project.OtherSettings.Count)
                {
                    discrepancies.Add(nameof(PackageReadResult.OtherSettings));
                }
            }

            return new PackageReadResult(project.Definition, project.OtherSettings, PackageDefinitionSource.CustomizationsXml, discrepancies);
        }

        return runtime ?? throw new PackageFormatException(PackageFormatReasons.MissingFile, PayloadPaths.RunTimeXml,
            $"The package holds neither {PayloadPaths.CustomizationsXml} nor {PayloadPaths.RunTimeXml}; it is not a provisioning package.");
    }

    private static bool HasRuntime(Dictionary<string, byte[]> lookup) =>
        lookup.ContainsKey(PayloadPaths.RunTimeXml) || lookup.ContainsKey(PayloadPaths.MasterDatastoreXml);

    private static PackageReadResult ReadRuntime(Dictionary<string, byte[]> lookup, List<ImageProperty>? properties, out ISet<string> imageConfigFields)
    {
        imageConfigFields = new HashSet<string>();
        var others = new List<OtherSetting>();
        var builder = new RuntimeDefinitionBuilder(others);
        foreach (KeyValuePair<string, string> source in ConfigurationSources(lookup))
        {
            string indexPath = source.Value;
            if (!lookup.TryGetValue(indexPath, out byte[]? index))
            {
                throw MissingFile(indexPath);
            }

            foreach (XElement set in Root(index, indexPath, "ConfigurationSource").Elements())
            {
                string type = set.Attribute("Type")?.Value ?? string.Empty;
                if (set.Name.LocalName != "ConfigurationSet" || !type.Equals("provxml", StringComparison.OrdinalIgnoreCase))
                {
                    OtherSettingsCollector.Add(others, new OtherSetting($"{source.Key}/{set.Name.LocalName}[{TextRules.Quote(type)}]", null), indexPath);
                    continue;
                }

                string provxmlPath = ResolveProvPath(XmlReadHelpers.RequiredAttribute(set, "Data", indexPath), indexPath);
                if (!lookup.TryGetValue(provxmlPath, out byte[]? provxml))
                {
                    throw MissingFile(provxmlPath);
                }

                foreach (ProvxmlParm parm in ProvxmlReader.Read(provxml, provxmlPath, others))
                {
                    if (source.Key == RunTimeSourceName)
                    {
                        builder.Apply(parm, provxmlPath);
                    }
                    else
                    {
                        // User-scoped sources configure each user, not the device this module is about.
                        OtherSettingsCollector.Add(others, SecretSettingNames.Describe(source.Key + "/" + parm.Path, parm.Name, parm.Value), provxmlPath);
                    }
                }
            }
        }

        PackageDefinition definition = builder.Build(PayloadPaths.RunTimeXml);
        if (properties != null)
        {
            imageConfigFields = ImagePropertyMetadata.ApplyTo(definition, properties);
        }

        return new PackageReadResult(definition, others, PackageDefinitionSource.RuntimeProvxml);
    }

    /// <summary>Source name → index file path, from MasterDatastore.xml, or just RunTime.xml without one.</summary>
    private static IEnumerable<KeyValuePair<string, string>> ConfigurationSources(Dictionary<string, byte[]> lookup)
    {
        if (!lookup.TryGetValue(PayloadPaths.MasterDatastoreXml, out byte[]? master))
        {
            return new[] { new KeyValuePair<string, string>(RunTimeSourceName, PayloadPaths.RunTimeXml) };
        }

        return Root(master, PayloadPaths.MasterDatastoreXml, "ConfigurationSourceList")
            .Elements("ConfigurationSource")
            .Select(source => new KeyValuePair<string, string>(
                XmlReadHelpers.RequiredAttribute(source, "Name", PayloadPaths.MasterDatastoreXml),
                ResolveProvPath(XmlReadHelpers.RequiredAttribute(source, "Path", PayloadPaths.MasterDatastoreXml), PayloadPaths.MasterDatastoreXml)))
            .ToList();
    }

    private static XElement Root(byte[] content, string fileName, string expectedRoot)
    {
        XElement root = SafeXmlLoader.Load(content, fileName).Root!;
        if (root.Name != XName.Get(expectedRoot))
        {
            throw new PackageFormatException(PackageFormatReasons.UnexpectedRoot, fileName, $"The root element is <{root.Name.LocalName}>, not <{expectedRoot}>.");
        }

        return root;
    }

    /// <summary>"$(_prov)\RunTime\0__x.provxml" → "Multivariant/0/Prov/RunTime/0__x.provxml"; nothing outside Prov.</summary>
    private static string ResolveProvPath(string data, string fileName)
    {
        string prefix = PayloadPaths.ProvVariable + "\\";
        if (!data.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            throw XmlReadHelpers.Invalid(fileName, $"A path that does not start with {prefix}");
        }

        string[] segments = data.Substring(prefix.Length).Split('\\', '/');
        if (segments.Any(s => s.Length == 0 || s == "." || s == ".." || s.IndexOf(':') >= 0))
        {
            throw XmlReadHelpers.Invalid(fileName, "A path in the package index");
        }

        return PayloadPaths.ProvFolder + string.Join("/", segments);
    }

    private static Dictionary<string, byte[]> Normalize(IEnumerable<KeyValuePair<string, byte[]>> files)
    {
        var lookup = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, byte[]> file in files)
        {
            string path = file.Key.Replace('\\', '/').TrimStart('/');
            if (lookup.ContainsKey(path))
            {
                throw new PackageFormatException(PackageFormatReasons.InvalidValue, path, "The package holds this file twice.");
            }

            lookup.Add(path, file.Value);
        }

        return lookup;
    }

    private static PackageFormatException MissingFile(string path) =>
        new PackageFormatException(PackageFormatReasons.MissingFile, path, "The package index lists this file, but the package does not hold it.");
}
