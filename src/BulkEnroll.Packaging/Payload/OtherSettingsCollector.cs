using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace BulkEnroll.Packaging.Payload;

/// <summary>Records every leaf of an unmodelled element subtree of customizations.xml as an <see cref="OtherSetting"/>.</summary>
internal static class OtherSettingsCollector
{
    // Attributes that identify an item of a keyed collection (User, WLANConfig, UPN, CommandConfig, Target).
    private static readonly string[] KeyAttributes = { "UserName", "SSID", "UPN", "Name", "Id" };

    public static void AddSubtree(List<OtherSetting> others, XElement element, string path)
    {
        if (!element.HasElements)
        {
            others.Add(SecretSettingNames.Describe(path, element.Name.LocalName, element.Value));
            return;
        }

        foreach (XElement child in element.Elements())
        {
            AddSubtree(others, child, path + "/" + Segment(child));
        }
    }

    /// <summary>The element's name, with the key of a keyed collection item, e.g. "User[localadmin]".</summary>
    public static string Segment(XElement element)
    {
        string? key = KeyAttributes.Select(name => element.Attribute(name)?.Value).FirstOrDefault(value => value != null);
        return key is null ? element.Name.LocalName : $"{element.Name.LocalName}[{key}]";
    }
}
