using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Xml;

namespace BulkEnroll.Packaging.Wim;

/// <summary>Decodes the image XML resource and collects each IMAGE element's properties.</summary>
internal static class WimImageXmlParser
{
    /// <summary>UTF-16LE, with or without its BOM, as every WIM writer stores it.</summary>
    public static string Decode(byte[] xml)
    {
        if (xml.Length % 2 != 0)
        {
            throw Corrupt("its length is odd, so it is not UTF-16");
        }

        int start = xml.Length >= 2 && xml[0] == 0xFF && xml[1] == 0xFE ? 2 : 0;
        return Encoding.Unicode.GetString(xml, start, xml.Length - start);
    }

    /// <summary>Properties per image index, in document order, nested elements named "PARENT/CHILD".</summary>
    public static Dictionary<int, List<KeyValuePair<string, string>>> ParseImages(string xml)
    {
        var images = new Dictionary<int, List<KeyValuePair<string, string>>>();
        if (xml.Length == 0)
        {
            return images;
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            MaxCharactersInDocument = WimLimits.MaxXmlBytes,
        };

        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1 && reader.Name == "IMAGE")
                {
                    string? indexText = reader.GetAttribute("INDEX");
                    List<KeyValuePair<string, string>> properties = ReadImage(reader);
                    if (int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && !images.ContainsKey(index))
                    {
                        images.Add(index, properties);
                    }
                }
            }
        }
        catch (XmlException ex)
        {
            throw new WimFormatException(WimFormatReason.Corrupt, $"The WIM image XML is not well-formed: {ex.Message}", ex);
        }

        return images;
    }

    // Leaves the reader on the IMAGE end tag.
    private static List<KeyValuePair<string, string>> ReadImage(XmlReader reader)
    {
        var properties = new List<KeyValuePair<string, string>>();
        if (reader.IsEmptyElement)
        {
            return properties;
        }

        int imageDepth = reader.Depth;
        var open = new List<(string Path, StringBuilder Text, bool HasChildren)>();
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    // Each property carries its whole path: without these bounds, deep nesting costs the square of the depth.
                    if (open.Count >= WimLimits.MaxXmlDepth)
                    {
                        throw Limit($"it nests more than {WimLimits.MaxXmlDepth} elements deep in an IMAGE");
                    }

                    string path = open.Count == 0 ? reader.Name : open[open.Count - 1].Path + "/" + reader.Name;
                    if (path.Length > WimLimits.MaxXmlPropertyPath)
                    {
                        throw Limit($"an element path is longer than {WimLimits.MaxXmlPropertyPath} characters");
                    }

                    if (properties.Count + open.Count >= WimLimits.MaxXmlProperties)
                    {
                        throw Limit($"an IMAGE holds more than {WimLimits.MaxXmlProperties} elements");
                    }

                    if (open.Count > 0)
                    {
                        open[open.Count - 1] = (open[open.Count - 1].Path, open[open.Count - 1].Text, true);
                    }

                    if (reader.IsEmptyElement)
                    {
                        properties.Add(new KeyValuePair<string, string>(path, string.Empty));
                    }
                    else
                    {
                        open.Add((path, new StringBuilder(), false));
                    }

                    break;

                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    if (open.Count > 0)
                    {
                        open[open.Count - 1].Text.Append(reader.Value);
                    }

                    break;

                case XmlNodeType.EndElement:
                    if (reader.Depth == imageDepth)
                    {
                        return properties;
                    }

                    var closing = open[open.Count - 1];
                    open.RemoveAt(open.Count - 1);
                    if (!closing.HasChildren)
                    {
                        properties.Add(new KeyValuePair<string, string>(closing.Path, closing.Text.ToString()));
                    }

                    break;
            }
        }

        return properties;
    }

    private static WimFormatException Limit(string detail) =>
        new(WimFormatReason.LimitExceeded, $"The WIM image XML is refused: {detail}; real images hold a few dozen properties.");

    private static WimFormatException Corrupt(string detail) =>
        new(WimFormatReason.Corrupt, $"The WIM image XML is corrupt: {detail}.");
}
