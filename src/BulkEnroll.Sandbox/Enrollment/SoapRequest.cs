using System.Xml;
using System.Xml.Linq;

namespace BulkEnroll.Sandbox.Enrollment;

/// <summary>A SOAP 1.2 request as the enrollment services need it: the WS-Addressing headers, the optional
/// UsernameToken, and the one element of the body. Anything else in the envelope is ignored, as WCF does.</summary>
internal sealed class SoapRequest
{
    private static readonly XNamespace S = MdeNamespaces.Soap12;
    private static readonly XNamespace A = MdeNamespaces.Addressing;
    private static readonly XNamespace Wsse = MdeNamespaces.WsSecurity;

    private SoapRequest(string action, string? messageId, XElement body, UsernameToken? token)
    {
        Action = action;
        MessageId = messageId;
        Body = body;
        UsernameToken = token;
    }

    public string Action { get; }

    /// <summary>Echoed as RelatesTo; null when the client sent none.</summary>
    public string? MessageId { get; }

    public XElement Body { get; }
    public UsernameToken? UsernameToken { get; }

    /// <exception cref="SoapFaultException">With the messageformat subcode, saying what is wrong.</exception>
    public static SoapRequest Parse(byte[] content)
    {
        XDocument document;
        try
        {
            document = SafeXml.Load(content);
        }
        catch (XmlException e)
        {
            throw SoapFaultException.MessageFormat($"The request is not well-formed XML (line {e.LineNumber}, position {e.LinePosition}).");
        }

        var envelope = document.Root!;
        if (envelope.Name != S + "Envelope")
        {
            throw SoapFaultException.MessageFormat(envelope.Name.LocalName == "Envelope"
                ? $"The envelope is in namespace '{envelope.Name.NamespaceName}'; enrollment uses SOAP 1.2 ({MdeNamespaces.Soap12})."
                : $"The request is a <{envelope.Name.LocalName}> document, not a SOAP envelope.");
        }

        var header = envelope.Element(S + "Header");
        string action = Text(header?.Element(A + "Action"))
            ?? throw SoapFaultException.MessageFormat("The request has no WS-Addressing Action header.");
        var body = envelope.Element(S + "Body")?.Elements().ToList();
        if (body is not { Count: 1 })
            throw SoapFaultException.MessageFormat("The SOAP body must hold exactly one element.");

        return new SoapRequest(action, Text(header?.Element(A + "MessageID")), body[0], ReadToken(header));
    }

    private static UsernameToken? ReadToken(XElement? header)
    {
        var token = header?.Element(Wsse + "Security")?.Element(Wsse + "UsernameToken");
        if (token is null) return null;
        var password = token.Element(Wsse + "Password");
        // Values are trimmed, except the password: a password may well start or end with a space.
        return new UsernameToken(
            Text(token.Element(Wsse + "Username")) ?? "",
            password?.Value ?? "",
            (string?)password?.Attribute("Type") ?? (string?)password?.Attribute(Wsse + "Type"));
    }

    /// <summary>Element text without the surrounding whitespace Microsoft's examples put around URIs.</summary>
    internal static string? Text(XElement? element) => element?.Value.Trim() is { Length: > 0 } text ? text : null;
}
