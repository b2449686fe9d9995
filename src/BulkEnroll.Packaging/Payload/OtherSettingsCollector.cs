using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace BulkEnroll.Packaging.Payload;

/// <summary>Records every leaf of an unmodelled element subtree of customizations.xml as an <see cref="OtherSetting"/>.</summary>
internal static class OtherSettingsCollector
{
    // Attributes that identify an item of a keyed collection (User, WLANConfig, UPN, CommandConfig, Target).
    private static readonly string[] KeyAttributes = { "UserName", "SSID", "UPN", "Name", "Id" };

    public static void AddSubtree(List<OtherSetting> others, XElement element, string path, string fileName)
    {
        SettingLimits.CheckPath(path, fileName);
        if (!element.HasElements)
        {
            Add(others, SecretSettingNames.Describe(path, element.Name.LocalName, element.Value), fileName);
            return;
        }

        foreach (XElement child in element.Elements())
        {
            AddSubtree(others, child, path + "/" + Segment(child), fileName);
        }
    }

    /// <summary>Every reader adds its other settings here, so that one bound holds for all of them.</summary>
    public static void Add(List<OtherSetting> others, OtherSetting setting, string fileName)
    {
        SettingLimits.CheckCount(others.Count + 1, fileName);
        others.Add(setting);
    }

    /// <summary>The element's name, with the key of a keyed collection item, e.g. "User[localadmin]".</summary>
    /// <remarks>The key is shortened: it is shown, not matched, and a hostile one can be megabytes long.</remarks>
    public static string Segment(XElement element)
    {
        string? key = KeyAttributes.Select(name => element.Attribute(name)?.Value).FirstOrDefault(value => value != null);
        return key is null ? element.Name.LocalName : $"{element.Name.LocalName}[{TextRules.Quote(key)}]";
    }
}
