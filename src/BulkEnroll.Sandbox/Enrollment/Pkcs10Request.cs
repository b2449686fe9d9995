using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BulkEnroll.Sandbox.Enrollment;

/// <summary>A PKCS#10 request read and verified by the sandbox itself. .NET's CertificateRequest.LoadSigningRequest
/// throws NotSupportedException for the OIW sha1RSA id (1.3.14.3.2.29) that Windows 10 signs its enrollment
/// request with (see the corpus in the sandbox tests), so the signature is checked here for the ids Windows uses.</summary>
internal sealed class Pkcs10Request
{
    private Pkcs10Request(PublicKey publicKey, string signatureAlgorithm)
    {
        PublicKey = publicKey;
        SignatureAlgorithm = signatureAlgorithm;
    }

    public PublicKey PublicKey { get; }

    /// <summary>The signature algorithm's OID, as the request names it.</summary>
    public string SignatureAlgorithm { get; }

    /// <summary>RSA signature ids a Windows PC may use, and the hash each stands for.</summary>
    private static readonly Dictionary<string, HashAlgorithmName> RsaSignatureIds = new()
    {
        ["1.3.14.3.2.29"] = HashAlgorithmName.SHA1,          // OIW sha1RSA: Windows 10's enrollment client
        ["1.2.840.113549.1.1.5"] = HashAlgorithmName.SHA1,   // PKCS#1 sha1WithRSAEncryption
        ["1.2.840.113549.1.1.11"] = HashAlgorithmName.SHA256, // Windows 11, and the virtual devices
        ["1.2.840.113549.1.1.12"] = HashAlgorithmName.SHA384,
        ["1.2.840.113549.1.1.13"] = HashAlgorithmName.SHA512,
    };

    /// <summary>Reads the DER request and checks its self-signature (proof that the device holds the key).</summary>
    /// <exception cref="SoapFaultException">certificaterequest, saying what is wrong.</exception>
    public static Pkcs10Request ReadAndVerify(byte[] der)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER);
            var request = outer.ReadSequence();
            outer.ThrowIfNotEmpty();

            ReadOnlyMemory<byte> info = request.ReadEncodedValue();
            var algorithm = request.ReadSequence();
            string signatureId = algorithm.ReadObjectIdentifier();
            byte[] signature = request.ReadBitString(out int unusedBits);
            request.ThrowIfNotEmpty();
            if (unusedBits != 0)
            {
                throw Fault("its signature is not a whole number of bytes");
            }

            var infoReader = new AsnReader(info, AsnEncodingRules.DER).ReadSequence();
            if (infoReader.ReadInteger() != 0)
            {
                throw Fault("it is not a version 1 request");
            }

            infoReader.ReadEncodedValue(); // subject: Windows writes CN=<GUID>!<hash>, which the sandbox does not use
            byte[] spki = infoReader.ReadEncodedValue().ToArray();
            var publicKey = PublicKey.CreateFromSubjectPublicKeyInfo(spki, out _);

            if (!RsaSignatureIds.TryGetValue(signatureId, out var hash))
            {
                throw Fault($"it is signed with {signatureId}, which is not an RSA signature a Windows PC makes");
            }

            using var rsa = publicKey.GetRSAPublicKey() ?? throw new SoapFaultException(SoapFaultSubcodes.CertificateRequest,
                $"The certificate request has a {publicKey.Oid.FriendlyName ?? publicKey.Oid.Value} key; the policy asks for RSA.");
            if (!rsa.VerifyData(info.Span, signature, hash, RSASignaturePadding.Pkcs1))
            {
                throw Fault("its signature does not match its key");
            }

            return new Pkcs10Request(publicKey, signatureId);
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException or ArgumentException or NotSupportedException)
        {
            throw Fault("it is not DER (" + e.GetType().Name + ")");
        }
    }

    private static SoapFaultException Fault(string why) =>
        new(SoapFaultSubcodes.CertificateRequest, "The BinarySecurityToken is not a valid, correctly signed PKCS#10 request: " + why + ".");
}
