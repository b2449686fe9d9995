using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BulkEnroll.Sandbox.Enrollment;

namespace BulkEnroll.Sandbox.VirtualDevices;

/// <summary>MS-WSTEP RequestSecurityToken: a fresh RSA key and PKCS#10 request, the UsernameToken again, and the
/// AdditionalContext a Windows PC sends when a provisioning package enrolls it at OOBE (EnrollmentType Device), in the
/// order and formats of the captured requests; the CSR's signature algorithm follows <see cref="WindowsProfile"/>.</summary>
internal static class EnrollmentStep
{
    public static async Task<EnrollmentResponseReader.Enrolled> RunAsync(
        DeviceRun run, Uri url, WorkplaceEnrollment enrollment, string deviceName, int keyLength, CancellationToken cancellationToken)
    {
        using var key = RSA.Create(keyLength);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(run.Identity.DeviceId);
        byte[] csr = run.Profile.CreateCsr(subject.Build(), key);

        byte[] request = DeviceRequests.RequestSecurityToken(DeviceRequests.NewMessageId(), url, enrollment.Upn, enrollment.Secret, csr, Context(run, deviceName));
        var body = await run.Soap.PostOrFailAsync(url, request, EnrollmentStage.Enrollment, "enrollment service", enrollment.Upn, cancellationToken)
            ?? throw new DeviceStageException(EnrollmentStage.Enrollment, $"The enrollment service at {url} answered an empty SOAP body.");

        var enrolled = EnrollmentResponseReader.Read(body, key, url);
        run.Note($"POST RequestSecurityToken {url} as {enrollment.Upn} ({keyLength}-bit key, device {deviceName}) → certificate {enrolled.Certificate.Thumbprint} " +
                 $"({enrolled.Certificate.Subject}, issued by {enrolled.Certificate.Issuer}); OMA-DM server {enrolled.ManagementServer} (provider {enrolled.ProviderId})");
        return enrolled;
    }

    internal static IEnumerable<(string Name, string Value)> Context(DeviceRun run, string deviceName)
    {
        var o = run.Options;
        yield return ("UXInitiated", "false");
        yield return (ContextItems.HardwareDeviceId, run.Identity.HardwareDeviceId);
        yield return ("Locale", "en-US");
        yield return ("TargetedUserLoggedIn", "false");
        yield return (ContextItems.OsEdition, o.OsEdition.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return (ContextItems.DeviceName, deviceName);
        yield return ("MAC", run.Identity.MacAddress);
        yield return (ContextItems.DeviceId, run.Identity.DeviceId);
        yield return (ContextItems.EnrollmentType, "Device");
        yield return ("DeviceType", "CIMClient_Windows");
        yield return (ContextItems.OsVersion, o.OsVersion);
        yield return ("ApplicationVersion", o.OsVersion);
        yield return ("NotInOobe", "false");
        yield return ("RequestVersion", WindowsProfile.EnrollmentRequestVersion);
        yield return (ContextItems.SandboxSerialNumber, o.SerialNumber);
        yield return (ContextItems.SandboxManufacturer, o.Manufacturer);
        yield return (ContextItems.SandboxModel, o.Model);
    }
}
