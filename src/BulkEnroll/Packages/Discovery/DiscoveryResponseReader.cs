using System;
using System.Linq;
using System.Management.Automation;
using System.Xml.Linq;
using BulkEnroll.Packaging.Payload;

namespace BulkEnroll.Packages.Discovery;

/// <summary>
/// Reads a DiscoverResponse or a SOAP fault. The server is not trusted: the XML loader refuses DTDs and bounds size
/// and depth, and anything that is not the expected shape is a <see cref="DiscoveryErrors.Malformed"/> error.
/// SOAP 1.2 is what Windows sends and WCF-based servers answer; SOAP 1.1 is read too, because Microsoft Learn's
/// published enrollment example uses it (docs/reference/mdm-enrollment.md#transport).
/// </summary>
internal static class DiscoveryResponseReader
{
    private const string What = "the discovery response";
    private static readonly XNamespace Soap12 = DiscoveryMessages.SoapNamespace;
    private static readonly XNamespace Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace Addressing = DiscoveryMessages.AddressingNamespace;
    private static readonly XNamespace Enrollment = DiscoveryMessages.EnrollmentNamespace;

    public static DiscoveryResponse Read(byte[] content, Uri url)
    {
        XElement envelope;
        try
        {
            envelope = SafeXmlLoader.Load(content, What).Root!;
        }
        catch (PackageFormatException e)
        {
            throw Malformed(url, "it is not well-formed XML (" + e.Reason + ")", e);
        }

        if (envelope.Name != Soap12 + "Envelope" && envelope.Name != Soap11 + "Envelope")
        {
            throw Malformed(url, $"its root is <{envelope.Name.LocalName}>, not a SOAP 1.2 Envelope");
        }

        XNamespace soap = envelope.Name.Namespace;
        XElement body = envelope.Element(soap + "Body") ?? throw Malformed(url, "it has no SOAP Body");
        XElement? fault = body.Element(soap + "Fault");
        if (fault != null)
        {
            throw soap == Soap11 ? Soap11FaultOf(fault, url) : FaultOf(fault, url);
        }

        XElement result = body.Element(Enrollment + "DiscoverResponse")?.Element(Enrollment + "DiscoverResult")
            ?? throw Malformed(url, "its Body holds no DiscoverResponse/DiscoverResult");
        string? authPolicy = Text(result, "AuthPolicy");
        if (string.IsNullOrEmpty(authPolicy))
        {
            throw Malformed(url, "its DiscoverResult has no AuthPolicy");
        }

        string? relatesTo = envelope.Element(soap + "Header")?.Element(Addressing + "RelatesTo")?.Value.Trim();
        return new DiscoveryResponse(authPolicy!, Text(result, "EnrollmentServiceUrl"), Text(result, "EnrollmentPolicyServiceUrl"),
            Text(result, "EnrollmentVersion"), relatesTo);
    }

    private static string? Text(XElement parent, string name)
    {
        string? value = parent.Element(Enrollment + name)?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static BulkEnrollException Soap11FaultOf(XElement fault, Uri url) =>
        FaultError(fault.Element("faultcode")?.Value.Trim() ?? "unknown", fault.Element("faultstring")?.Value.Trim(), url);

    private static BulkEnrollException FaultOf(XElement fault, Uri url)
    {
        string code = fault.Element(Soap12 + "Code")?.Element(Soap12 + "Value")?.Value.Trim() ?? "unknown";
        string? subcode = fault.Element(Soap12 + "Code")?.Element(Soap12 + "Subcode")?.Element(Soap12 + "Value")?.Value.Trim();
        string? reason = fault.Element(Soap12 + "Reason")?.Elements(Soap12 + "Text").FirstOrDefault()?.Value.Trim();
        return FaultError(subcode is null ? code : $"{code}/{subcode}", reason, url);
    }

    private static BulkEnrollException FaultError(string shownCode, string? reason, Uri url)
    {
        return new BulkEnrollException(DiscoveryErrors.Fault, ErrorCategory.InvalidResult,
            $"The discovery service {url} answered with a SOAP fault ({shownCode}){(string.IsNullOrEmpty(reason) ? "." : ": " + reason)}", url);
    }

    private static BulkEnrollException Malformed(Uri url, string why, Exception? inner = null) =>
        new(DiscoveryErrors.Malformed, ErrorCategory.InvalidResult, $"The discovery service {url} did not answer with an MS-MDE2 DiscoverResponse: {why}.", url, inner);
}
