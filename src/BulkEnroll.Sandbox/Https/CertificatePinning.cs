using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BulkEnroll.Sandbox.Https;

/// <summary>Trust for the sandbox's self-signed HTTPS certificate: a server is accepted when the system trusts it,
/// or when it presents exactly the pinned certificate for the right host name (only the chain may fail).</summary>
public static class CertificatePinning
{
    /// <summary>Whether a TLS server certificate is acceptable, given the pinned certificate's SHA-256 (hex, any case).</summary>
    public static bool Accepts(X509Certificate? presented, SslPolicyErrors errors, string? pinnedSha256)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (presented is null || pinnedSha256 is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false;
        }

        return string.Equals(Sha256(presented), NormalizeThumbprint(pinnedSha256), StringComparison.Ordinal);
    }

    /// <summary>A handler that trusts what the system trusts plus exactly <paramref name="pinned"/>.</summary>
    public static SocketsHttpHandler CreateHandler(X509Certificate2 pinned) => CreateHandler(Sha256(pinned));

    /// <summary>A handler that trusts what the system trusts plus the certificate with this SHA-256 thumbprint.</summary>
    public static SocketsHttpHandler CreateHandler(string pinnedSha256)
    {
        string pin = NormalizeThumbprint(pinnedSha256);
        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => Accepts(certificate, errors, pin),
            },
        };
    }

    /// <summary>Upper-case hex SHA-256 of the certificate's DER bytes.</summary>
    public static string Sha256(X509Certificate certificate) => Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));

    /// <summary>Drops the separators people copy along (spaces, colons) and upper-cases.</summary>
    public static string NormalizeThumbprint(string thumbprint) =>
        new string(thumbprint.Where(Uri.IsHexDigit).ToArray()).ToUpperInvariant();
}
