using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BulkEnroll.Sandbox.VirtualDevices;

/// <summary>What differs between the enrollment messages of Windows 10 and Windows 11, as genuine captures show
/// (tests/BulkEnroll.Sandbox.Tests/Enrollment/Corpus; WindowsProfileTests compares field by field). The build in
/// <see cref="VirtualDeviceOptions.OsVersion"/> picks the profile: 22000 and later is Windows 11.</summary>
internal sealed record WindowsProfile(string Name, string DiscoverRequestVersion, bool SignsWithOiwSha1)
{
    /// <summary>Windows 10 (captured on build 19045): Discover RequestVersion 5.0, CSR signed with OIW sha1RSA.</summary>
    public static readonly WindowsProfile Windows10 = new("Windows 10", "5.0", SignsWithOiwSha1: true);

    /// <summary>Windows 11 (captured on builds 22598 and 22621): Discover RequestVersion 6.0, CSR sha256RSA.</summary>
    public static readonly WindowsProfile Windows11 = new("Windows 11", "6.0", SignsWithOiwSha1: false);

    /// <summary>The RequestVersion context item of the enrollment request: 5.0 in both captures.</summary>
    public const string EnrollmentRequestVersion = "5.0";

    public static WindowsProfile For(string osVersion) =>
        Version.TryParse(osVersion, out var v) && v.Major == 10 && v.Build < 22000 ? Windows10 : Windows11;

    /// <summary>The PKCS#10 request this Windows would make for <paramref name="key"/>.</summary>
    public byte[] CreateCsr(X500DistinguishedName subject, RSA key)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return SignsWithOiwSha1
            ? request.CreateSigningRequest(new OiwSha1RsaSignatureGenerator(key))
            : request.CreateSigningRequest();
    }

    /// <summary>RSA PKCS#1 v1.5 over SHA-1, named by the OIW id 1.3.14.3.2.29 as Windows 10's enrollment client names
    /// it (.NET only writes the PKCS#1 id 1.2.840.113549.1.1.5 for SHA-1).</summary>
    private sealed class OiwSha1RsaSignatureGenerator(RSA key) : X509SignatureGenerator
    {
        // SEQUENCE { OID 1.3.14.3.2.29, NULL }
        private static readonly byte[] AlgorithmIdentifier = [0x30, 0x09, 0x06, 0x05, 0x2B, 0x0E, 0x03, 0x02, 0x1D, 0x05, 0x00];

        public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm) => (byte[])AlgorithmIdentifier.Clone();

        public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm) =>
            key.SignData(data, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1);

        protected override PublicKey BuildPublicKey() => new(key);
    }
}
