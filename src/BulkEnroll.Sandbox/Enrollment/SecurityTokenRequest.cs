using System.Xml.Linq;

namespace BulkEnroll.Sandbox.Enrollment;

/// <summary>The body of an MS-WSTEP RequestSecurityToken for device enrollment: the PKCS#10 request and the
/// AdditionalContext items (DeviceName, HWDevID, EnrollmentType, OSVersion ...; names may repeat, e.g. MAC).</summary>
internal sealed class SecurityTokenRequest
{
    private static readonly XNamespace Wst = MdeNamespaces.WsTrust;
    private static readonly XNamespace Wsse = MdeNamespaces.WsSecurity;
    private static readonly XNamespace Ac = MdeNamespaces.Authorization;

    private SecurityTokenRequest(byte[] csr, ILookup<string, string> context)
    {
        CertificateSigningRequest = csr;
        Context = context;
    }

    public byte[] CertificateSigningRequest { get; }

    /// <summary>Context item values by name (case-insensitive), in document order.</summary>
    public ILookup<string, string> Context { get; }

    public string? ContextValue(string name) => Context[name].FirstOrDefault();

    /// <exception cref="SoapFaultException">messageformat, naming the element that is missing or wrong.</exception>
    public static SecurityTokenRequest Read(XElement body)
    {
        if (body.Name != Wst + "RequestSecurityToken")
        {
            throw SoapFaultException.MessageFormat($"Expected a RequestSecurityToken element in {MdeNamespaces.WsTrust}, got <{body.Name.LocalName}>.");
        }

        string? tokenType = SoapEnvelope.Text(body.Element(Wst + "TokenType"));
        if (tokenType != MdeUris.DeviceEnrollmentToken)
        {
            throw SoapFaultException.MessageFormat($"TokenType must be {MdeUris.DeviceEnrollmentToken}, not '{tokenType}'.");
        }

        string? requestType = SoapEnvelope.Text(body.Element(Wst + "RequestType"));
        if (requestType != MdeUris.IssueRequest)
        {
            throw SoapFaultException.MessageFormat($"RequestType must be {MdeUris.IssueRequest} (the sandbox does not renew), not '{requestType}'.");
        }

        var token = body.Element(Wsse + "BinarySecurityToken")
            ?? throw SoapFaultException.MessageFormat("The request has no BinarySecurityToken with the certificate request.");
        if ((string?)token.Attribute("ValueType") is { } valueType && valueType.Trim() != MdeUris.Pkcs10)
        {
            throw SoapFaultException.MessageFormat($"The BinarySecurityToken ValueType must be {MdeUris.Pkcs10}, not '{valueType}'.");
        }

        byte[] csr;
        try
        {
            csr = Convert.FromBase64String(token.Value.Trim());
        }
        catch (FormatException)
        {
            throw SoapFaultException.MessageFormat("The BinarySecurityToken is not base64.");
        }

        var context = (body.Element(Ac + "AdditionalContext")?.Elements(Ac + "ContextItem") ?? [])
            .Select(item => (Name: ((string?)item.Attribute("Name"))?.Trim(), Value: item.Element(Ac + "Value")?.Value.Trim()))
            .Where(item => !string.IsNullOrEmpty(item.Name) && item.Value is not null)
            .ToLookup(item => item.Name!, item => item.Value!, StringComparer.OrdinalIgnoreCase);
        return new SecurityTokenRequest(csr, context);
    }
}

/// <summary>AdditionalContext item names the server reads.</summary>
internal static class ContextItems
{
    public const string DeviceName = "DeviceName";
    public const string DeviceId = "DeviceID";
    public const string HardwareDeviceId = "HWDevID";
    public const string EnrollmentType = "EnrollmentType";
    public const string OsVersion = "OSVersion";
    public const string OsEdition = "OSEdition";

    // Sandbox extension: a real device reports its serial number, maker and model in the inventory it sends over
    // OMA-DM after enrolling, which the sandbox does not serve; the virtual device adds them to the request instead.
    public const string SandboxSerialNumber = "SandboxSerialNumber";
    public const string SandboxManufacturer = "SandboxManufacturer";
    public const string SandboxModel = "SandboxModel";
}
