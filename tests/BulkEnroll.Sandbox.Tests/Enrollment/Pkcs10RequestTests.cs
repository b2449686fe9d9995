using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BulkEnroll.Sandbox.Enrollment;
using BulkEnroll.Sandbox.VirtualDevices;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Enrollment;

/// <summary>The CA's own PKCS#10 check: every signature id a Windows PC uses is verified, anything else (or anything
/// broken) is the spec's certificate-request fault, never an unhandled exception (which would be a 500
/// InternalServiceFault).</summary>
public sealed class Pkcs10RequestTests
{
    private static readonly X500DistinguishedName Subject = new("CN=DB257C3A08778F4FB61E2749066C1F27");

    public static TheoryData<string, string> Signed => new()
    {
        { "oiw-sha1", "1.3.14.3.2.29" },
        { "pkcs1-sha1", "1.2.840.113549.1.1.5" },
        { "sha256", "1.2.840.113549.1.1.11" },
        { "sha384", "1.2.840.113549.1.1.12" },
    };

    private static byte[] Csr(string kind, RSA key) => kind switch
    {
        "oiw-sha1" => WindowsProfile.Windows10.CreateCsr(Subject, key),
        "pkcs1-sha1" => new CertificateRequest(Subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequest(new Pkcs1Sha1(key)),
        "sha256" => WindowsProfile.Windows11.CreateCsr(Subject, key),
        "sha384" => new CertificateRequest(Subject, key, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1).CreateSigningRequest(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Signed))]
    public void A_request_signed_as_Windows_signs_is_verified(string kind, string oid)
    {
        using var key = RSA.Create(2048);
        var request = Pkcs10Request.ReadAndVerify(Csr(kind, key));
        Assert.Equal(oid, request.SignatureAlgorithm);
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), request.PublicKey.ExportSubjectPublicKeyInfo());
    }

    [Theory]
    [MemberData(nameof(Signed))]
    public void A_request_whose_signature_does_not_match_is_a_CertificateRequest_fault(string kind, string oid)
    {
        using var key = RSA.Create(2048);
        byte[] csr = Csr(kind, key);
        csr[^5] ^= 0x01; // inside the signature, the last element
        var fault = Assert.Throws<SoapFaultException>(() => Pkcs10Request.ReadAndVerify(csr));
        Assert.Equal(SoapFaultSubcodes.CertificateRequest, fault.Subcode);
        Assert.Contains("signature does not match", fault.Message);
        Assert.NotEmpty(oid);
    }

    [Fact]
    public void Broken_or_foreign_requests_are_CertificateRequest_faults()
    {
        using var rsa = RSA.Create(2048);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] good = Csr("sha256", rsa);
        byte[][] bad =
        [
            [],
            [0x30, 0x03, 0x02, 0x01],
            good[..^10],
            [.. good, 0x00],
            new CertificateRequest(Subject, ec, HashAlgorithmName.SHA256).CreateSigningRequest(),
            new CertificateRequest(Subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pss).CreateSigningRequest(),
        ];
        foreach (byte[] csr in bad)
        {
            var fault = Assert.Throws<SoapFaultException>(() => Pkcs10Request.ReadAndVerify(csr));
            Assert.Equal(SoapFaultSubcodes.CertificateRequest, fault.Subcode);
        }
    }

    /// <summary>sha1WithRSAEncryption, which .NET refuses to write for a certificate request.</summary>
    private sealed class Pkcs1Sha1(RSA key) : X509SignatureGenerator
    {
        public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm) =>
            [0x30, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x05, 0x05, 0x00];

        public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm) => key.SignData(data, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1);

        protected override PublicKey BuildPublicKey() => new(key);
    }
}
