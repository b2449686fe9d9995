using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using BulkEnroll.Neurons;
using BulkEnroll.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace BulkEnroll.Tests.Connection;

/// <summary>
/// Connect-BulkEnroll -TrustedCertificateSha256 trusts exactly one certificate besides the system's: a test tenant's
/// self-signed one. Anything else (another certificate, the pinned one for a host it does not name) stays refused,
/// and refused before the credentials leave.
/// </summary>
public sealed class CertificatePinningTests : SandboxSession
{
    private const string ConnectPinned = "Connect-BulkEnroll -TenantUri $args[0] -Credential $args[1] -TrustedCertificateSha256 $args[2] -MaxRetryCount 1";

    [Fact]
    public void ThePinnedSandboxCertificateIsAcceptedOverHttpsWrittenAsViewersPrintIt()
    {
        string colons = string.Join(":", Enumerable.Range(0, 32).Select(i => Sandbox.TlsCertificateSha256!.Substring(i * 2, 2))).ToLowerInvariant();

        Shell.Run(ConnectPinned, Sandbox.HttpsBaseAddress, AdminCredential, colons).ThrowIfErrors();

        var connection = Shell.Run("Get-BulkEnrollConnection").ThrowIfErrors().Single<BulkEnrollConnection>();
        Assert.Equal(Sandbox.TlsCertificateSha256, connection.TrustedCertificateSha256);
        Assert.False(connection.SkipCertificateCheck);
        Assert.NotEmpty(Shell.Run("Get-BulkEnrollDeviceSpace").ThrowIfErrors().Output);
        Assert.Contains(Sandbox.RequestLog.Entries, e => e.Path.StartsWith("/api/", StringComparison.Ordinal) && e.User == Sandbox.Admin.UserName);
    }

    [Fact]
    public async Task AnotherCertificateIsRefusedAndNeverSeesTheCredentials()
    {
        using var other = SelfSigned("127.0.0.1");
        var requests = new ConcurrentBag<string>();
        await using var impostor = await StartHttpsAsync(other, requests);

        var result = Shell.Run(ConnectPinned, AddressOf(impostor), AdminCredential, Sandbox.TlsCertificateSha256);

        Assert.Equal(ErrorCategory.SecurityError, result.Error("CertificateRejected").CategoryInfo.Category);
        Assert.Empty(requests);
        Assert.Empty(Shell.Run("Get-BulkEnrollConnection").Output);
    }

    [Fact]
    public async Task ThePinnedCertificateIsRefusedForAHostItDoesNotName()
    {
        using var certificate = SelfSigned("tenant.example.com");
        var requests = new ConcurrentBag<string>();
        await using var server = await StartHttpsAsync(certificate, requests);

        var result = Shell.Run(ConnectPinned, AddressOf(server), AdminCredential, CertificatePin.Sha256Of(certificate));

        Assert.Equal(ErrorCategory.SecurityError, result.Error("CertificateRejected").CategoryInfo.Category);
        Assert.Empty(requests);
    }

    [Fact]
    public void WithoutThePinTheSandboxCertificateIsStillRefused()
    {
        Shell.Run(ConnectPinned, Sandbox.HttpsBaseAddress, AdminCredential, Sandbox.TlsCertificateSha256).ThrowIfErrors();

        var result = Shell.Run("Connect-BulkEnroll -TenantUri $args[0] -Credential $args[1] -MaxRetryCount 1", Sandbox.HttpsBaseAddress, AdminCredential);

        Assert.Equal(ErrorCategory.SecurityError, result.Error("CertificateRejected").CategoryInfo.Category);
    }

    [Theory]
    [InlineData("not-a-hash", "InvalidCertificateSha256")]
    [InlineData("ABCDEF", "InvalidCertificateSha256")]
    [InlineData("SKIP", "CertificateOptionsConflict")]
    [InlineData("HTTP", "CertificateWithoutHttps")]
    public void BadCertificateParametersFailBeforeAnythingIsSent(string pin, string errorId)
    {
        string script = "Connect-BulkEnroll -TenantUri $args[0] -Credential $args[1] -TrustedCertificateSha256 $args[2]" + (pin == "SKIP" ? " -SkipCertificateCheck" : "");
        Uri tenant = pin == "HTTP" ? Sandbox.BaseAddress : Sandbox.HttpsBaseAddress!;
        string value = pin is "SKIP" or "HTTP" ? Sandbox.TlsCertificateSha256! : pin;
        Sandbox.RequestLog.Clear();

        var result = Shell.Run(script, tenant, AdminCredential, value);

        var error = result.Error(errorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(Sandbox.RequestLog.Entries);
    }

    [Theory]
    [InlineData(SslPolicyErrors.None, false, true)]                                   // the system trusts it: the pin changes nothing
    [InlineData(SslPolicyErrors.RemoteCertificateChainErrors, true, true)]            // self-signed, pinned
    [InlineData(SslPolicyErrors.RemoteCertificateChainErrors, false, false)]          // self-signed, another pin
    [InlineData(SslPolicyErrors.RemoteCertificateNameMismatch, true, false)]          // pinned, wrong host
    [InlineData(SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch, true, false)]
    public void APinExcusesOnlyAnUntrustedChainOfExactlyThatCertificate(SslPolicyErrors errors, bool pinMatches, bool accepted)
    {
        using var certificate = SelfSigned("127.0.0.1");
        string pin = pinMatches ? CertificatePin.Sha256Of(certificate) : new string('0', 64);

        Assert.Equal(accepted, CertificatePin.Accepts(certificate, errors, pin));
        Assert.False(CertificatePin.Accepts(null, SslPolicyErrors.RemoteCertificateChainErrors, pin));
        Assert.Equal(errors == SslPolicyErrors.None, CertificatePin.Accepts(certificate, errors, null));
    }

    [Theory]
    [InlineData("ab CD ef 01 23 45 67 89 ab cd ef 01 23 45 67 89 ab cd ef 01 23 45 67 89 ab cd ef 01 23 45 67 89", true)]
    [InlineData("AB-CD-EF-01-23-45-67-89-AB-CD-EF-01-23-45-67-89-AB-CD-EF-01-23-45-67-89-AB-CD-EF-01-23-45-67-89", true)]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF012345678", false)]   // 63 digits: a SHA-1 or a typo
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF012345678G", false)]
    public void APinIsSixtyFourHexDigitsWithTheSeparatorsViewersPrint(string text, bool valid)
    {
        string? pin = CertificatePin.Normalize(text);

        Assert.Equal(valid, pin != null);
        if (valid)
        {
            Assert.Equal("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789", pin);
        }
    }

    private static X509Certificate2 SelfSigned(string host)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + host, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        if (IPAddress.TryParse(host, out IPAddress? address))
        {
            names.AddIpAddress(address);
        }
        else
        {
            names.AddDnsName(host);
        }

        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        if (!OperatingSystem.IsWindows())
        {
            return certificate;
        }

        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null); // SChannel needs a stored key
        }
    }

    /// <summary>An https server on 127.0.0.1 that records the Authorization header of every request reaching it.</summary>
    private static async Task<WebApplication> StartHttpsAsync(X509Certificate2 certificate, ConcurrentBag<string> requests)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(ctx =>
        {
            requests.Add(ctx.Request.Headers.Authorization.ToString());
            return Task.CompletedTask;
        });
        await app.StartAsync();
        return app;
    }

    private static Uri AddressOf(WebApplication server) => new(server.Urls.First());
}
