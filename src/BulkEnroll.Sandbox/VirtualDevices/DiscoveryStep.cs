using System.Xml.Linq;
using BulkEnroll.Sandbox.Enrollment;

namespace BulkEnroll.Sandbox.VirtualDevices;

/// <summary>MS-MDE2 discovery as Windows does it: GET, then POST Discover to the DiscoveryServiceFullUrl; if that
/// gives no DiscoverResponse, the same again at &lt;url&gt;/EnrollmentServer/Discovery.svc.</summary>
internal static class DiscoveryStep
{
    private static readonly XNamespace Ns = MdeNamespaces.Discovery;

    internal sealed record Endpoints(Uri DiscoveryUrl, Uri? PolicyServiceUrl, Uri EnrollmentServiceUrl);

    public static async Task<Endpoints> RunAsync(DeviceRun run, WorkplaceEnrollment enrollment, CancellationToken cancellationToken)
    {
        var configured = run.Allowed(enrollment.DiscoveryServiceFullUrl, EnrollmentStage.Discovery, "DiscoveryServiceFullUrl");
        var misses = new List<string>();
        foreach (var url in Candidates(configured))
        {
            try
            {
                var status = await run.Soap.GetAsync(url, cancellationToken);
                run.Note($"GET {url} → HTTP {(int)status}");
                string messageId = DeviceRequests.NewMessageId();
                var (reply, notSoap) = await run.Soap.PostAsync(url, DeviceRequests.Discover(messageId, url, enrollment.Upn, enrollment.AuthPolicy, run.Options), cancellationToken);
                string? miss = reply is null ? notSoap : reply.IsFault ? "SOAP fault " + reply.DescribeFault() : null;
                if (miss is null && reply!.Body?.Name != Ns + "DiscoverResponse")
                {
                    miss = $"a <{reply.Body?.Name.LocalName}> instead of a DiscoverResponse";
                }

                if (miss is not null)
                {
                    run.Note($"POST Discover {url} → {miss}");
                    misses.Add($"{url} answered {miss.TrimEnd('.')}.");
                    continue;
                }
                if (reply!.RelatesTo != messageId)
                {
                    throw new DeviceStageException(EnrollmentStage.Discovery, $"The DiscoverResponse from {url} relates to '{reply.RelatesTo}', not to the request's MessageID {messageId}.");
                }

                var endpoints = Read(run, url, reply.Body!, enrollment.AuthPolicy);
                run.Note($"POST Discover {url} → DiscoverResponse: policy service {endpoints.PolicyServiceUrl?.ToString() ?? "(none)"}, enrollment service {endpoints.EnrollmentServiceUrl}");
                return endpoints;
            }
            catch (DeviceTransportException e)
            {
                run.Note($"Discovery at {url}: {e.Message}");
                misses.Add(e.Message);
            }
        }
        // Both attempts go to the same host, so a transport failure is usually the same twice: say it once.
        throw new DeviceStageException(EnrollmentStage.Discovery, "No DiscoverResponse: " + string.Join(" ", misses.Distinct()));
    }

    private static IEnumerable<Uri> Candidates(Uri configured)
    {
        yield return configured;
        if (!configured.AbsolutePath.TrimEnd('/').EndsWith(EnrollmentPaths.Discovery, StringComparison.OrdinalIgnoreCase))
        {
            yield return new Uri(configured.GetLeftPart(UriPartial.Path).TrimEnd('/') + EnrollmentPaths.Discovery);
        }
    }

    private static Endpoints Read(DeviceRun run, Uri url, XElement response, string authPolicy)
    {
        var result = response.Element(Ns + "DiscoverResult")
            ?? throw Fail($"The DiscoverResponse from {url} has no DiscoverResult.");
        string? policy = SoapEnvelope.Text(result.Element(Ns + "AuthPolicy"));
        if (!string.Equals(policy, authPolicy, StringComparison.OrdinalIgnoreCase))
        {
            throw Fail($"The discovery service at {url} asks for the {policy ?? "(missing)"} authentication policy; the package configures {authPolicy}.");
        }

        string enrollment = SoapEnvelope.Text(result.Element(Ns + "EnrollmentServiceUrl"))
            ?? throw Fail($"The DiscoverResponse from {url} names no EnrollmentServiceUrl.");
        var enrollmentUrl = run.Allowed(enrollment, EnrollmentStage.Discovery, "EnrollmentServiceUrl");
        Uri? policyUrl = SoapEnvelope.Text(result.Element(Ns + "EnrollmentPolicyServiceUrl")) is { } p
            ? run.Allowed(p, EnrollmentStage.Discovery, "EnrollmentPolicyServiceUrl")
            : null;
        if (policyUrl is not null && Uri.Compare(policyUrl, enrollmentUrl, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw Fail($"The policy service ({policyUrl.Authority}) and the enrollment service ({enrollmentUrl.Authority}) must be on the same host.");
        }

        return new Endpoints(url, policyUrl, enrollmentUrl);
    }

    private static DeviceStageException Fail(string message) => new(EnrollmentStage.Discovery, message);
}
