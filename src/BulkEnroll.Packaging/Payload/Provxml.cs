using System.Globalization;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// Building blocks of a runtime provxml: nested characteristics that follow the CSP path without
/// "./Vendor/MSFT/", and parms named after the CSP leaf. ADK ICD style: no SettingsPath attribute.
/// </summary>
internal static class Provxml
{
    public const string RootName = "wap-provisioningdoc";

    public static XmlElementSpec Document(params XmlElementSpec[] characteristics)
    {
        var root = new XmlElementSpec(RootName);
        foreach (XmlElementSpec characteristic in characteristics)
        {
            root.Add(characteristic);
        }

        return root;
    }

    /// <summary>A chain of nested characteristics, e.g. ("Accounts", "Domain"), holding the parms at its end.</summary>
    public static XmlElementSpec Characteristics(string[] types, params XmlElementSpec[] parms)
    {
        XmlElementSpec innermost = new XmlElementSpec("characteristic").Attribute("type", types[types.Length - 1]);
        foreach (XmlElementSpec parm in parms)
        {
            innermost.Add(parm);
        }

        XmlElementSpec outer = innermost;
        for (int i = types.Length - 2; i >= 0; i--)
        {
            outer = new XmlElementSpec("characteristic").Attribute("type", types[i]).Add(outer);
        }

        return outer;
    }

    public static XmlElementSpec StringParm(string name, string value) => Parm(name, value, "string");

    public static XmlElementSpec IntegerParm(string name, int value) => Parm(name, value.ToString(CultureInfo.InvariantCulture), "integer");

    public static XmlElementSpec BooleanParm(string name, bool value) => Parm(name, value ? "true" : "false", "boolean");

    private static XmlElementSpec Parm(string name, string value, string datatype) =>
        new XmlElementSpec("parm").Attribute("name", name).Attribute("value", value).Attribute("datatype", datatype);
}
