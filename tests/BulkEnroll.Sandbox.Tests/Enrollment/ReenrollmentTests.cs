using System;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using BulkEnroll.Sandbox.Enrollment;
using BulkEnroll.Sandbox.Tenant;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Enrollment;

/// <summary>A PC that enrolls again (same HWDevID, as after a re-image): under either switch setting the tenant keeps
/// exactly one active record for it, which is what the module's listing and assignment rely on.</summary>
public sealed class ReenrollmentTests
{
    private static async Task<(SandboxDevice[] Records, long FirstId, long SecondId)> EnrollTwiceAsync(ReenrollmentMode mode)
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { DeviceCount = 5, GenericUserCount = 2, Seed = 5, Https = false });
        sandbox.Controls.Update(c => c with { Reenrollment = mode });
        var url = new Uri(sandbox.BaseAddress, "EnrollmentServer/Enrollment.svc");
        string hwDevId = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        using var http = new HttpClient();
        long[] ids = new long[2];
        for (int i = 0; i < 2; i++)
        {
            using var key = RSA.Create(2048);
            byte[] csr = new CertificateRequest("CN=7BA748C8703E4DF2A74A92984117346A", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequest();
            (await Soap.PostAsync(http, url, Soap.RequestSecurityToken(Soap.NewMessageId(), url.AbsoluteUri,
                i == 0 ? EnrollmentSandbox.GenericUser : EnrollmentSandbox.OtherGenericUser, sandbox.Options.GenericUserPassword, csr,
                i == 0 ? "REIMAGED-BEFORE" : "REIMAGED-AFTER", "REIMAGE1", hwDevId))).ShouldBeOk(Soap.RstrcAction);
            ids[i] = sandbox.Tenant.Snapshot().Devices.Where(d => d.HardwareSerial == "REIMAGE1").Max(d => d.Id);
        }
        return (sandbox.Tenant.Snapshot().Devices.Where(d => d.HardwareSerial == "REIMAGE1").ToArray(), ids[0], ids[1]);
    }

    [Fact]
    public async Task By_default_a_new_record_is_made_and_the_old_one_retired()
    {
        var (records, first, second) = await EnrollTwiceAsync(ReenrollmentMode.NewRecordRetiresOld);

        Assert.NotEqual(first, second);
        Assert.Equal(RegistrationState.Retired, records.Single(d => d.Id == first).RegistrationState);
        var active = Assert.Single(records, d => d.RegistrationState == RegistrationState.Active);
        Assert.Equal(second, active.Id);
        Assert.Equal("REIMAGED-AFTER", active.DeviceName);
        Assert.Equal(EnrollmentSandbox.OtherGenericUser, active.Enroller.Uid);
    }

    [Fact]
    public async Task With_ReuseRecord_the_same_record_is_enrolled_again_by_the_new_account()
    {
        var (records, first, second) = await EnrollTwiceAsync(ReenrollmentMode.ReuseRecord);

        Assert.Equal(first, second);
        var only = Assert.Single(records);
        Assert.Equal(RegistrationState.Active, only.RegistrationState);
        Assert.Equal("REIMAGED-AFTER", only.DeviceName);
        Assert.Equal(EnrollmentSandbox.OtherGenericUser, only.Enroller.Uid);
        Assert.Equal(EnrollmentSandbox.OtherGenericUser, only.Owner.Uid);
    }
}
