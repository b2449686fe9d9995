using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BulkEnroll.Sandbox.Tests.Enrollment;
using BulkEnroll.Sandbox.VirtualDevices;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.VirtualDevices;

/// <summary>Virtual devices apply packages built by the module's own payload and WIM code, enroll over real HTTP,
/// and show up in the REST API as bulk enrolled; each failure stops at the right stage and registers nothing.</summary>
public sealed class VirtualDeviceTests(EnrollmentSandbox fixture) : IClassFixture<EnrollmentSandbox>
{
    private string BareUrl => fixture.Sandbox.BaseAddress.AbsoluteUri.TrimEnd('/');

    private string Package(string? url = null, string upn = EnrollmentSandbox.GenericUser, string? secret = null, string? nameTemplate = "PAR-%SERIAL%", bool wifi = true) =>
        TestPackages.WriteTemp(TestPackages.Build(url ?? BareUrl, upn, secret ?? fixture.Password, nameTemplate, wifi), fixture.Folder);

    private int DeviceCount => fixture.Sandbox.Tenant.Snapshot().Devices.Count;

    [Fact]
    public async Task Devices_with_different_serials_enroll_from_one_package_and_appear_as_bulk_enrolled_in_the_API()
    {
        string package = Package();
        string[] serials = ["PF4XK2Q9", "5CG1234XYZ9876", "SN-0000000000AB12"];
        var results = await Task.WhenAll(serials.Select(s => new VirtualDevice(new VirtualDeviceOptions { SerialNumber = s, Model = "21HD000QUS", Manufacturer = "LENOVO" }).EnrollAsync(package)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        // %SERIAL% is cut from its beginning so that the name keeps 15 characters.
        Assert.Equal(["PAR-PF4XK2Q9", "PAR-1234XYZ9876", "PAR-0000000AB12"], results.Select(r => r.DeviceName));
        Assert.All(results, r => Assert.Equal(EnrollmentSandbox.GenericUser, r.UserPrincipalName));
        Assert.All(results, r => Assert.Equal(40, r.CertificateThumbprint!.Length));
        Assert.Equal("Corp WiFi", results[0].Settings!.WifiNetworks.Single().Ssid);
        Assert.Equal(new LocalAccountSetting("localadmin", "Administrators"), results[0].Settings!.LocalAccounts.Single());
        Assert.True(results[0].Settings!.HideOobe);
        Assert.Equal(new Uri(BareUrl + "/"), results[0].DiscoveryUrl); // the bare URL answered, as Ivanti documents it

        var generic = fixture.Sandbox.Tenant.FindAccountByUid(EnrollmentSandbox.GenericUser)!;
        using var api = fixture.Sandbox.CreateClient(fixture.Sandbox.Admin);
        var listed = (await api.GetApiAsync(SandboxTestKit.DevicesUri(fixture.Sandbox, $"fq=enrollerId={generic.Id}&rows=500"))).ShouldBeOk().SearchResults;
        foreach (var (result, serial) in results.Zip(serials))
        {
            var device = listed.Single(d => d.GetProperty("deviceName").GetString() == result.DeviceName);
            Assert.Equal(generic.Id, device.GetProperty("enrollerId").GetInt64());
            Assert.Equal(generic.Id, device.GetProperty("ownerId").GetInt64());
            Assert.Equal("WINDOWS_PHONE", device.GetProperty("platformType").GetString());
            Assert.Equal("LENOVO", device.GetProperty("manufacturer").GetString());
            long id = device.GetProperty("id").GetInt64();
            var inventory = (await api.GetApiAsync($"api/v1/device/{id}/hardwareinventory?dmPartitionId={fixture.Sandbox.Tenant.DefaultSpace.Id}")).ShouldBeOk();
            Assert.Equal(serial, inventory.Result.GetProperty("computerSystemProduct").GetProperty("identifyingNumber").GetString());
        }
    }

    [Fact]
    public async Task Enrollment_works_over_HTTPS_with_the_pinned_certificate_and_fails_at_discovery_without_it()
    {
        string package = Package(url: fixture.Sandbox.HttpsBaseAddress!.AbsoluteUri);
        var pinned = await new VirtualDevice(new VirtualDeviceOptions { SerialNumber = "TLS00001", TrustedServerCertificate = fixture.Sandbox.TlsCertificate }).EnrollAsync(package);
        Assert.True(pinned.Succeeded, pinned.ToString());
        Assert.Equal(Uri.UriSchemeHttps, pinned.EnrollmentServiceUrl!.Scheme);
        var byThumbprint = await new VirtualDevice(new VirtualDeviceOptions { SerialNumber = "TLS00002", TrustedServerCertificateSha256 = fixture.Sandbox.TlsCertificateSha256 }).EnrollAsync(package);
        Assert.True(byThumbprint.Succeeded, byThumbprint.ToString());

        int before = DeviceCount;
        var untrusted = await new VirtualDevice(new VirtualDeviceOptions { SerialNumber = "TLS00003" }).EnrollAsync(package);
        Assert.Equal(EnrollmentStage.Discovery, untrusted.FailedStage);
        Assert.Contains("not trusted", untrusted.Message);
        Assert.Equal(before, DeviceCount);
    }

    [Fact]
    public async Task A_wrong_secret_fails_at_the_policy_request_like_incorrect_credentials_and_never_shows_the_secret()
    {
        const string wrong = "Wr0ng-Secret-Value!";
        int before = DeviceCount;
        var result = await new VirtualDevice(new VirtualDeviceOptions { SerialNumber = "WRONG0001" }).EnrollAsync(Package(secret: wrong));
        Assert.Equal(EnrollmentStage.Policy, result.FailedStage);
        Assert.Contains("s:Authentication", result.Message);
        Assert.Contains("0x80180002", result.Message);
        Assert.DoesNotContain(wrong, result.Message + string.Join("\n", result.Steps) + result);
        Assert.DoesNotContain(fixture.Password, string.Join("\n", result.Steps));
        Assert.Equal(before, DeviceCount);
    }

    [Fact]
    public async Task An_unknown_UPN_fails_at_the_policy_request()
    {
        int before = DeviceCount;
        var result = await new VirtualDevice(new VirtualDeviceOptions { SerialNumber = "GHOST0001" }).EnrollAsync(Package(upn: EnrollmentSandbox.UnknownUser));
        Assert.Equal(EnrollmentStage.Policy, result.FailedStage);
        Assert.Contains("s:Authentication", result.Message);
        Assert.Equal(before, DeviceCount);
    }

    [Fact]
    public async Task An_unreachable_URL_fails_at_discovery_after_trying_Discovery_svc_too()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }
        var result = await new VirtualDevice(new VirtualDeviceOptions { SerialNumber = "NOHOST001" }).EnrollAsync(Package(url: $"http://127.0.0.1:{port}"));
        Assert.Equal(EnrollmentStage.Discovery, result.FailedStage);
        Assert.Contains("refused the connection", result.Message);
        Assert.Contains(result.Steps, s => s.Contains($"127.0.0.1:{port}/EnrollmentServer/Discovery.svc"));
    }

