using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace BulkEnroll.Packaging.Payload;

/// <summary>Flattens a wap-provisioningdoc into its parms, in document order (the order the engine applies them).</summary>
internal static class ProvxmlReader
{
    public static IReadOnlyList<ProvxmlParm> Read(byte[] content, string fileName, List<OtherSetting> others)
    {
        XElement root = SafeXmlLoader.Load(content, fileName).Root!;
        if (root.Name != XName.Get(Provxml.RootName))
        {
            throw new PackageFormatException(PackageFormatReasons.UnexpectedRoot, fileName, $"The root element is <{root.Name.LocalName}>, not <{Provxml.RootName}>.");
        }

        var parms = new List<ProvxmlParm>();
        Walk(root, new List<string>(), 0, parms, others, fileName);
        return parms;
    }

    // chainLength is the length of the chain joined with '/', kept so that every parm's path stays bounded.
    private static void Walk(XElement element, List<string> chain, int chainLength, List<ProvxmlParm> parms, List<OtherSetting> others, string fileName)
    {
        foreach (XElement child in element.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "characteristic" when child.Name.Namespace == XNamespace.None:
                    string type = XmlReadHelpers.RequiredAttribute(child, "type", fileName);
                    int length = chainLength + type.Length + 1;
                    if (length > SettingLimits.MaxPathLength)
                    {
                        SettingLimits.CheckPath(string.Join("/", chain) + "/" + type, fileName);
                    }

                    chain.Add(type);
                    Walk(child, chain, length, parms, others, fileName);
                    chain.RemoveAt(chain.Count - 1);
                    break;
                case "parm" when child.Name.Namespace == XNamespace.None:
                    // WCD adds SettingsPath="…" to each parm; the engine ignores it and so do we.
                    SettingLimits.CheckCount(parms.Count + 1, fileName);
                    parms.Add(new ProvxmlParm(chain.ToArray(), XmlReadHelpers.RequiredAttribute(child, "name", fileName),
                        child.Attribute("value")?.Value));
                    break;
                default:
                    OtherSettingsCollector.Add(others, new OtherSetting(SettingLimits.CheckPath(string.Join("/", chain.Concat(new[] { "<" + child.Name.LocalName + ">" })), fileName), null), fileName);
                    break;
            }
        }
    }
}
