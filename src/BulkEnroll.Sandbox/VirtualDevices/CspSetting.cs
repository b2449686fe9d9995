using System.Xml.Linq;

namespace BulkEnroll.Sandbox.VirtualDevices;

/// <summary>One parm of a runtime provxml: the characteristic chain (the CSP path below ./Vendor/MSFT), the parm
/// name, its value and datatype. <see cref="ToString"/> shows the path only: values can be secrets.</summary>
internal sealed record CspSetting(IReadOnlyList<string> Path, string Name, string Value, string? DataType)
{
    public string CspPath => "./Vendor/MSFT/" + string.Join('/', Path.Append(Name));

    /// <summary>Whether the characteristic chain is exactly <paramref name="types"/> (CSP node names are case-sensitive).</summary>
    public bool IsAt(params string[] types) => Path.SequenceEqual(types, StringComparer.Ordinal);

    /// <summary>Whether the chain is <paramref name="types"/> plus one keyed node (a user name, an SSID, a UPN).</summary>
    public bool IsUnderKeyed(params string[] types) => Path.Count == types.Length + 1 && Path.Take(types.Length).SequenceEqual(types, StringComparer.Ordinal);

    public string Key => Path[^1];

    public override string ToString() => CspPath;

    /// <summary>Every parm of a wap-provisioningdoc, in document order.</summary>
    /// <exception cref="DeviceStageException">At the Package stage when the document is not a provisioning document.</exception>
    public static IReadOnlyList<CspSetting> Flatten(XDocument provxml, string fileName)
    {
        var root = provxml.Root!;
        if (root.Name.LocalName != "wap-provisioningdoc")
        {
            throw new DeviceStageException(EnrollmentStage.Package, $"{fileName} is a <{root.Name.LocalName}> document, not a wap-provisioningdoc.");
        }

        var settings = new List<CspSetting>();
        Walk(root, [], settings, fileName);
        return settings;
    }

    private static void Walk(XElement element, List<string> path, List<CspSetting> settings, string fileName)
    {
        foreach (var child in element.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "characteristic":
                    string type = (string?)child.Attribute("type") is { Length: > 0 } t
                        ? t
                        : throw new DeviceStageException(EnrollmentStage.Package, $"{fileName} has a characteristic without a type.");
                    path.Add(type);
                    Walk(child, path, settings, fileName);
                    path.RemoveAt(path.Count - 1);
                    break;
                case "parm":
                    string name = (string?)child.Attribute("name") is { Length: > 0 } n
                        ? n
                        : throw new DeviceStageException(EnrollmentStage.Package, $"{fileName} has a parm without a name under {string.Join('/', path)}.");
                    settings.Add(new CspSetting(path.ToArray(), name, (string?)child.Attribute("value") ?? "", (string?)child.Attribute("datatype")));
                    break;
            }
        }
    }
}
