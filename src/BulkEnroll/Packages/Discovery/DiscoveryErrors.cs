namespace BulkEnroll.Packages.Discovery;

/// <summary>Stable ids of the ways discovery can fail; shown in Test-BulkEnrollPackage's Discovery message.</summary>
internal static class DiscoveryErrors
{
    public const string Unreachable = "DiscoveryUnreachable";
    public const string TimedOut = "DiscoveryTimedOut";
    public const string CertificateRejected = "DiscoveryCertificateRejected";
    public const string HttpStatus = "DiscoveryHttpStatus";
    public const string Fault = "DiscoverySoapFault";
    public const string Malformed = "DiscoveryMalformedResponse";
    public const string ProxyAuthenticationRequired = "DiscoveryProxyAuthenticationRequired";
}
