using System;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace BulkEnroll.Neurons;

/// <summary>
/// Connect-BulkEnroll -TrustedCertificateSha256: trust one certificate the system does not, e.g. a test
/// tenant's self-signed one, without lowering the bar for anything else. A server passes when the system trusts
/// it, or when it presents exactly the pinned certificate and the only fault is the chain: a pinned certificate
/// is still checked for the host name and never makes a different certificate, or another host's, acceptable.
/// </summary>
internal static class CertificatePin
{
    private const int Sha256HexLength = 64;

    /// <summary>
    /// The pin as 64 upper-case hex digits, dropping the separators people copy along (spaces, ':' and '-',
    /// as certificate viewers and openssl print them); null when it is not a SHA-256.
    /// </summary>
    public static string? Normalize(string? text)
    {
        if (text == null)
        {
            return null;
        }

        var hex = new StringBuilder(Sha256HexLength);
        foreach (char c in text)
        {
            if (Uri.IsHexDigit(c))
            {
                hex.Append(char.ToUpperInvariant(c));
            }
            else if (c != ' ' && c != ':' && c != '-')
            {
                return null;
            }
        }

        return hex.Length == Sha256HexLength ? hex.ToString() : null;
    }

    /// <summary>Whether a TLS server certificate is acceptable, given the normalized pin (or none).</summary>
    public static bool Accepts(X509Certificate? presented, SslPolicyErrors errors, string? pin)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // Only an untrusted chain may be excused: a wrong host name or no certificate never is.
        if (presented == null || pin == null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false;
        }

        return string.Equals(Sha256Of(presented), pin, StringComparison.Ordinal);
    }

    /// <summary>Upper-case hex SHA-256 of the certificate's DER bytes, as the sandbox and certificate viewers print it.</summary>
    public static string Sha256Of(X509Certificate certificate)
    {
        byte[] hash = BulkEnroll.Packaging.Sha256Hex.Hash(certificate.GetRawCertData()); // FIPS-safe on .NET Framework
        var hex = new StringBuilder(hash.Length * 2);
        foreach (byte b in hash)
        {
            hex.Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }
}
