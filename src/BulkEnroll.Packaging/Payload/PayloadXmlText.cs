using System;
using System.Collections.Generic;
using System.Text;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// Serialises an <see cref="XmlElementSpec"/> the way ICD's files look: declaration, CRLF line breaks, two-space
/// indent, a space before "/>" in empty elements, text on the element's line, and no newline after the last tag.
/// Escaping matches System.Xml's writer, which ICD uses.
/// </summary>
internal static class PayloadXmlText
{
    private const string NewLine = "\r\n";
    private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly byte[] Bom = { 0xEF, 0xBB, 0xBF };

    public static byte[] ToBytes(XmlElementSpec root, XmlFileStyle style, string? leadingComment = null)
    {
        var builder = new StringBuilder();
        builder.Append(Declaration(style));
        if (leadingComment != null)
        {
            if (leadingComment.Contains("--") || leadingComment.EndsWith("-", StringComparison.Ordinal))
            {
                throw new ArgumentException("An XML comment cannot contain '--' or end with '-'.", nameof(leadingComment));
            }

            builder.Append(NewLine).Append("<!-- ").Append(leadingComment).Append(" -->");
        }

        builder.Append(NewLine);
        WriteElement(builder, root, 0);
        return Encode(builder, style != XmlFileStyle.NoBomUpperCaseUtf8);
    }

    /// <summary>One element on one line, no declaration; used for XML carried inside an attribute (WlanXml).</summary>
    public static string ToSingleLine(XmlElementSpec root)
    {
        var builder = new StringBuilder();
        WriteCompact(builder, root);
        return builder.ToString();
    }

    public static string Declaration(XmlFileStyle style) => style switch
    {
        XmlFileStyle.NoBomUpperCaseUtf8 => "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        XmlFileStyle.BomUtf8 => "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
        XmlFileStyle.BomUtf8Standalone => "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>",
        _ => throw new ArgumentOutOfRangeException(nameof(style)),
    };

    public static byte[] Encode(StringBuilder text, bool withBom)
    {
        // Secrets pass through here; the StringBuilder's buffer cannot be wiped, but the char array can.
        char[] chars = new char[text.Length];
        text.CopyTo(0, chars, 0, chars.Length);
        text.Clear();
        try
        {
            int count = StrictUtf8.GetByteCount(chars);
            byte[] bytes = new byte[(withBom ? Bom.Length : 0) + count];
            if (withBom)
            {
                Buffer.BlockCopy(Bom, 0, bytes, 0, Bom.Length);
            }

            StrictUtf8.GetBytes(chars, 0, chars.Length, bytes, withBom ? Bom.Length : 0);
            return bytes;
        }
        finally
        {
            Array.Clear(chars, 0, chars.Length);
        }
    }

    private static void WriteElement(StringBuilder builder, XmlElementSpec element, int depth)
    {
        builder.Append(' ', depth * 2);
        WriteStartTag(builder, element);
        if (element.Text != null)
        {
            builder.Append('>');
            AppendEscaped(builder, element.Text, inAttribute: false);
            builder.Append("</").Append(element.Name).Append('>');
            return;
        }

        if (element.Children.Count == 0)
        {
            builder.Append(" />");
            return;
        }

        builder.Append('>');
        foreach (XmlElementSpec child in element.Children)
        {
            builder.Append(NewLine);
            WriteElement(builder, child, depth + 1);
        }

        builder.Append(NewLine).Append(' ', depth * 2).Append("</").Append(element.Name).Append('>');
    }

    private static void WriteCompact(StringBuilder builder, XmlElementSpec element)
    {
        WriteStartTag(builder, element);
        if (element.Text == null && element.Children.Count == 0)
        {
            builder.Append(" />");
            return;
        }

        builder.Append('>');
        if (element.Text != null)
        {
            AppendEscaped(builder, element.Text, inAttribute: false);
        }

        foreach (XmlElementSpec child in element.Children)
        {
            WriteCompact(builder, child);
        }

        builder.Append("</").Append(element.Name).Append('>');
    }

    private static void WriteStartTag(StringBuilder builder, XmlElementSpec element)
    {
        builder.Append('<').Append(element.Name);
        foreach (KeyValuePair<string, string> attribute in element.Attributes)
        {
            builder.Append(' ').Append(attribute.Key).Append("=\"");
            AppendEscaped(builder, attribute.Value, inAttribute: true);
            builder.Append('"');
        }
    }

    internal static void AppendEscaped(StringBuilder builder, string value, bool inAttribute)
    {
        if (TextRules.HasUnsafeCharacter(value))
        {
            // The value itself may be a secret: say what is wrong, never what it is.
            throw new ArgumentException("A setting value contains a control character or an invalid UTF-16 sequence and cannot be written to XML.");
        }

        foreach (char c in value)
        {
            switch (c)
            {
                case '&':
                    builder.Append("&amp;");
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '"' when inAttribute:
                    builder.Append("&quot;");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }
    }
}
