using System.Globalization;
using System.Xml.Linq;
using BulkEnroll.Sandbox.Enrollment;

namespace BulkEnroll.Sandbox.VirtualDevices;

/// <summary>MS-XCEP GetPolicies with the UsernameToken: the first request where the server checks the UPN and
/// Secret. Its answer fixes the minimal key length of the certificate request.</summary>
internal static class PolicyStep
{
    private static readonly XNamespace Ns = MdeNamespaces.EnrollmentPolicy;

    /// <summary>The RSA key size Windows uses when the policy asks for no more.</summary>
    public const int DefaultKeyLength = 2048;

    /// <summary>Larger keys take seconds to generate; no real policy asks for more.</summary>
    public const int MaxKeyLength = 4096;

    /// <returns>The RSA key length to use.</returns>
    public static async Task<int> RunAsync(DeviceRun run, Uri? policyUrl, WorkplaceEnrollment enrollment, CancellationToken cancellationToken)
    {
        if (policyUrl is null)
        {
            run.Note($"No policy service named; using a {DefaultKeyLength}-bit key.");
            return DefaultKeyLength;
        }

        var body = await run.Soap.PostOrFailAsync(policyUrl, DeviceRequests.GetPolicies(DeviceRequests.NewMessageId(), policyUrl, enrollment.Upn, enrollment.Secret),
            EnrollmentStage.Policy, "policy service", enrollment.Upn, cancellationToken);
        if (body?.Name != Ns + "GetPoliciesResponse")
        {
            throw Fail($"The policy service at {policyUrl} answered a <{body?.Name.LocalName}> instead of a GetPoliciesResponse.");
        }

        string? minimal = body.Descendants(Ns + "minimalKeyLength").Select(e => e.Value.Trim()).FirstOrDefault();
        int keyLength = int.TryParse(minimal, NumberStyles.None, CultureInfo.InvariantCulture, out int asked) ? Math.Max(asked, DefaultKeyLength) : DefaultKeyLength;
        if (keyLength > MaxKeyLength)
        {
            throw Fail($"The policy asks for a {keyLength}-bit key; the virtual device makes at most {MaxKeyLength} bits.");
        }

        run.Note($"POST GetPolicies {policyUrl} as {enrollment.Upn} → GetPoliciesResponse (minimal key length {minimal ?? "not set"}; using {keyLength} bits)");
        return keyLength;
    }

    private static DeviceStageException Fail(string message) => new(EnrollmentStage.Policy, message);
}
