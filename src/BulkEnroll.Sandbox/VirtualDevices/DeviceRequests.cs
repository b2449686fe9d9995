using System.Xml.Linq;
using BulkEnroll.Sandbox.Enrollment;

namespace BulkEnroll.Sandbox.VirtualDevices;

/// <summary>The three SOAP 1.2 requests of the Windows enrollment client, shaped like Microsoft's on-premises
/// examples: Discover, GetPolicies (MS-XCEP) and RequestSecurityToken (MS-WSTEP), the last two carrying the
/// UPN and Secret in a WS-Security UsernameToken (PasswordText).</summary>
internal static class DeviceRequests
{
    private static readonly XNamespace S = MdeNamespaces.Soap12;
    private static readonly XNamespace A = MdeNamespaces.Addressing;
    private static readonly XNamespace Wsse = MdeNamespaces.WsSecurity;
    private static readonly XNamespace U = MdeNamespaces.WsSecurityUtility;
    private static readonly XNamespace Xsi = MdeNamespaces.XmlSchemaInstance;
    private static readonly XNamespace Wst = MdeNamespaces.WsTrust;
    private static readonly XNamespace Ac = MdeNamespaces.Authorization;

    public static string NewMessageId() => "urn:uuid:" + Guid.NewGuid().ToString("D");

    /// <summary>As captured, Windows lists Federated after OnPremise even when it enrolls with a password.</summary>
    public static byte[] Discover(string messageId, Uri to, string upn, string authPolicy, VirtualDeviceOptions device)
    {
        var profile = WindowsProfile.For(device.OsVersion);
        string[] policies = authPolicy == MdeAuthPolicies.OnPremise ? [authPolicy, "Federated"] : [authPolicy];
        XNamespace ns = MdeNamespaces.Discovery;
        var body = new XElement(ns + "Discover",
            new XElement(ns + "request",
                new XAttribute(XNamespace.Xmlns + "i", MdeNamespaces.XmlSchemaInstance),
                new XElement(ns + "EmailAddress", upn),
                new XElement(ns + "RequestVersion", profile.DiscoverRequestVersion),
                new XElement(ns + "DeviceType", "CIMClient_Windows"),
                new XElement(ns + "ApplicationVersion", device.OsVersion),
                new XElement(ns + "OSEdition", device.OsEdition),
                new XElement(ns + "AuthPolicies", policies.Select(p => new XElement(ns + "AuthPolicy", p)))));
        return SoapEnvelopeWriter.Serialize(Envelope(MdeActions.Discover, messageId, to, null, body));
    }

    public static byte[] GetPolicies(string messageId, Uri to, string upn, string secret)
    {
        XNamespace ns = MdeNamespaces.EnrollmentPolicy;
        var body = new XElement(ns + "GetPolicies",
            new XElement(ns + "client",
                new XElement(ns + "lastUpdate", new XAttribute(Xsi + "nil", "true")),
                new XElement(ns + "preferredLanguage", new XAttribute(Xsi + "nil", "true"))),
            new XElement(ns + "requestFilter", new XAttribute(Xsi + "nil", "true")));
        return SoapEnvelopeWriter.Serialize(Envelope(MdeActions.GetPolicies, messageId, to, Security(upn, secret), body));
    }

    public static byte[] RequestSecurityToken(string messageId, Uri to, string upn, string secret, byte[] pkcs10, IEnumerable<(string Name, string Value)> context)
    {
        var body = new XElement(Wst + "RequestSecurityToken",
            new XElement(Wst + "TokenType", MdeUris.DeviceEnrollmentToken),
            new XElement(Wst + "RequestType", MdeUris.IssueRequest),
            new XElement(Wsse + "BinarySecurityToken",
                new XAttribute("ValueType", MdeUris.Pkcs10),
                new XAttribute("EncodingType", MdeUris.Base64Binary),
                Convert.ToBase64String(pkcs10)),
            new XElement(Ac + "AdditionalContext",
                context.Select(item => new XElement(Ac + "ContextItem", new XAttribute("Name", item.Name), new XElement(Ac + "Value", item.Value)))));
        return SoapEnvelopeWriter.Serialize(Envelope(MdeActions.RequestSecurityToken, messageId, to, Security(upn, secret), body));
    }

    private static XElement Security(string upn, string secret) => new(Wsse + "Security",
        new XAttribute(S + "mustUnderstand", "1"),
        new XElement(Wsse + "UsernameToken",
            new XAttribute(U + "Id", MdeUris.OnPremiseUsernameTokenId),
            new XElement(Wsse + "Username", upn),
            new XElement(Wsse + "Password", new XAttribute(Wsse + "Type", MdeUris.PasswordText), secret)));

    private static XElement Envelope(string action, string messageId, Uri to, XElement? security, XElement body) => new(S + "Envelope",
        new XAttribute(XNamespace.Xmlns + "s", MdeNamespaces.Soap12),
        new XAttribute(XNamespace.Xmlns + "a", MdeNamespaces.Addressing),
        new XAttribute(XNamespace.Xmlns + "u", MdeNamespaces.WsSecurityUtility),
        new XAttribute(XNamespace.Xmlns + "wsse", MdeNamespaces.WsSecurity),
        new XAttribute(XNamespace.Xmlns + "wst", MdeNamespaces.WsTrust),
        new XAttribute(XNamespace.Xmlns + "ac", MdeNamespaces.Authorization),
        new XElement(S + "Header",
            new XElement(A + "Action", new XAttribute(S + "mustUnderstand", "1"), action),
            new XElement(A + "MessageID", messageId),
            new XElement(A + "ReplyTo", new XElement(A + "Address", MdeUris.AnonymousAddress)),
            new XElement(A + "To", new XAttribute(S + "mustUnderstand", "1"), to.AbsoluteUri),
            security),
        new XElement(S + "Body", body));
}
