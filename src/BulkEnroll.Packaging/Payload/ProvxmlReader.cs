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
        Walk(root, new List<string>(), parms, others, fileName);
        return parms;
    }

    private static void Walk(XElement element, List<string> chain, List<ProvxmlParm> parms, List<OtherSetting> others, string fileName)
    {
        foreach (XElement child in element.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "characteristic" when child.Name.Namespace == XNamespace.None:
                    chain.Add(XmlReadHelpers.RequiredAttribute(child, "type", fileName));
                    Walk(child, chain, parms, others, fileName);
                    chain.RemoveAt(chain.Count - 1);
                    break;
                case "parm" when child.Name.Namespace == XNamespace.None:
                    // WCD adds SettingsPath="…" to each parm; the engine ignores it and so do we.
                    parms.Add(new ProvxmlParm(chain.ToArray(), XmlReadHelpers.RequiredAttribute(child, "name", fileName),
                        child.Attribute("value")?.Value));
                    break;
                default:
                    others.Add(new OtherSetting(string.Join("/", chain.Concat(new[] { "<" + child.Name.LocalName + ">" })), null));
                    break;
            }
        }
    }
}
