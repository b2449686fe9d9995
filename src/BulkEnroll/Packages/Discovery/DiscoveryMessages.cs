using System;
using System.IO;
using System.Text;
using System.Xml;

namespace BulkEnroll.Packages.Discovery;

/// <summary>
/// The MS-MDE2 Discover request (SOAP 1.2 with WS-Addressing) as a Windows PC sends it when a provisioning
/// package enrolls it (docs/reference/mdm-enrollment.md#discover-request), and the names the response is read by.
/// </summary>
internal static class DiscoveryMessages
{
    public const string SoapNamespace = "http://www.w3.org/2003/05/soap-envelope";
    public const string AddressingNamespace = "http://www.w3.org/2005/08/addressing";
    public const string EnrollmentNamespace = "http://schemas.microsoft.com/windows/management/2012/01/enrollment";
    public const string DiscoverAction = EnrollmentNamespace + "/IDiscoveryService/Discover";
    public const string DiscoverResponseAction = EnrollmentNamespace + "/IDiscoveryService/DiscoverResponse";
    public const string ContentType = "application/soap+xml; charset=utf-8";
    public const string AnonymousAddress = AddressingNamespace + "/anonymous";

    /// <summary>What Windows 10/11 sends (request version 4.0, a desktop client).</summary>
    public const string RequestVersion = "4.0";
    public const string DeviceType = "CIMClient_Windows";
    public const string ApplicationVersion = "10.0.19045.0";

    /// <summary>PRODUCT_ENTERPRISE; the server must not care which edition asks.</summary>
    public const string OsEdition = "4";

    public const string OnPremise = "OnPremise";

    public static byte[] BuildRequest(string emailAddress, Uri to, Guid messageId)
    {
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false };
        using (XmlWriter xml = XmlWriter.Create(buffer, settings))
        {
            xml.WriteStartElement("s", "Envelope", SoapNamespace);
            xml.WriteAttributeString("xmlns", "a", null, AddressingNamespace);

            xml.WriteStartElement("Header", SoapNamespace);
            WriteMustUnderstand(xml, "Action", DiscoverAction);
            xml.WriteElementString("MessageID", AddressingNamespace, "urn:uuid:" + messageId.ToString("D"));
            xml.WriteStartElement("ReplyTo", AddressingNamespace);
            xml.WriteElementString("Address", AddressingNamespace, AnonymousAddress);
            xml.WriteEndElement();
            WriteMustUnderstand(xml, "To", to.AbsoluteUri);
            xml.WriteEndElement();

            xml.WriteStartElement("Body", SoapNamespace);
            xml.WriteStartElement("Discover", EnrollmentNamespace);
            xml.WriteStartElement("request", EnrollmentNamespace);
            xml.WriteElementString("EmailAddress", EnrollmentNamespace, emailAddress);
            xml.WriteElementString("RequestVersion", EnrollmentNamespace, RequestVersion);
            xml.WriteElementString("DeviceType", EnrollmentNamespace, DeviceType);
            xml.WriteElementString("ApplicationVersion", EnrollmentNamespace, ApplicationVersion);
            xml.WriteElementString("OSEdition", EnrollmentNamespace, OsEdition);
            xml.WriteStartElement("AuthPolicies", EnrollmentNamespace);
            xml.WriteElementString("AuthPolicy", EnrollmentNamespace, OnPremise);
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();

            xml.WriteEndElement();
        }

        return buffer.ToArray();
    }

    private static void WriteMustUnderstand(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement(name, AddressingNamespace);
        xml.WriteAttributeString("mustUnderstand", SoapNamespace, "1");
        xml.WriteString(value);
        xml.WriteEndElement();
    }
}