    [Fact]
    public async Task A_URL_without_a_discovery_service_fails_at_discovery_naming_both_attempts()
    {
        var result = await new VirtualDevice(new VirtualDeviceOptions { SerialNumber = "BADPATH01" }).EnrollAsync(Package(url: BareUrl + "/tenant/x"));
        Assert.Equal(EnrollmentStage.Discovery, result.FailedStage);
        Assert.Contains("/tenant/x answered HTTP 404", result.Message);
        Assert.Contains("/tenant/x/EnrollmentServer/Discovery.svc answered HTTP 404", result.Message);
    }

    [Fact]
    public async Task A_real_service_URL_is_never_contacted()
    {
        var result = await new VirtualDevice(new VirtualDeviceOptions { SerialNumber = "REAL00001" }).EnrollAsync(Package(url: "https://login.mobileiron.com"));
        Assert.Equal(EnrollmentStage.Discovery, result.FailedStage);
        Assert.Contains("not a loopback host", result.Message);
        Assert.DoesNotContain(result.Steps, s => s.StartsWith("GET", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_package_without_Wi_Fi_needs_a_cable()
    {
        string package = Package(wifi: false);
        var noNetwork = await new VirtualDevice(new VirtualDeviceOptions { SerialNumber = "NONET0001" }).EnrollAsync(package);
        Assert.Equal(EnrollmentStage.Discovery, noNetwork.FailedStage);
        Assert.Contains("No network", noNetwork.Message);

        var wired = await new VirtualDevice(new VirtualDeviceOptions { SerialNumber = "WIRED0001", WiredNetwork = true }).EnrollAsync(package);
        Assert.True(wired.Succeeded, wired.ToString());
    }

    [Fact]
    public async Task A_package_without_Workplace_enrollment_fails_at_the_package_stage()
    {
        int before = DeviceCount;
        string package = TestPackages.WriteTemp(TestPackages.WithoutWorkplace(BareUrl, EnrollmentSandbox.GenericUser, fixture.Password), fixture.Folder);
        var result = await new VirtualDevice(new VirtualDeviceOptions { SerialNumber = "NOWORK001" }).EnrollAsync(package);
        Assert.Equal(EnrollmentStage.Package, result.FailedStage);
        Assert.Contains("no Workplace enrollment", result.Message);
        Assert.Equal("PAR-NOWORK001", result.DeviceName); // the rest of the package still applied
        Assert.Equal(before, DeviceCount);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("flipped")]
    [InlineData("not a wim")]
    public async Task A_corrupt_package_fails_at_the_package_stage(string damage)
    {
        byte[] bytes = TestPackages.Build(BareUrl, EnrollmentSandbox.GenericUser, fixture.Password);
        switch (damage)
        {
            case "truncated": bytes = bytes[..(bytes.Length / 2)]; break;
            case "flipped": for (int i = 300; i < bytes.Length - 600; i += 97) { bytes[i] ^= 0x5A; } break;
            case "not a wim": bytes = "PK\u0003\u0004 this is a zip, not a wim"u8.ToArray(); break;
        }
        var result = await new VirtualDevice(new VirtualDeviceOptions { SerialNumber = "CORRUPT01" }).EnrollAsync(new MemoryStream(bytes));
        Assert.Equal(EnrollmentStage.Package, result.FailedStage);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
        Assert.DoesNotContain(fixture.Password, result.Message);
    }

    [Fact]
    public async Task A_provxml_with_a_DTD_is_refused_at_the_package_stage()
    {
        byte[] hostile = TestPackages.WithEditedFile(BareUrl, EnrollmentSandbox.GenericUser, fixture.Password, "Workplace_Enrollments",
            xml => xml.Replace("<wap-provisioningdoc>", "<!DOCTYPE wap-provisioningdoc [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><wap-provisioningdoc>"));
        var result = await new VirtualDevice(new VirtualDeviceOptions { SerialNumber = "DTD000001" }).EnrollAsync(new MemoryStream(hostile));
        Assert.Equal(EnrollmentStage.Package, result.FailedStage);
        Assert.Contains("DTD", result.Message);
    }

    [Fact]
    public async Task AuthPolicy_written_as_display_text_is_read_like_the_numeric_value()
    {
        // docs/reference/package-format.md#workplace-enrollment-payload leaves open whether ICD writes AuthPolicy as 0 or as "OnPremise"; the CSP takes either.
        byte[] package = TestPackages.WithEditedFile(BareUrl, EnrollmentSandbox.GenericUser, fixture.Password, "Workplace_Enrollments",
            xml => xml.Replace("name=\"AuthPolicy\" value=\"0\" datatype=\"integer\"", "name=\"AuthPolicy\" value=\"OnPremise\" datatype=\"string\""));
        var result = await new VirtualDevice(new VirtualDeviceOptions { SerialNumber = "AUTHTEXT1" }).EnrollAsync(new MemoryStream(package));
        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal("OnPremise", result.Settings!.Enrollment!.AuthPolicy);
    }

    [Fact]
    public async Task A_missing_file_fails_at_the_package_stage()
    {
        var result = await new VirtualDevice().EnrollAsync(Path.Combine(fixture.Folder, "nothing.ppkg"));
        Assert.Equal(EnrollmentStage.Package, result.FailedStage);
        Assert.Contains("cannot be opened", result.Message);
    }

    [Fact]
    public async Task A_serial_that_makes_an_invalid_name_fails_at_the_device_name_stage()
    {
        int before = DeviceCount;
        var result = await new VirtualDevice(new VirtualDeviceOptions { SerialNumber = "AB CD/12" }).EnrollAsync(Package());
        Assert.Equal(EnrollmentStage.DeviceName, result.FailedStage);
        Assert.Contains("PAR-AB CD/12", result.Message);
        Assert.Equal(before, DeviceCount);
    }

    [Fact]
    public async Task RAND_digits_are_random_and_a_package_without_a_name_gets_DESKTOP_xxxxxxx()
    {
        var rand = await new VirtualDevice(new VirtualDeviceOptions { SerialNumber = "RAND00001", RandomSeed = 5 }).EnrollAsync(Package(nameTemplate: "LAB-%RAND:6%"));
        Assert.True(rand.Succeeded, rand.ToString());
        Assert.Matches("^LAB-[0-9]{6}$", rand.DeviceName);

        var unnamed = await new VirtualDevice(new VirtualDeviceOptions { SerialNumber = "NONAME001" }).EnrollAsync(Package(nameTemplate: null));
        Assert.True(unnamed.Succeeded, unnamed.ToString());
        Assert.Matches("^DESKTOP-[A-Z0-9]{7}$", unnamed.DeviceName);
    }
}
