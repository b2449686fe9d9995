using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace BulkEnroll.Sandbox.Enrollment;

/// <summary>Writes the SOAP 1.2 envelopes the enrollment services answer with, in the shape of Microsoft's
/// examples: Action (mustUnderstand), WCF's ActivityId, RelatesTo = the request's MessageID.</summary>
internal static class SoapEnvelopeWriter
{
    private static readonly XNamespace S = MdeNamespaces.Soap12;
    private static readonly XNamespace A = MdeNamespaces.Addressing;

    public static byte[] Response(string action, string? relatesTo, XElement body, params XElement[] extraHeaders) =>
        Serialize(Envelope(action, relatesTo, extraHeaders, body));

    /// <summary>A fault with code s:Receiver, as in MS-MDE2 2.2.10 (whatever the subcode), and the subcode as
    /// a QName in the envelope namespace: "s:authentication".</summary>
    public static byte[] Fault(string action, string? relatesTo, string subcode, string reason)
    {
        var fault = new XElement(S + "Fault",
            new XElement(S + "Code",
                new XElement(S + "Value", "s:Receiver"),
                new XElement(S + "Subcode", new XElement(S + "Value", "s:" + subcode))),
            new XElement(S + "Reason",
                new XElement(S + "Text", new XAttribute(XNamespace.Xml + "lang", "en-US"), reason)));
        return Serialize(Envelope(action, relatesTo, [], fault));
    }

    private static XElement Envelope(string action, string? relatesTo, XElement[] extraHeaders, XElement body)
    {
        Guid activity = Guid.NewGuid();
        var header = new XElement(S + "Header",
            new XElement(A + "Action", new XAttribute(S + "mustUnderstand", "1"), action),
            new XElement(XName.Get("ActivityId", MdeNamespaces.ServiceModelDiagnostics),
                new XAttribute("CorrelationId", activity), activity));
        if (relatesTo is not null)
        {
            header.Add(new XElement(A + "RelatesTo", relatesTo));
        }

        header.Add(extraHeaders);
        return new XElement(S + "Envelope",
            new XAttribute(XNamespace.Xmlns + "s", MdeNamespaces.Soap12),
            new XAttribute(XNamespace.Xmlns + "a", MdeNamespaces.Addressing),
            header,
            new XElement(S + "Body",
                new XAttribute(XNamespace.Xmlns + "xsi", MdeNamespaces.XmlSchemaInstance),
                new XAttribute(XNamespace.Xmlns + "xsd", MdeNamespaces.XmlSchema),
                body));
    }

    /// <summary>UTF-8 without BOM or declaration, on one line, as WCF sends it.</summary>
    public static byte[] Serialize(XElement root)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            OmitXmlDeclaration = true,
            Indent = false,
        }))
        {
            root.WriteTo(writer);
        }
        return buffer.ToArray();
    }
}
