using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BulkEnroll.Sandbox.Enrollment;

/// <summary>The sandbox's MDM certificate authority: made in memory at start, it signs the PKCS#10 requests of
/// enrolling devices. ECDSA P-256 for the CA itself, because generating it costs nothing at start-up; devices keep
/// their RSA keys.</summary>
internal sealed class SandboxCertificateAuthority : IDisposable
{
    public static readonly TimeSpan DeviceCertificateLifetime = TimeSpan.FromDays(365);

    private const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";

    private readonly ECDsa _key;
    private readonly TimeProvider _time;

    public SandboxCertificateAuthority(TimeProvider time)
    {
        _time = time;
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=BulkEnroll Sandbox MDM Device CA, O=BulkEnroll Sandbox", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        using var withKey = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        Certificate = X509CertificateLoader.LoadCertificate(withKey.RawData); // the public part is all anyone needs
    }

    /// <summary>The CA certificate (no private key), sent to devices for their Root store.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Checks a device's PKCS#10 request (signature made with SHA-1 under either id, or SHA-2; RSA of at least <paramref name="minimalKeyLength"/> bits)
    /// and issues a client-authentication certificate for its key.</summary>
    /// <exception cref="SoapFaultException">s:certificaterequest, saying what is wrong with the request.</exception>
    public X509Certificate2 Issue(byte[] pkcs10, string subjectCommonName, int minimalKeyLength)
    {
        var csr = Pkcs10Request.ReadAndVerify(pkcs10);
        using var rsa = csr.PublicKey.GetRSAPublicKey()!; // ReadAndVerify accepts RSA keys only
        if (rsa.KeySize < minimalKeyLength)
        {
            throw new SoapFaultException(SoapFaultSubcodes.CertificateRequest, $"The certificate request has a {rsa.KeySize}-bit key; the policy asks for at least {minimalKeyLength} bits.");
        }

        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(subjectCommonName);
        var request = new CertificateRequest(subject.Build(), csr.PublicKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ClientAuthenticationOid)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));

        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial number
        var now = _time.GetUtcNow();
        return request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), now.AddMinutes(-5), now.Add(DeviceCertificateLifetime), serial);
    }

    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }
}
