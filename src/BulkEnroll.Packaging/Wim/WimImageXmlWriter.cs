using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace BulkEnroll.Packaging.Wim;

/// <summary>
/// The image XML exactly as ICD writes it (docs/reference/package-format.md#image-xml): UTF-16LE with a BOM, no whitespace
/// between elements, the caller's properties first, then the computed statistics and times.
/// </summary>
internal static class WimImageXmlWriter
{
    private static readonly HashSet<string> ComputedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "DIRCOUNT", "FILECOUNT", "TOTALBYTES", "HARDLINKBYTES", "CREATIONTIME", "LASTMODIFICATIONTIME", "WIMBOOT",
    };

    /// <summary>Rejects names the writer computes itself, repeated names, and text XML cannot carry.</summary>
    public static void Validate(IEnumerable<KeyValuePair<string, string>> properties)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, string> property in properties)
        {
            string name = property.Key;
            if (!IsElementName(name))
            {
                throw new ArgumentException($"'{name}' cannot be an image XML element name (letters, digits and '_' only, starting with a letter or '_').");
            }

            if (ComputedNames.Contains(name))
            {
                throw new ArgumentException($"The image XML element {name} is computed by the WIM writer and cannot be set.");
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"The image XML element {name} is given twice.");
            }

            if (property.Value is null)
            {
                throw new ArgumentException($"The image XML element {name} has a null value; use an empty string.");
            }

            foreach (char c in property.Value)
            {
                if ((c < ' ' && c != '\t' && c != '\n' && c != '\r') || c == '\uFFFE' || c == '\uFFFF')
                {
                    throw new ArgumentException($"The value of image XML element {name} contains a character XML cannot carry (U+{(int)c:X4}).");
                }
            }
        }
    }

    /// <remarks><paramref name="xmlOffset"/> is where the XML will sit: genuine packages put it in the top-level TOTALBYTES.</remarks>
    public static byte[] Build(
        long xmlOffset,
        IEnumerable<KeyValuePair<string, string>> properties,
        int directoryCount,
        int fileCount,
        long totalBytes,
        long creationFileTime,
        long modificationFileTime)
    {
        var xml = new StringBuilder(1024);
        xml.Append("<WIM><TOTALBYTES>").Append(xmlOffset.ToString(CultureInfo.InvariantCulture)).Append("</TOTALBYTES>");
        xml.Append("<IMAGE INDEX=\"1\">");
        foreach (KeyValuePair<string, string> property in properties)
        {
            AppendElement(xml, property.Key, property.Value);
        }

        AppendElement(xml, "DIRCOUNT", directoryCount.ToString(CultureInfo.InvariantCulture));
        AppendElement(xml, "FILECOUNT", fileCount.ToString(CultureInfo.InvariantCulture));
        AppendElement(xml, "TOTALBYTES", totalBytes.ToString(CultureInfo.InvariantCulture));
        AppendElement(xml, "HARDLINKBYTES", "0");
        AppendTime(xml, "CREATIONTIME", creationFileTime);
        AppendTime(xml, "LASTMODIFICATIONTIME", modificationFileTime);
        AppendElement(xml, "WIMBOOT", "0");
        xml.Append("</IMAGE></WIM>");

        byte[] bom = Encoding.Unicode.GetPreamble();
        var bytes = new byte[bom.Length + Encoding.Unicode.GetByteCount(xml.ToString())];
        bom.CopyTo(bytes, 0);
        Encoding.Unicode.GetBytes(xml.ToString(), 0, xml.Length, bytes, bom.Length);
        return bytes;
    }

    private static void AppendTime(StringBuilder xml, string name, long fileTime)
    {
        xml.Append('<').Append(name).Append('>');
        AppendElement(xml, "HIGHPART", Hex((uint)((ulong)fileTime >> 32)));
        AppendElement(xml, "LOWPART", Hex((uint)fileTime));
        xml.Append("</").Append(name).Append('>');
    }

    // ICD's format: lower-case "0x", eight upper-case digits.
    private static string Hex(uint value) => "0x" + value.ToString("X8", CultureInfo.InvariantCulture);

    private static void AppendElement(StringBuilder xml, string name, string value)
    {
        xml.Append('<').Append(name).Append('>');
        foreach (char c in value)
        {
            switch (c)
            {
                case '&': xml.Append("&amp;"); break;
                case '<': xml.Append("&lt;"); break;
                case '>': xml.Append("&gt;"); break;
                case '\r': xml.Append("&#xD;"); break; // a literal CR would be normalized away by readers
                default: xml.Append(c); break;
            }
        }

        xml.Append("</").Append(name).Append('>');
    }

    private static bool IsElementName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name![0] is >= '0' and <= '9')
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
