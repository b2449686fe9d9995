using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using System.Xml.Linq;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Enrollment;

/// <summary>Literal SOAP messages as Microsoft's on-premises examples write them. Deliberately independent of the
/// sandbox's own constants, so that a typo there cannot hide behind the same typo here.</summary>
internal static class Soap
{
    public const string S = "http://www.w3.org/2003/05/soap-envelope";
    public const string A = "http://www.w3.org/2005/08/addressing";
    public const string Enroll = "http://schemas.microsoft.com/windows/management/2012/01/enrollment";
    public const string Xcep = "http://schemas.microsoft.com/windows/pki/2009/01/enrollmentpolicy";
    public const string Wst = "http://docs.oasis-open.org/ws-sx/ws-trust/200512";
    public const string Wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public const string Ac = "http://schemas.xmlsoap.org/ws/2006/12/authorization";
    public const string Pki = "http://schemas.microsoft.com/windows/pki/2009/01/enrollment";

    public const string DiscoverAction = "http://schemas.microsoft.com/windows/management/2012/01/enrollment/IDiscoveryService/Discover";
    public const string DiscoverResponseAction = "http://schemas.microsoft.com/windows/management/2012/01/enrollment/IDiscoveryService/DiscoverResponse";
    public const string GetPoliciesAction = "http://schemas.microsoft.com/windows/pki/2009/01/enrollmentpolicy/IPolicy/GetPolicies";
    public const string GetPoliciesResponseAction = "http://schemas.microsoft.com/windows/pki/2009/01/enrollmentpolicy/IPolicy/GetPoliciesResponse";
    public const string RstAction = "http://schemas.microsoft.com/windows/pki/2009/01/enrollment/RST/wstep";
    public const string RstrcAction = "http://schemas.microsoft.com/windows/pki/2009/01/enrollment/RSTRC/wstep";
    public const string DeviceEnrollmentToken = "http://schemas.microsoft.com/5.0.0.0/ConfigurationManager/Enrollment/DeviceEnrollmentToken";
    public const string ProvisionDoc = "http://schemas.microsoft.com/5.0.0.0/ConfigurationManager/Enrollment/DeviceEnrollmentProvisionDoc";

    /// <param name="discoverNamespace">The spec's namespace, or the trailing-slash variant of the Learn example.</param>
    public static string Discover(string messageId, string to, string email, string policies = "<AuthPolicy>OnPremise</AuthPolicy>",
        string version = "4.0", string discoverNamespace = Enroll) => $"""
        <s:Envelope xmlns:a="{A}" xmlns:s="{S}">
          <s:Header>
            <a:Action s:mustUnderstand="1">
              {DiscoverAction}
            </a:Action>
            <a:MessageID>{messageId}</a:MessageID>
            <a:ReplyTo><a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address></a:ReplyTo>
            <a:To s:mustUnderstand="1">{to}</a:To>
          </s:Header>
          <s:Body>
            <Discover xmlns="{discoverNamespace}">
              <request xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
                <EmailAddress>{email}</EmailAddress>
                <RequestVersion>{version}</RequestVersion>
                <DeviceType>CIMClient_Windows</DeviceType>
                <ApplicationVersion>10.0.26100.2314</ApplicationVersion>
                <OSEdition>48</OSEdition>
                <AuthPolicies>{policies}</AuthPolicies>
              </request>
            </Discover>
          </s:Body>
        </s:Envelope>
        """;

    public static string GetPolicies(string messageId, string to, string user, string password) => Secured(GetPoliciesAction, messageId, to, user, password, $"""
        <GetPolicies xmlns="{Xcep}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <client><lastUpdate xsi:nil="true"/><preferredLanguage xsi:nil="true"/></client>
          <requestFilter xsi:nil="true"/>
        </GetPolicies>
        """);

    public static string RequestSecurityToken(string messageId, string to, string user, string password, byte[] csr, string deviceName, string serial,
        string? hwDevId = null) =>
        Secured(RstAction, messageId, to, user, password, $"""
        <wst:RequestSecurityToken>
          <wst:TokenType>{DeviceEnrollmentToken}</wst:TokenType>
          <wst:RequestType>http://docs.oasis-open.org/ws-sx/ws-trust/200512/Issue</wst:RequestType>
          <wsse:BinarySecurityToken ValueType="http://schemas.microsoft.com/windows/pki/2009/01/enrollment#PKCS10"
             EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd#base64binary">{Convert.ToBase64String(csr)}</wsse:BinarySecurityToken>
          <ac:AdditionalContext xmlns="{Ac}">
            <ac:ContextItem Name="OSEdition"><ac:Value>48</ac:Value></ac:ContextItem>
            <ac:ContextItem Name="OSVersion"><ac:Value>10.0.26100.2314</ac:Value></ac:ContextItem>
            <ac:ContextItem Name="DeviceName"><ac:Value>{deviceName}</ac:Value></ac:ContextItem>
            <ac:ContextItem Name="MAC"><ac:Value>00:15:5D:01:02:03</ac:Value></ac:ContextItem>
            <ac:ContextItem Name="EnrollmentType"><ac:Value>Device</ac:Value></ac:ContextItem>
            <ac:ContextItem Name="DeviceType"><ac:Value>CIMClient_Windows</ac:Value></ac:ContextItem>
            <ac:ContextItem Name="HWDevID"><ac:Value>{hwDevId ?? new string('A', 64)}</ac:Value></ac:ContextItem>
            <ac:ContextItem Name="DeviceID"><ac:Value>7BA748C8-703E-4DF2-A74A-92984117346A</ac:Value></ac:ContextItem>
            <ac:ContextItem Name="SandboxSerialNumber"><ac:Value>{serial}</ac:Value></ac:ContextItem>
            <ac:ContextItem Name="SandboxManufacturer"><ac:Value>LENOVO</ac:Value></ac:ContextItem>
            <ac:ContextItem Name="SandboxModel"><ac:Value>21HD000QUS</ac:Value></ac:ContextItem>
          </ac:AdditionalContext>
        </wst:RequestSecurityToken>
        """);

