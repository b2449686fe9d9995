using System.Xml.Linq;
using BulkEnroll.Sandbox.Tenant;

namespace BulkEnroll.Sandbox.Enrollment;

/// <summary>MS-XCEP GetPolicies for on-premises enrollment: authenticates the UsernameToken and answers one
/// certificate policy (RSA of at least 2048 bits, SHA-256), shaped like Microsoft's example response.</summary>
internal static class PolicyService
{
    private static readonly XNamespace Ns = MdeNamespaces.EnrollmentPolicy;
    private static readonly XNamespace Xsi = MdeNamespaces.XmlSchemaInstance;

    public const int MinimalKeyLength = 2048;
    public const string PolicyId = "b1f2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    public const string Sha256Oid = "2.16.840.1.101.3.4.2.1";

    public static byte[] Handle(SoapRequest request, TenantState tenant)
    {
        if (request.Action != MdeActions.GetPolicies)
        {
            throw SoapFaultException.MessageFormat($"The policy service does not handle the action '{request.Action}'.");
        }

        if (request.Body.Name != Ns + "GetPolicies")
        {
            throw SoapFaultException.MessageFormat($"Expected a GetPolicies element in {MdeNamespaces.EnrollmentPolicy}, got <{request.Body.Name.LocalName}>.");
        }

        UsernameTokenAuthenticator.Authenticate(request.UsernameToken, tenant);
        return SoapEnvelopeWriter.Response(MdeActions.GetPoliciesResponse, request.MessageId, Response());
    }

    private static XElement Response() => new(Ns + "GetPoliciesResponse",
        new XElement(Ns + "response",
            new XElement(Ns + "policyID", PolicyId),
            Nil("policyFriendlyName"),
            Nil("nextUpdateHours"),
            Nil("policiesNotChanged"),
            new XElement(Ns + "policies",
                new XElement(Ns + "policy",
                    new XElement(Ns + "policyOIDReference", 0),
                    Nil("cAs"),
                    new XElement(Ns + "attributes",
                        new XElement(Ns + "commonName", "BulkEnrollSandboxDevice"),
                        new XElement(Ns + "policySchema", 3),
                        new XElement(Ns + "certificateValidity",
                            new XElement(Ns + "validityPeriodSeconds", (long)SandboxCertificateAuthority.DeviceCertificateLifetime.TotalSeconds),
                            new XElement(Ns + "renewalPeriodSeconds", (long)TimeSpan.FromDays(42).TotalSeconds)),
                        new XElement(Ns + "permission",
                            new XElement(Ns + "enroll", "true"),
                            new XElement(Ns + "autoEnroll", "false")),
                        new XElement(Ns + "privateKeyAttributes",
                            new XElement(Ns + "minimalKeyLength", MinimalKeyLength),
                            Nil("keySpec"), Nil("keyUsageProperty"), Nil("permissions"), Nil("algorithmOIDReference"), Nil("cryptoProviders")),
                        new XElement(Ns + "revision",
                            new XElement(Ns + "majorRevision", 101),
                            new XElement(Ns + "minorRevision", 0)),
                        Nil("supersededPolicies"), Nil("privateKeyFlags"), Nil("subjectNameFlags"), Nil("enrollmentFlags"), Nil("generalFlags"),
                        new XElement(Ns + "hashAlgorithmOIDReference", 0),
                        Nil("rARequirements"), Nil("keyArchivalAttributes"), Nil("extensions"))))),
        Nil("cAs"),
        new XElement(Ns + "oIDs",
            new XElement(Ns + "oID",
                new XElement(Ns + "value", Sha256Oid),
                new XElement(Ns + "group", 1),
                new XElement(Ns + "oIDReferenceID", 0),
                new XElement(Ns + "defaultName", "szOID_NIST_sha256"))));

    private static XElement Nil(string name) => new(Ns + name, new XAttribute(Xsi + "nil", "true"));
}
