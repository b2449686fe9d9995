namespace BulkEnroll.Packages.Discovery;

/// <summary>The DiscoverResult of an MS-MDE2 DiscoverResponse.</summary>
internal sealed class DiscoveryResponse
{
    public DiscoveryResponse(string authPolicy, string? enrollmentServiceUrl, string? enrollmentPolicyServiceUrl, string? enrollmentVersion, string? relatesTo)
    {
        AuthPolicy = authPolicy;
        EnrollmentServiceUrl = enrollmentServiceUrl;
        EnrollmentPolicyServiceUrl = enrollmentPolicyServiceUrl;
        EnrollmentVersion = enrollmentVersion;
        RelatesTo = relatesTo;
    }

    public string AuthPolicy { get; }

    public string? EnrollmentServiceUrl { get; }

    public string? EnrollmentPolicyServiceUrl { get; }

    public string? EnrollmentVersion { get; }

    /// <summary>The request's MessageID, echoed in the WS-Addressing header.</summary>
    public string? RelatesTo { get; }
}
