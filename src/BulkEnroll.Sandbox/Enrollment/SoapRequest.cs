using System.Xml.Linq;

namespace BulkEnroll.Sandbox.Enrollment;

/// <summary>A SOAP 1.2 request as the enrollment services need it: the WS-Addressing headers, the optional
/// UsernameToken, and the one element of the body. Anything else in the envelope is ignored, as WCF does.</summary>
internal sealed class SoapRequest
{
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
        var envelope = SoapEnvelope.TryRead(content, out string? problem)
            ?? throw SoapFaultException.MessageFormat($"The request {problem}.");
        string action = envelope.HeaderText(A + "Action")
            ?? throw SoapFaultException.MessageFormat("The request has no WS-Addressing Action header.");
        if (envelope.Body.Count != 1)
        {
            throw SoapFaultException.MessageFormat("The SOAP body must hold exactly one element.");
        }

        return new SoapRequest(action, envelope.HeaderText(A + "MessageID"), envelope.Body[0], ReadToken(envelope.Header));
    }

    private static UsernameToken? ReadToken(XElement? header)
    {
        var token = header?.Element(Wsse + "Security")?.Element(Wsse + "UsernameToken");
        if (token is null)
        {
            return null;
        }

        var password = token.Element(Wsse + "Password");
        // Values are trimmed, except the password: a password may well start or end with a space.
        return new UsernameToken(
            SoapEnvelope.Text(token.Element(Wsse + "Username")) ?? "",
            password?.Value ?? "",
            (string?)password?.Attribute("Type") ?? (string?)password?.Attribute(Wsse + "Type"));
    }

}
