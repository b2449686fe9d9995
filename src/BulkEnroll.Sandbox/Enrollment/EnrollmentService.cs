using System.Text;
using System.Xml.Linq;
using BulkEnroll.Sandbox.Tenant;

namespace BulkEnroll.Sandbox.Enrollment;

/// <summary>MS-WSTEP RequestSecurityToken for on-premises device enrollment: authenticates the UsernameToken
/// (UPN + Secret), signs the device's PKCS#10 request, registers the device in the tenant under the UPN's
/// account (enroller and owner) and answers the provisioning document.</summary>
internal sealed class EnrollmentService(TenantState tenant, SandboxControls controls, SandboxCertificateAuthority ca, TimeProvider time)
{
    private static readonly XNamespace Wst = MdeNamespaces.WsTrust;
    private static readonly XNamespace Wsse = MdeNamespaces.WsSecurity;
    private static readonly XNamespace U = MdeNamespaces.WsSecurityUtility;
    private static readonly XNamespace S = MdeNamespaces.Soap12;
    private static readonly XNamespace Pki = MdeNamespaces.PkiEnrollment;

    public byte[] Handle(SoapRequest request, Uri serviceRoot)
    {
        if (request.Action != MdeActions.RequestSecurityToken)
        {
            throw SoapFaultException.MessageFormat($"The enrollment service does not handle the action '{request.Action}'.");
        }

        var rst = SecurityTokenRequest.Read(request.Body);
        var account = UsernameTokenAuthenticator.Authenticate(request.UsernameToken, tenant);

        string deviceName = rst.ContextValue(ContextItems.DeviceName)
            ?? throw SoapFaultException.MessageFormat("The AdditionalContext has no DeviceName item.");
        string subject = rst.ContextValue(ContextItems.DeviceId) ?? rst.ContextValue(ContextItems.HardwareDeviceId) ?? deviceName;
        using var certificate = ca.Issue(rst.CertificateSigningRequest, subject, PolicyService.MinimalKeyLength);

        try
        {
            tenant.RegisterEnrolledDevice(new NewWindowsDevice(
                deviceName,
                rst.ContextValue(ContextItems.SandboxSerialNumber) ?? "",
                rst.ContextValue(ContextItems.SandboxModel) ?? "Unknown",
                rst.ContextValue(ContextItems.SandboxManufacturer) ?? "Unknown",
                rst.ContextValue(ContextItems.OsVersion) ?? "10.0",
                account.Id)
            {
                OsEdition = WindowsEditionNames.For(rst.ContextValue(ContextItems.OsEdition), rst.ContextValue(ContextItems.OsVersion)),
                HardwareDeviceId = rst.ContextValue(ContextItems.HardwareDeviceId) ?? "",
                Reenrollment = controls.Current.Reenrollment,
            }, controls.Current.MaxDevicesPerUser);
        }
        catch (DeviceLimitReachedException e)
        {
            // [I] Ivanti's fault text is unknown; the user is known but may not enroll more: authorization.
            throw new SoapFaultException(SoapFaultSubcodes.Authorization, e.Message);
        }
        catch (ArgumentException)
        {
            // The account went away between authentication and registration (a concurrent delete or reset).
            throw new SoapFaultException(SoapFaultSubcodes.EnrollmentServer, "The account that enrolls the device no longer exists.");
        }

        bool deviceEnrollment = string.Equals(rst.ContextValue(ContextItems.EnrollmentType), "Device", StringComparison.OrdinalIgnoreCase);
        var document = ProvisioningDocumentBuilder.Build(ca.Certificate, certificate, deviceEnrollment ? "System" : "User",
            new Uri(serviceRoot, EnrollmentPaths.OmaDm), deviceName);
        string encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(document.ToString(SaveOptions.DisableFormatting)));
        return SoapEnvelopeWriter.Response(MdeActions.RequestSecurityTokenResponse, request.MessageId, Response(encoded), Timestamp());
    }

    private static XElement Response(string provisioningDocument) => new(Wst + "RequestSecurityTokenResponseCollection",
        new XElement(Wst + "RequestSecurityTokenResponse",
            new XElement(Wst + "TokenType", MdeUris.DeviceEnrollmentToken),
            new XElement(Pki + "DispositionMessage"),
            new XElement(Wst + "RequestedSecurityToken",
                new XElement(Wsse + "BinarySecurityToken",
                    new XAttribute("ValueType", MdeUris.DeviceEnrollmentProvisionDoc),
                    new XAttribute("EncodingType", MdeUris.Base64Binary),
                    provisioningDocument)),
            new XElement(Pki + "RequestID", 0)));

    private XElement Timestamp()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new XElement(Wsse + "Security",
            new XAttribute(S + "mustUnderstand", "1"),
            new XAttribute(XNamespace.Xmlns + "o", MdeNamespaces.WsSecurity),
            new XAttribute(XNamespace.Xmlns + "u", MdeNamespaces.WsSecurityUtility),
            new XElement(U + "Timestamp", new XAttribute(U + "Id", "_0"),
                new XElement(U + "Created", now.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture)),
                new XElement(U + "Expires", now.AddMinutes(5).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture))));
    }
}
