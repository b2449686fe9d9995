using System.Globalization;
using System.Xml.Linq;

namespace BulkEnroll.Sandbox.Enrollment;

/// <summary>MS-MDE2 IDiscoveryService: answers a Discover request with the OnPremise policy and the URLs of the
/// policy and enrollment services on the host the device used (they must share a host, MSL-OnPrem).</summary>
internal static class DiscoveryService
{
    private static readonly XNamespace Ns = MdeNamespaces.Discovery;

    /// <summary>The Discover request as the server reads it.</summary>
    internal sealed record DiscoverRequest(string EmailAddress, string? RequestVersion, IReadOnlyList<string> AuthPolicies);

    public static byte[] Handle(SoapRequest request, Uri serviceRoot)
    {
        if (request.Action != MdeActions.Discover)
        {
            throw SoapFaultException.MessageFormat($"The discovery service does not handle the action '{request.Action}'.");
        }

        var discover = Read(request.Body);
        if (!discover.AuthPolicies.Contains(MdeAuthPolicies.OnPremise, StringComparer.OrdinalIgnoreCase))
        {
            throw new SoapFaultException(SoapFaultSubcodes.Authorization,
                $"This server supports only the {MdeAuthPolicies.OnPremise} authentication policy; the request offers {string.Join(", ", discover.AuthPolicies)}.");
        }

        var result = new XElement(Ns + "DiscoverResult", new XElement(Ns + "AuthPolicy", MdeAuthPolicies.OnPremise));
        if (discover.RequestVersion is not null)
        {
            result.Add(new XElement(Ns + "EnrollmentVersion", discover.RequestVersion));
        }

        result.Add(
            new XElement(Ns + "EnrollmentPolicyServiceUrl", new Uri(serviceRoot, EnrollmentPaths.Policy).AbsoluteUri),
            new XElement(Ns + "EnrollmentServiceUrl", new Uri(serviceRoot, EnrollmentPaths.Enrollment).AbsoluteUri));
        return SoapEnvelopeWriter.Response(MdeActions.DiscoverResponse, request.MessageId, new XElement(Ns + "DiscoverResponse", result));
    }

    internal static DiscoverRequest Read(XElement body)
    {
        // The spec's namespace, and the trailing-slash variant of Microsoft's on-premises example.
        if (body.Name.LocalName != "Discover" || body.Name.NamespaceName.TrimEnd('/') != MdeNamespaces.Discovery)
        {
            throw SoapFaultException.MessageFormat($"Expected a Discover element in {MdeNamespaces.Discovery}, got <{body.Name.LocalName}> in '{body.Name.NamespaceName}'.");
        }

        var request = Child(body, "request") ?? throw SoapFaultException.MessageFormat("Discover has no request element.");

        string email = SoapEnvelope.Text(Child(request, "EmailAddress"))
            ?? throw SoapFaultException.MessageFormat("The Discover request has no EmailAddress.");
        string? version = SoapEnvelope.Text(Child(request, "RequestVersion"));
        if (version is not null && !decimal.TryParse(version, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
        {
            throw SoapFaultException.MessageFormat($"RequestVersion '{version}' is not a decimal number.");
        }

        var policies = Child(request, "AuthPolicies")?.Elements().Where(e => e.Name.LocalName == "AuthPolicy")
            .Select(e => e.Value.Trim()).Where(p => p.Length > 0).ToList();
        if (policies is not { Count: > 0 })
        {
            throw SoapFaultException.MessageFormat("The Discover request lists no AuthPolicies/AuthPolicy.");
        }

        return new DiscoverRequest(email, version, policies);
    }

    // Children are matched by local name: clients differ in whether they repeat the namespace on them.
    private static XElement? Child(XElement parent, string localName) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName);
}
