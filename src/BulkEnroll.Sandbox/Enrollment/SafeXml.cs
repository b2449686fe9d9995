using System.Xml;
using System.Xml.Linq;

namespace BulkEnroll.Sandbox.Enrollment;

/// <summary>Loads XML that comes from outside (SOAP bodies, package files, provisioning documents): no DTD (so no
/// entity expansion and nothing fetched), bounded size and depth. Every defect is an <see cref="XmlException"/>.</summary>
internal static class SafeXml
{
    public const int MaxCharacters = 4 * 1024 * 1024;

    /// <summary>SOAP envelopes and provxml files nest about a dozen levels.</summary>
    public const int MaxDepth = 64;

    public static XDocument Load(byte[] content) =>
        Load(() => XmlReader.Create(new MemoryStream(content, writable: false), Settings()));

    public static XDocument Parse(string text) => Load(() => XmlReader.Create(new StringReader(text), Settings()));

    private static XDocument Load(Func<XmlReader> open)
    {
        // A first pass only measures depth, so that a deeply nested document never reaches the tree builder.
        using (var reader = open())
        {
            while (reader.Read())
            {
                if (reader.Depth > MaxDepth)
                {
                    throw new XmlException($"The XML is nested more than {MaxDepth} levels deep.");
                }
            }
        }
        using (var reader = open())
        {
            var document = XDocument.Load(reader, LoadOptions.None);
            return document.Root is null ? throw new XmlException("The document has no root element.") : document;
        }
    }

    private static XmlReaderSettings Settings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };
}
