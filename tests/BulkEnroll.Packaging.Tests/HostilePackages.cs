using System;
using System.IO;
using System.Linq;
using System.Text;
using BulkEnroll.Packaging.Payload;
using BulkEnroll.Packaging.Tests.Payload;
using BulkEnroll.Packaging.Tests.Wim;
using BulkEnroll.Packaging.Wim;

namespace BulkEnroll.Packaging.Tests;

/// <summary>
/// Packages and project files built to hurt the readers, each small on disk (the classes of issue 14), and the
/// genuine packages the mutation test starts from. Everything is deterministic: fixed times, GUIDs and seeds.
/// </summary>
internal static class HostilePackages
{
    public static readonly DateTime BuildTime = new(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc);
    public static readonly Guid WimGuid = new("5b0c2a71-3f4e-4d8a-9c1b-7e6f5a4d3c2b");

    /// <summary>The image our writer makes for <paramref name="definition"/>, as NativePackageBuilder does, with copies of the payload.</summary>
    public static WimImageDefinition Image(PackageDefinition definition)
    {
        using PackagePayload payload = PackagePayloadBuilder.Build(definition, "1.2.3", BuildTime);
        var image = new WimImageDefinition { CreationTimeUtc = BuildTime };
        foreach (PayloadFile file in payload.Files)
        {
            image.AddFile(file.Path, (byte[])file.Content.Clone());
        }

        foreach (ImageProperty property in payload.ImageProperties)
        {
            image.AddProperty(property.Name, property.Value);
        }

        return image;
    }

    public static byte[] Package(PackageDefinition definition) => WimWriter.WriteToArray(Image(definition), WimGuid);

    public static byte[] Project(PackageDefinition definition) => CustomizationsXmlWriter.Write(definition);

    /// <summary>The package with its image XML replaced by <paramref name="xml"/>, stored uncompressed at the end.</summary>
    public static byte[] WithImageXml(byte[] wim, string xml)
    {
        byte[] text = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(xml)).ToArray();
        var result = new byte[wim.Length + text.Length];
        wim.CopyTo(result, 0);
        text.CopyTo(result, wim.Length);
        WimHeader header = WimHeader.Parse(result);
        header.Xml = new WimResourceHeader((ulong)text.Length, 0, (ulong)wim.Length, (ulong)text.Length);
        header.Write(result);
        return result;
    }

    /// <summary>Image XML whose one IMAGE nests <paramref name="depth"/> elements deep.</summary>
    public static string DeepImageXml(int depth)
    {
        var xml = new StringBuilder("<WIM><IMAGE INDEX=\"1\">");
        for (int i = 0; i < depth; i++)
        {
            xml.Append("<DEEPELEMENTNAME>");
        }

        for (int i = 0; i < depth; i++)
        {
            xml.Append("</DEEPELEMENTNAME>");
        }

        return xml.Append("</IMAGE></WIM>").ToString();
    }

    /// <summary>A package of <paramref name="entries"/> settings files that all share one compressible blob of <paramref name="blobBytes"/>.</summary>
    public static byte[] SharedBlob(int entries, int blobBytes)
    {
        var content = new byte[blobBytes];
        byte[] pattern = Encoding.UTF8.GetBytes("<a>settings</a>");
        for (int i = 0; i < content.Length; i++)
        {
            content[i] = pattern[i % pattern.Length];
        }

        var image = new WimImageDefinition { CreationTimeUtc = BuildTime };
        for (int i = 0; i < entries; i++)
        {
            image.AddFile($"Multivariant/0/Prov/RunTime/{i}.provxml", content);
        }

        return WimWriter.WriteToArray(image, WimGuid);
    }

    /// <summary>
    /// A customizations.xml with an unmodelled item whose key is <paramref name="keyLength"/> characters, holding
    /// <paramref name="settings"/> leaf settings whose paths would each repeat the key: under Common (the Common
    /// walker) or under Targets (the other-settings walker).
    /// </summary>
    public static byte[] LongKeyProject(bool underCommon, int keyLength, int settings)
    {
        var item = new StringBuilder("<Item Name=\"").Append('k', keyLength).Append("\">");
        for (int i = 0; i < settings; i++)
        {
            item.Append("<S/>");
        }

        item.Append("</Item>");
        string project = Encoding.UTF8.GetString(Project(Samples.Minimal()));
        string hostile = underCommon
            ? project.Replace("<Common>", "<Common>" + item)
            : project.Replace("</Customizations>", "<Targets>" + item + "</Targets></Customizations>");
        return Encoding.UTF8.GetBytes(hostile);
    }

    /// <summary>A sparse file of <paramref name="length"/> bytes that starts with <paramref name="start"/>; no disk is really used.</summary>
    public static string SparseFile(TempDirectory directory, string name, long length, byte[] start)
    {
        string path = directory.Combine(name);
        using var file = File.Create(path);
        file.Write(start, 0, start.Length);
        file.SetLength(length);
        return path;
    }
}
