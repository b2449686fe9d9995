namespace BulkEnroll.Sandbox.Enrollment;

/// <summary>The fault subcodes of MS-MDE2 2.2.10, spelled as WCF-based servers write them (a published Intune fault
/// reads s:MessageFormat; the spec's table and some open-source servers write lower case, and Windows compares them
/// without case, see docs/reference/mdm-enrollment.md#soap-faults). Windows maps
/// each to an MENROLL_E_DEVICE_* error (shown in brackets) and shows its text on the enrollment page.</summary>
internal static class SoapFaultSubcodes
{
    /// <summary>The request could not be read (MENROLL_E_DEVICE_MESSAGE_FORMAT_ERROR, 0x80180001).</summary>
    public const string MessageFormat = "MessageFormat";

    /// <summary>User not recognised or wrong password (MENROLL_E_DEVICE_AUTHENTICATION_ERROR, 0x80180002).</summary>
    public const string Authentication = "Authentication";

    /// <summary>User known but not allowed to enroll this way (MENROLL_E_DEVICE_AUTHORIZATION_ERROR, 0x80180003).</summary>
    public const string Authorization = "Authorization";

    /// <summary>The certificate request was refused (MENROLL_E_DEVICE_CERTIFCATEREQUEST_ERROR, 0x80180004).</summary>
    public const string CertificateRequest = "CertificateRequest";

    /// <summary>Generic management-server failure (MENROLL_E_DEVICE_CONFIGMGRSERVER_ERROR, 0x80180005).</summary>
    public const string EnrollmentServer = "EnrollmentServer";

    /// <summary>Unhandled server error (MENROLL_E_DEVICE_INTERNALSERVICE_ERROR, 0x80180006).</summary>
    public const string InternalServiceFault = "InternalServiceFault";

    /// <summary>The HRESULT Windows reports for a subcode, for messages that name it.</summary>
    public static string? HResultOf(string subcode) =>
        HResults.FirstOrDefault(h => string.Equals(h.Subcode, subcode, StringComparison.OrdinalIgnoreCase)).HResult;

    private static readonly (string Subcode, string HResult)[] HResults =
    [
        (MessageFormat, "0x80180001"),
        (Authentication, "0x80180002"),
        (Authorization, "0x80180003"),
        (CertificateRequest, "0x80180004"),
        (EnrollmentServer, "0x80180005"),
        (InternalServiceFault, "0x80180006"),
    ];
}

/// <summary>Thrown by the enrollment services to answer with a SOAP fault instead of a response.</summary>
internal sealed class SoapFaultException(string subcode, string reason) : Exception(reason)
{
    /// <summary>One of <see cref="SoapFaultSubcodes"/>, without the "s:" prefix.</summary>
    public string Subcode { get; } = subcode;

    public static SoapFaultException MessageFormat(string reason) => new(SoapFaultSubcodes.MessageFormat, reason);
}