    /// <summary>The envelope of the policy and enrollment requests: WS-Addressing headers and the UsernameToken.</summary>
    private static string Secured(string action, string messageId, string to, string user, string password, string body) => $"""
        <s:Envelope xmlns:s="{S}" xmlns:a="{A}"
           xmlns:u="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
           xmlns:wsse="{Wsse}" xmlns:wst="{Wst}" xmlns:ac="{Ac}">
          <s:Header>
            <a:Action s:mustUnderstand="1">{action}</a:Action>
            <a:MessageID>{messageId}</a:MessageID>
            <a:ReplyTo><a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address></a:ReplyTo>
            <a:To s:mustUnderstand="1">{to}</a:To>
            {UsernameToken(user, password)}
          </s:Header>
          <s:Body>
            {body}
          </s:Body>
        </s:Envelope>
        """;

    private static string UsernameToken(string user, string password) => $"""
        <wsse:Security s:mustUnderstand="1">
          <wsse:UsernameToken u:Id="uuid-cc1ccc1f-2fba-4bcf-b063-ffc0cac77917-4">
            <wsse:Username>{user}</wsse:Username>
            <wsse:Password wsse:Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">{password}</wsse:Password>
          </wsse:UsernameToken>
        </wsse:Security>
        """;

    public static string NewMessageId() => "urn:uuid:" + Guid.NewGuid();

    public static async Task<SoapResponse> PostAsync(HttpClient http, Uri url, string envelope, string contentType = "application/soap+xml; charset=utf-8")
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(envelope));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await http.PostAsync(url, content);
        byte[] body = await response.Content.ReadAsByteArrayAsync();
        return new SoapResponse(response.StatusCode, response.Content.Headers.ContentType?.ToString(), response.Content.Headers.ContentLength,
            response.Headers.TransferEncodingChunked == true, body.Length == 0 ? null : XDocument.Parse(Encoding.UTF8.GetString(body)), body);
    }
}

/// <summary>A SOAP answer with what the tests look at.</summary>
internal sealed record SoapResponse(HttpStatusCode Status, string? ContentType, long? ContentLength, bool Chunked, XDocument? Xml, byte[] Raw)
{
    private static readonly XNamespace S = Soap.S;
    private static readonly XNamespace A = Soap.A;

    public XElement Envelope => Xml?.Root ?? throw new InvalidOperationException("empty body");
    public string? Action => Envelope.Element(S + "Header")?.Element(A + "Action")?.Value.Trim();
    public string? RelatesTo => Envelope.Element(S + "Header")?.Element(A + "RelatesTo")?.Value.Trim();
    public XElement BodyElement => Envelope.Element(S + "Body")!.Elements().Single();
    public string? FaultCode => BodyElement.Element(S + "Code")?.Element(S + "Value")?.Value;
    public string? FaultSubcode => BodyElement.Element(S + "Code")?.Element(S + "Subcode")?.Element(S + "Value")?.Value;
    public string? FaultReason => BodyElement.Element(S + "Reason")?.Element(S + "Text")?.Value;

    /// <summary>Windows needs one whole message: SOAP 1.2 content type, a Content-Length, no chunking.</summary>
    public SoapResponse ShouldBeWellFramed()
    {
        Assert.Equal("application/soap+xml; charset=utf-8", ContentType);
        Assert.False(Chunked);
        Assert.Equal(Raw.Length, ContentLength);
        return this;
    }

    public SoapResponse ShouldBeOk(string action)
    {
        Assert.True(Status == HttpStatusCode.OK, $"expected 200, got {(int)Status}: {System.Text.Encoding.UTF8.GetString(Raw)}");
        ShouldBeWellFramed();
        Assert.Equal(action, Action);
        return this;
    }

    /// <summary>HTTP 500 with a SOAP 1.2 Fault: code s:Receiver, the MS-MDE2 subcode, a reason.</summary>
    public SoapResponse ShouldBeFault(string subcode)
    {
        Assert.Equal(HttpStatusCode.InternalServerError, Status);
        ShouldBeWellFramed();
        Assert.Equal(S + "Fault", BodyElement.Name);
        Assert.Equal("s:Receiver", FaultCode);
        Assert.Equal("s:" + subcode, FaultSubcode);
        Assert.False(string.IsNullOrWhiteSpace(FaultReason));
        return this;
    }
}
