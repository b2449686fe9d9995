namespace BulkEnroll.Sandbox.Enrollment;

/// <summary>XML namespaces of the Windows enrollment messages (MS-MDE2, MS-XCEP, MS-WSTEP), as Microsoft's
/// examples spell them. One place, so that the server and the virtual device cannot drift apart silently
/// (the tests send literal messages to catch a typo made here).</summary>
internal static class MdeNamespaces
{
    public const string Soap12 = "http://www.w3.org/2003/05/soap-envelope";

    /// <summary>SOAP 1.1: never sent by Windows nor by the sandbox, but Microsoft Learn's published enrollment
    /// response uses it, so the virtual device reads answers in either version.</summary>
    public const string Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string Addressing = "http://www.w3.org/2005/08/addressing";

    /// <summary>Discover/DiscoverResponse. Microsoft's on-premises example writes the request with a trailing
    /// '/', the spec without: the server accepts both.</summary>
    public const string Discovery = "http://schemas.microsoft.com/windows/management/2012/01/enrollment";

    public const string EnrollmentPolicy = "http://schemas.microsoft.com/windows/pki/2009/01/enrollmentpolicy";
    public const string PkiEnrollment = "http://schemas.microsoft.com/windows/pki/2009/01/enrollment";
    public const string WsTrust = "http://docs.oasis-open.org/ws-sx/ws-trust/200512";
    public const string WsSecurity = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public const string WsSecurityUtility = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    public const string Authorization = "http://schemas.xmlsoap.org/ws/2006/12/authorization";
    public const string XmlSchemaInstance = "http://www.w3.org/2001/XMLSchema-instance";
    public const string XmlSchema = "http://www.w3.org/2001/XMLSchema";

    /// <summary>WCF's ActivityId header, which Microsoft's enrollment servers send, cased as WCF writes it (MS-MDE2's
    /// examples and captured Intune answers).</summary>
    public const string ServiceModelDiagnostics = "http://schemas.microsoft.com/2004/09/ServiceModel/Diagnostics";
}

/// <summary>WS-Addressing actions of each request and response.</summary>
internal static class MdeActions
{
    public const string Discover = "http://schemas.microsoft.com/windows/management/2012/01/enrollment/IDiscoveryService/Discover";
    public const string DiscoverResponse = "http://schemas.microsoft.com/windows/management/2012/01/enrollment/IDiscoveryService/DiscoverResponse";
    public const string GetPolicies = "http://schemas.microsoft.com/windows/pki/2009/01/enrollmentpolicy/IPolicy/GetPolicies";
    public const string GetPoliciesResponse = "http://schemas.microsoft.com/windows/pki/2009/01/enrollmentpolicy/IPolicy/GetPoliciesResponse";
    public const string RequestSecurityToken = "http://schemas.microsoft.com/windows/pki/2009/01/enrollment/RST/wstep";
    public const string RequestSecurityTokenResponse = "http://schemas.microsoft.com/windows/pki/2009/01/enrollment/RSTRC/wstep";

    /// <summary>The generic WS-Addressing fault action, for faults of discovery and policy requests.</summary>
    public const string Fault = "http://www.w3.org/2005/08/addressing/soap/fault";
}

/// <summary>Fixed URIs carried as values: token types, value and encoding types, the password type.</summary>
internal static class MdeUris
{
    public const string DeviceEnrollmentToken = "http://schemas.microsoft.com/5.0.0.0/ConfigurationManager/Enrollment/DeviceEnrollmentToken";
    public const string DeviceEnrollmentProvisionDoc = "http://schemas.microsoft.com/5.0.0.0/ConfigurationManager/Enrollment/DeviceEnrollmentProvisionDoc";
    public const string IssueRequest = "http://docs.oasis-open.org/ws-sx/ws-trust/200512/Issue";
    public const string Pkcs10 = "http://schemas.microsoft.com/windows/pki/2009/01/enrollment#PKCS10";
    public const string Base64Binary = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd#base64binary";
    public const string PasswordText = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";
    public const string AnonymousAddress = "http://www.w3.org/2005/08/addressing/anonymous";

    /// <summary>MS-MDE2 3.4.4.1.1.1.3 fixes the u:Id of the on-premises UsernameToken to this value.</summary>
    public const string OnPremiseUsernameTokenId = "uuid-cc1ccc1f-2fba-4bcf-b063-ffc0cac77917-4";

    public const string ContentType = "application/soap+xml; charset=utf-8";
}

/// <summary>The AuthPolicy values of a Discover request and response.</summary>
internal static class MdeAuthPolicies
{
    public const string OnPremise = "OnPremise";
    public const string Certificate = "Certificate";
}
