using System;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using System.Xml.Linq;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Enrollment;

/// <summary>MS-WSTEP RequestSecurityToken: credentials checked again, the CSR signed, the device registered under
/// the UPN's account, and a provisioning document returned.</summary>
public sealed class EnrollmentEndpointTests(EnrollmentSandbox fixture) : IClassFixture<EnrollmentSandbox>
{
    private static readonly XNamespace Wst = Soap.Wst;
    private static readonly XNamespace Wsse = Soap.Wsse;

    private Uri EnrollUrl => new(fixture.Sandbox.BaseAddress, "EnrollmentServer/Enrollment.svc");

    private static byte[] Csr(RSA key) =>
        new CertificateRequest("CN=7BA748C8-703E-4DF2-A74A-92984117346A", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequest();

    [Fact]
    public async Task A_generic_user_enrolls_a_device_and_gets_a_certificate_for_its_key()
    {
        using var http = new HttpClient();
        using var key = RSA.Create(2048);
        string messageId = Soap.NewMessageId();
        var response = (await Soap.PostAsync(http, EnrollUrl,
            Soap.RequestSecurityToken(messageId, EnrollUrl.AbsoluteUri, EnrollmentSandbox.GenericUser, fixture.Password, Csr(key), "RAW-ENROLL-1", "RAWSERIAL1")))
            .ShouldBeOk(Soap.RstrcAction);
        Assert.Equal(messageId, response.RelatesTo);

        var rstr = response.BodyElement.Element(Wst + "RequestSecurityTokenResponse")!;
        Assert.Equal(Soap.DeviceEnrollmentToken, rstr.Element(Wst + "TokenType")!.Value);
        var token = rstr.Element(Wst + "RequestedSecurityToken")!.Element(Wsse + "BinarySecurityToken")!;
        Assert.Equal(Soap.ProvisionDoc, (string?)token.Attribute("ValueType"));
        var doc = XElement.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token.Value)));
        Assert.Equal("wap-provisioningdoc", doc.Name.LocalName);

        var stores = doc.Elements("characteristic").Where(c => (string?)c.Attribute("type") == "CertificateStore").ToList();
        X509Certificate2 Cert(string store) => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(
            stores.Elements("characteristic").Where(c => (string?)c.Attribute("type") == store).Descendants("parm")
                .First(p => (string?)p.Attribute("name") == "EncodedCertificate").Attribute("value")!.Value));
        using var root = Cert("Root");
        using var device = Cert("My");
        Assert.True(device.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()));
        Assert.Equal(root.Subject, device.Issuer);
        using (var chain = new X509Chain())
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(root);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            Assert.True(chain.Build(device));
        }
        Assert.Contains(device.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.2");
        // EnrollmentType Device: the certificate goes to the machine's store.
        Assert.Contains(stores.Elements("characteristic").Where(c => (string?)c.Attribute("type") == "My").Elements("characteristic"), c => (string?)c.Attribute("type") == "System");

        var w7 = doc.Elements("characteristic").Single(c => (string?)c.Attribute("type") == "APPLICATION");
        string Parm(XElement c, string name) => c.Elements("parm").Single(p => (string?)p.Attribute("name") == name).Attribute("value")!.Value;
        Assert.Equal("w7", Parm(w7, "APPID"));
        Assert.StartsWith(fixture.Sandbox.BaseAddress.AbsoluteUri, Parm(w7, "ADDR"));
        Assert.Contains(doc.Elements("characteristic"), c => (string?)c.Attribute("type") == "DMClient");

        var registered = fixture.Sandbox.Tenant.Snapshot().Devices.Single(d => d.DeviceName == "RAW-ENROLL-1");
        var account = fixture.Sandbox.Tenant.FindAccountByUid(EnrollmentSandbox.GenericUser)!;
        Assert.Equal(account.Id, registered.Enroller.Id);
        Assert.Equal(account.Id, registered.Owner.Id);
        Assert.True(registered.IsBulkEnrolled);
        Assert.Equal("RAWSERIAL1", registered.HardwareSerial);
        Assert.Equal("LENOVO", registered.Hardware.Manufacturer);
        Assert.Equal("10.0.26100.2314", registered.OsBuild);
        Assert.Equal("Windows 11 Pro", registered.OsEdition);
    }

    [Theory]
    [InlineData(EnrollmentSandbox.GenericUser, "wrong-Password1!")]
    [InlineData(EnrollmentSandbox.UnknownUser, null)]
    public async Task Wrong_credentials_are_an_authentication_fault_and_register_nothing(string user, string? password)
    {
        using var http = new HttpClient();
        using var key = RSA.Create(2048);
        string name = "RAW-DENIED-" + (password is null ? "U" : "P");
        var response = (await Soap.PostAsync(http, EnrollUrl,
            Soap.RequestSecurityToken(Soap.NewMessageId(), EnrollUrl.AbsoluteUri, user, password ?? fixture.Password, Csr(key), name, "DENIED")))
            .ShouldBeFault("Authentication");
        Assert.Equal(Soap.RstrcAction, response.Action); // MS-MDE2 2.2.10 sends enrollment faults with the RSTRC action
        Assert.DoesNotContain(fixture.Sandbox.Tenant.Snapshot().Devices, d => d.DeviceName == name);
    }

    [Fact]
    public async Task A_user_outside_windows_bulkenroll_may_enroll_but_it_is_not_a_bulk_enrollment()
    {
        using var api = fixture.Sandbox.CreateClient(fixture.Sandbox.Admin);
        (await api.PostFormAsync("api/v1/accounts", ("accounts[0].uid", "kiosk.enroller@contoso.com"), ("accounts[0].firstName", "Kiosk"),
            ("accounts[0].lastName", "Enroller"), ("accounts[0].displayName", "Kiosk Enroller"), ("accounts[0].password", "Kiosk-Pass1!"))).ShouldBeOk();

        using var http = new HttpClient();
        using var key = RSA.Create(2048);
        (await Soap.PostAsync(http, EnrollUrl, Soap.RequestSecurityToken(Soap.NewMessageId(), EnrollUrl.AbsoluteUri,
            "kiosk.enroller@contoso.com", "Kiosk-Pass1!", Csr(key), "RAW-KIOSK-1", "KIOSK1"))).ShouldBeOk(Soap.RstrcAction);
        var device = fixture.Sandbox.Tenant.Snapshot().Devices.Single(d => d.DeviceName == "RAW-KIOSK-1");
        Assert.Equal("kiosk.enroller@contoso.com", device.Enroller.Uid);
        Assert.False(device.IsBulkEnrolled);
    }

    [Fact]
    public async Task A_short_key_or_a_broken_CSR_is_a_certificaterequest_fault()
    {
        using var http = new HttpClient();
        using var small = RSA.Create(1024);
        (await Soap.PostAsync(http, EnrollUrl, Soap.RequestSecurityToken(Soap.NewMessageId(), EnrollUrl.AbsoluteUri,
            EnrollmentSandbox.GenericUser, fixture.Password, Csr(small), "RAW-SMALLKEY", "S1"))).ShouldBeFault("CertificateRequest");

        using var key = RSA.Create(2048);
        byte[] tampered = Csr(key);
        tampered[^5] ^= 0xFF; // inside the signature
        (await Soap.PostAsync(http, EnrollUrl, Soap.RequestSecurityToken(Soap.NewMessageId(), EnrollUrl.AbsoluteUri,
            EnrollmentSandbox.GenericUser, fixture.Password, tampered, "RAW-TAMPERED", "S2"))).ShouldBeFault("CertificateRequest");
        Assert.DoesNotContain(fixture.Sandbox.Tenant.Snapshot().Devices, d => d.DeviceName.StartsWith("RAW-SMALLKEY") || d.DeviceName.StartsWith("RAW-TAMPERED"));
    }

    [Fact]
    public async Task The_request_log_records_enrollment_requests_without_the_secret()
    {
        const string secret = "Zq7-UniqueSecret-NeverLogged";
        using var http = new HttpClient();
        using var key = RSA.Create(2048);
        var policy = new Uri(fixture.Sandbox.BaseAddress, "EnrollmentServer/Policy.svc");
        await Soap.PostAsync(http, policy, Soap.GetPolicies(Soap.NewMessageId(), policy.AbsoluteUri, EnrollmentSandbox.GenericUser, secret));
        await Soap.PostAsync(http, EnrollUrl, Soap.RequestSecurityToken(Soap.NewMessageId(), EnrollUrl.AbsoluteUri, EnrollmentSandbox.GenericUser, secret, Csr(key), "RAW-LOG", "L1"));

        var entries = fixture.Sandbox.RequestLog.Entries;
        Assert.Contains(entries, e => e.Method == "POST" && e.Path == "/EnrollmentServer/Policy.svc" && e.StatusCode == 500);
        Assert.Contains(entries, e => e.Method == "POST" && e.Path == "/EnrollmentServer/Enrollment.svc" && e.StatusCode == 500);
        Assert.DoesNotContain(secret, JsonSerializer.Serialize(entries));
        using var admin = fixture.Sandbox.CreateClient();
        Assert.DoesNotContain(secret, await admin.GetStringAsync("_sandbox/requests"));
    }
}
