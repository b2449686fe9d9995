using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;

namespace BulkEnroll.Sandbox.Enrollment;

/// <summary>The wap-provisioningdoc an enrollment response carries, shaped like Microsoft's on-premises example:
/// the CA into Root, the device certificate into My (no renewal advertised: the sandbox does not renew), the w7 APPLICATION that points the
/// OMA-DM client at the server, and the DMClient provider with its poll schedule.</summary>
internal static class ProvisioningDocumentBuilder
{
    /// <summary>[I] Ivanti's real PROVIDER-ID is not public; it only has to match between w7 and DMClient.</summary>
    public const string ProviderId = "BulkEnrollSandbox";

    /// <param name="deviceStore">"System" for a device enrollment (bulk, at OOBE), "User" for a user's.</param>
    public static XElement Build(X509Certificate2 ca, X509Certificate2 device, string deviceStore, Uri omaDmAddress, string deviceName)
    {
        string subject = device.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        return new XElement("wap-provisioningdoc", new XAttribute("version", "1.1"),
            Characteristic("CertificateStore",
                Characteristic("Root",
                    Characteristic("System",
                        Characteristic(ca.Thumbprint, Parm("EncodedCertificate", Convert.ToBase64String(ca.RawData)))))),
            Characteristic("CertificateStore",
                Characteristic("My",
                    Characteristic(deviceStore,
                        Characteristic(device.Thumbprint, Parm("EncodedCertificate", Convert.ToBase64String(device.RawData))),
                        Characteristic("PrivateKeyContainer")))),
            // No WSTEP/Renew (ROBOSupport) characteristic: the sandbox does not serve renewal requests, and the
            // characteristic is optional [C]; advertising it would have PCs send Renew requests that fail.
            Characteristic("APPLICATION",
                Parm("APPID", "w7"),
                Parm("PROVIDER-ID", ProviderId),
                Parm("NAME", "Ivanti Neurons for MDM (sandbox)"),
                Parm("ADDR", omaDmAddress.AbsoluteUri),
                Parm("CONNRETRYFREQ", "6"),
                Parm("INITIALBACKOFFTIME", "30000"),
                Parm("MAXBACKOFFTIME", "120000"),
                new XElement("parm", new XAttribute("name", "BACKCOMPATRETRYDISABLED")),
                Parm("DEFAULTENCODING", "application/vnd.syncml.dm+xml"),
                // The OMA-DM client finds its TLS client certificate by this subject in this store.
                Parm("SSLCLIENTCERTSEARCHCRITERIA", $"Subject=CN%3d{Uri.EscapeDataString(subject)}&Stores=My%5C{deviceStore}")),
            Characteristic("DMClient",
                Characteristic("Provider",
                    Characteristic(ProviderId,
                        Parm("EntDeviceName", deviceName, "string"),
                        Characteristic("Poll",
                            Parm("NumberOfFirstRetries", "8", "integer"),
                            Parm("IntervalForFirstSetOfRetries", "15", "integer"),
                            Parm("NumberOfSecondRetries", "5", "integer"),
                            Parm("IntervalForSecondSetOfRetries", "3", "integer"),
                            Parm("NumberOfRemainingScheduledRetries", "0", "integer"),
                            Parm("IntervalForRemainingScheduledRetries", "1560", "integer"),
                            Parm("PollOnLogin", "true", "boolean"))))));
    }

    private static XElement Characteristic(string type, params object[] content) =>
        new("characteristic", new XAttribute("type", type), content);

    private static XElement Parm(string name, string value, string? datatype = null)
    {
        var parm = new XElement("parm", new XAttribute("name", name), new XAttribute("value", value));
        if (datatype is not null)
        {
            parm.Add(new XAttribute("datatype", datatype));
        }

        return parm;
    }
}
