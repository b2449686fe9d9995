using System;
using System.IO;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// Loads XML that may be hostile: packages and project files come from anywhere. No DTD is processed (so no
/// entity expansion and no external entity), nothing is fetched, size and nesting are bounded, and every
/// failure becomes a <see cref="PackageFormatException"/> with a stable reason.
/// </summary>
internal static class SafeXmlLoader
{
    public const int MaxBytes = 16 * 1024 * 1024;
    public const int MaxCharacters = 16 * 1024 * 1024;

    /// <summary>Real files nest about 12 levels deep; far more only costs time and stack.</summary>
    public const int MaxDepth = 64;

    public static XDocument Load(byte[] content, string fileName)
    {
        if (content is null)
        {
            throw new ArgumentNullException(nameof(content));
        }

        if (content.Length > MaxBytes)
        {
            throw TooLarge(fileName);
        }

        return Load(() => XmlReader.Create(new MemoryStream(content, writable: false), Settings()), fileName, () => ContainsDoctype(content));
    }

    /// <summary>For XML carried inside another document, e.g. the WLANProfile in a WlanXml parm.</summary>
    public static XDocument Parse(string text, string fileName)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        if (text.Length > MaxCharacters)
        {
            throw TooLarge(fileName);
        }

        return Load(() => XmlReader.Create(new StringReader(text), Settings()), fileName, () => text.IndexOf("<!DOCTYPE", StringComparison.Ordinal) >= 0);
    }

    private static XDocument Load(Func<XmlReader> open, string fileName, Func<bool> hasDoctype)
    {
        try
        {
            // First pass only measures depth, so that a deeply nested document never reaches the tree builder.
            using (XmlReader reader = open())
            {
                while (reader.Read())
                {
                    if (reader.Depth > MaxDepth)
                    {
                        throw new PackageFormatException(PackageFormatReasons.TooDeep, fileName, $"The XML is nested more than {MaxDepth} levels deep.");
                    }
                }
            }

            using (XmlReader reader = open())
            {
                return XDocument.Load(reader, LoadOptions.None);
            }
        }
        catch (XmlException e) when (hasDoctype())
        {
            throw new PackageFormatException(PackageFormatReasons.DtdProhibited, fileName,
                "The XML has a document type declaration (DOCTYPE). Provisioning files never need one, and it could expand entities or fetch external files, so it is refused.", e);
        }
        catch (XmlException e)
        {
            // XmlException messages can quote characters of the document, which may belong to a secret:
            // pass on only the position, and not the exception itself.
            throw new PackageFormatException(PackageFormatReasons.MalformedXml, fileName,
                $"The file is not well-formed XML (line {e.LineNumber}, position {e.LinePosition}).");
        }
        catch (DecoderFallbackException)
        {
            throw new PackageFormatException(PackageFormatReasons.MalformedXml, fileName, "The file is not valid in its declared text encoding.");
        }
    }

    private static XmlReaderSettings Settings() => new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CloseInput = true,
    };

    private static bool ContainsDoctype(byte[] content)
    {
        // The reader refuses any DOCTYPE; this only picks the right reason. Check the encodings XML allows.
        return IndexOf(content, Encoding.UTF8.GetBytes("<!DOCTYPE")) >= 0
            || IndexOf(content, Encoding.Unicode.GetBytes("<!DOCTYPE")) >= 0
            || IndexOf(content, Encoding.BigEndianUnicode.GetBytes("<!DOCTYPE")) >= 0;
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i <= haystack.Length - needle.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j])
            {
                j++;
            }

            if (j == needle.Length)
            {
                return i;
            }
        }

        return -1;
    }

    private static PackageFormatException TooLarge(string fileName) =>
        new PackageFormatException(PackageFormatReasons.TooLarge, fileName, $"The file is larger than {MaxBytes / (1024 * 1024)} MiB; provisioning XML files are a few KiB.");
}
