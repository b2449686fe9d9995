using System.Collections.Generic;

namespace BulkEnroll.Packaging.Payload;

/// <summary>Multivariant/0/Prov/RunTime.xml: the index that tells the engine which provxml to apply, in order.</summary>
internal static class RunTimeXmlWriter
{
    public const string DataPrefix = "$(_prov)\\RunTime\\";

    public static byte[] Write(IEnumerable<RuntimeProvxmlEntry> entries)
    {
        var root = new XmlElementSpec("ConfigurationSource").Attribute("Version", "1.0");
        foreach (RuntimeProvxmlEntry entry in entries)
        {
            root.Add(new XmlElementSpec("ConfigurationSet")
                .Attribute("Type", "provxml")
                .Attribute("SettingsGroup", entry.SettingsGroup)
                .Attribute("Data", DataPrefix + entry.FileName));
        }

        return PayloadXmlText.ToBytes(root, XmlFileStyle.BomUtf8);
    }
}
