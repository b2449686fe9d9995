using System.Xml;
using System.Xml.Linq;

namespace BulkEnroll.Sandbox.Enrollment;

/// <summary>A SOAP envelope as it came over the wire, read the same way by the enrollment services (requests, SOAP 1.2
/// only, as Windows sends) and the virtual device (answers, SOAP 1.2 or 1.1): safely loaded XML, its header and the
/// elements of its body.</summary>
internal sealed class SoapEnvelope
{
    private static readonly XNamespace S = MdeNamespaces.Soap12;

    private SoapEnvelope(XNamespace ns, XElement? header, IReadOnlyList<XElement> body)
    {
        Namespace = ns;
        Header = header;
        Body = body;
    }

    /// <summary>The envelope's SOAP namespace (1.2, or 1.1 where the reader accepts it).</summary>
    public XNamespace Namespace { get; }

    public bool IsSoap11 => Namespace == MdeNamespaces.Soap11;

    public XElement? Header { get; }

    /// <summary>The elements inside s:Body (one for every message of these protocols).</summary>
    public IReadOnlyList<XElement> Body { get; }

    /// <summary>The trimmed text of a header element, or null when it is missing or empty.</summary>
    public string? HeaderText(XName name) => Text(Header?.Element(name));

    /// <returns>The envelope, or null with <paramref name="problem"/> completing "The message ...": "is not
    /// well-formed XML (line 1, position 1)", "is a &lt;html&gt; document, not a SOAP 1.2 envelope".</returns>
    /// <param name="acceptSoap11">For answers: Microsoft Learn's enrollment response is written in SOAP 1.1.</param>
    public static SoapEnvelope? TryRead(byte[] content, out string? problem, bool acceptSoap11 = false)
    {
        XElement root;
        try
        {
            root = SafeXml.Load(content).Root!;
        }
        catch (XmlException e)
        {
            // Only the position: the exception's text may quote the document, which can hold a password.
            problem = $"is not well-formed XML (line {e.LineNumber}, position {e.LinePosition})";
            return null;
        }

        bool soap11 = acceptSoap11 && root.Name == XName.Get("Envelope", MdeNamespaces.Soap11);
        if (root.Name != S + "Envelope" && !soap11)
        {
            problem = root.Name.LocalName == "Envelope"
                ? $"is an envelope in namespace '{root.Name.NamespaceName}', not SOAP 1.2 ({MdeNamespaces.Soap12})"
                : $"is a <{root.Name.LocalName}> document, not a SOAP 1.2 envelope";
            return null;
        }

        problem = null;
        XNamespace ns = root.Name.Namespace;
        return new SoapEnvelope(ns, root.Element(ns + "Header"), root.Element(ns + "Body")?.Elements().ToList() ?? []);
    }

    /// <summary>Element text without the surrounding whitespace Microsoft's examples put around URIs.</summary>
    internal static string? Text(XElement? element) => element?.Value.Trim() is { Length: > 0 } text ? text : null;
}
