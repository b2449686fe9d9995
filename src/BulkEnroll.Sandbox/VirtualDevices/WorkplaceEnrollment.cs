namespace BulkEnroll.Sandbox.VirtualDevices;

/// <summary>The Workplace enrollment a package configured, with its Secret (which the device must send, and must
/// never show: <see cref="ToString"/> and <see cref="Setting"/> leave it out).</summary>
internal sealed class WorkplaceEnrollment(string upn, string authPolicy, string discoveryServiceFullUrl, string secret)
{
    public string Upn { get; } = upn;
    public string AuthPolicy { get; } = authPolicy;
    public string DiscoveryServiceFullUrl { get; } = discoveryServiceFullUrl;
    public string Secret { get; } = secret;

    public EnrollmentSetting Setting => new(Upn, AuthPolicy, DiscoveryServiceFullUrl);

    public override string ToString() => $"{Upn} ({AuthPolicy}) at {DiscoveryServiceFullUrl}";
}
