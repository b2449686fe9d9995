using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using System.Xml.Linq;
using BulkEnroll.Sandbox.Enrollment;

namespace BulkEnroll.Sandbox.VirtualDevices;

/// <summary>Reads a RequestSecurityTokenResponseCollection the way the enrollment client applies it: the base64
/// wap-provisioningdoc, the MDM certificate in My (which must be for the device's own key and chain to the root
/// the document installs), and the OMA-DM server address of the w7 APPLICATION.</summary>
internal static class EnrollmentResponseReader
{
    private static readonly XNamespace Wst = MdeNamespaces.WsTrust;
    private static readonly XNamespace Wsse = MdeNamespaces.WsSecurity;

    internal sealed record Enrolled(X509Certificate2 Certificate, Uri ManagementServer, string ProviderId);

    /// <exception cref="DeviceStageException">At <see cref="EnrollmentStage.Enrollment"/>, naming what is missing or wrong.</exception>
    public static Enrolled Read(XElement body, RSA deviceKey, Uri from) => Read(body, deviceKey.ExportSubjectPublicKeyInfo(), from);

    /// <param name="devicePublicKeyInfo">The SubjectPublicKeyInfo of the request's key (a replayed genuine request
    /// has no private key here).</param>
    public static Enrolled Read(XElement body, byte[] devicePublicKeyInfo, Uri from)
    {
        if (body.Name != Wst + "RequestSecurityTokenResponseCollection")
        {
            throw Fail($"The enrollment service at {from} answered a <{body.Name.LocalName}> instead of a RequestSecurityTokenResponseCollection.");
        }

        var token = body.Element(Wst + "RequestSecurityTokenResponse")?.Element(Wst + "RequestedSecurityToken")?.Element(Wsse + "BinarySecurityToken")
            ?? throw Fail("The enrollment response has no RequestedSecurityToken/BinarySecurityToken.");
        if (((string?)token.Attribute("ValueType"))?.Trim() != MdeUris.DeviceEnrollmentProvisionDoc)
        {
            throw Fail($"The enrollment response's token is not a {MdeUris.DeviceEnrollmentProvisionDoc}.");
        }

        XElement document;
        try
        {
            document = SafeXml.Load(Convert.FromBase64String(token.Value.Trim())).Root!;
        }
        catch (Exception e) when (e is FormatException or XmlException)
        {
            throw Fail("The enrollment response's provisioning document is not base64-encoded XML.");
        }
        if (document.Name.LocalName != "wap-provisioningdoc")
        {
            throw Fail("The enrollment response's token is not a wap-provisioningdoc.");
        }

        var root = Certificate(document, "Root") ?? throw Fail("The provisioning document installs no root certificate (CertificateStore/Root).");
        var certificate = Certificate(document, "My") ?? throw Fail("The provisioning document installs no MDM certificate (CertificateStore/My).");
        if (!certificate.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(devicePublicKeyInfo))
        {
            throw Fail("The MDM certificate is not for the key of the device's certificate request.");
        }

        using (var chain = new X509Chain())
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(root);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (!chain.Build(certificate))
            {
                throw Fail("The MDM certificate does not chain to the root the document installs: " + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim())));
            }
        }

        var application = document.Elements("characteristic")
            .FirstOrDefault(c => (string?)c.Attribute("type") == "APPLICATION" && Parm(c, "APPID") == "w7")
            ?? throw Fail("The provisioning document has no w7 APPLICATION (the OMA-DM client's settings).");
        var address = ServiceUrlRules.TryParse(Parm(application, "ADDR") ?? "") ?? throw Fail("The w7 APPLICATION has no valid ADDR.");
        string providerId = Parm(application, "PROVIDER-ID") ?? throw Fail("The w7 APPLICATION has no PROVIDER-ID.");
        return new Enrolled(certificate, address, providerId);
    }

    /// <summary>CertificateStore/&lt;store&gt;/&lt;System|User&gt;/&lt;thumbprint&gt;/EncodedCertificate.</summary>
    private static X509Certificate2? Certificate(XElement document, string store)
    {
        var encoded = document.Elements("characteristic").Where(c => (string?)c.Attribute("type") == "CertificateStore")
            .Elements("characteristic").Where(c => (string?)c.Attribute("type") == store)
            .Elements("characteristic").Elements("characteristic")
            .Select(c => Parm(c, "EncodedCertificate"))
            .FirstOrDefault(v => v is not null);
        if (encoded is null)
        {
            return null;
        }

        try
        {
            return X509CertificateLoader.LoadCertificate(Convert.FromBase64String(encoded));
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            throw Fail($"The {store} certificate of the provisioning document cannot be read.");
        }
    }

    private static string? Parm(XElement characteristic, string name) =>
        characteristic.Elements("parm").FirstOrDefault(p => (string?)p.Attribute("name") == name)?.Attribute("value")?.Value;

    private static DeviceStageException Fail(string message) => new(EnrollmentStage.Enrollment, message);
}
