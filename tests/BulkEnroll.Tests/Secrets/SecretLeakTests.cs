using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BulkEnroll.Sandbox;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Secrets;

/// <summary>
/// Every cmdlet, with -Verbose and -Debug and every stream captured, succeeding and failing: no API password,
/// generic-user password, Wi-Fi key, local admin password or enrollment secret appears in any stream,
/// exception text, ToString or default view. Files that must hold them are owner-only.
/// </summary>
public sealed class SecretLeakTests : SandboxSession
{
    private const string WifiKey = "Leak-Wifi-Key-7";
    private const string LocalAdminPassword = "Leak-Local-Admin-7";
    private const string ChosenUserPassword = "Leak-User-Pass-7";

    private string _work = null!;

    protected override SandboxOptions Options => new() { DeviceCount = 150, Seed = 3, GenericUserPassword = "Leak-Generic-Pass-7" };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _work = Directory.CreateTempSubdirectory("bulkenroll-secrets-").FullName;
        var variables = Shell.Runspace.SessionStateProxy;
        variables.SetVariable("TenantUri", Sandbox.BaseAddress);
        variables.SetVariable("HttpsUri", Sandbox.HttpsBaseAddress);
        variables.SetVariable("Api", AdminCredential);
        variables.SetVariable("WrongApi", Credential(Sandbox.Admin.UserName, Sandbox.Admin.Password + "x"));
        variables.SetVariable("GenericSecret", Secure(Sandbox.Options.GenericUserPassword));
        variables.SetVariable("WifiKey", Secure(WifiKey));
        variables.SetVariable("LocalAdmin", Credential("localadmin", LocalAdminPassword));
        variables.SetVariable("ChosenPassword", Secure(ChosenUserPassword));
        variables.SetVariable("WeakPassword", Secure("weak"));
        variables.SetVariable("Work", _work);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private string[] Secrets => new[]
    {
        Sandbox.Admin.Password, Sandbox.Admin.Password + "x", Sandbox.Options.GenericUserPassword, WifiKey, LocalAdminPassword, ChosenUserPassword,
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Sandbox.Admin.UserName + ":" + Sandbox.Admin.Password)),
    };

    [Fact]
    public void NoSecretAppearsInAnyStreamExceptionViewOrString()
    {
        const string everything = """
            $ErrorActionPreference = 'Continue'
            $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $WarningPreference = 'Continue'; $InformationPreference = 'Continue'
            Connect-BulkEnroll -TenantUri $TenantUri -Credential $WrongApi
            Connect-BulkEnroll -TenantUri $HttpsUri -Credential $Api
            Connect-BulkEnroll -TenantUri $TenantUri -Credential $Api -PassThru
            Get-BulkEnrollConnection; Get-BulkEnrollDeviceSpace
            $created = New-BulkEnrollUser -Name leak-a -Domain contoso.com -Password $ChosenPassword
            $created; $created.ToString(); $created.Credential.ToString()
            New-BulkEnrollUser -Name leak-a -Domain contoso.com -Password $ChosenPassword
            New-BulkEnrollUser -Name leak-b -Domain contoso.com -Password $WeakPassword
            New-BulkEnrollUser -Name leak-c -Domain contoso.com
            Get-BulkEnrollUser
            Get-BulkEnrolledDevice -EnrolledBy windows-bulkenroll-user1@contoso.com -IncludeSerialNumber
            [pscustomobject]@{ DeviceId = 99999999; UPN = 'nobody@contoso.com' } | Set-DeviceAssignment
            $package = New-BulkEnrollPackage -UserPrincipalName windows-bulkenroll-user1@contoso.com -Secret $GenericSecret -LocalAdminCredential $LocalAdmin -WifiSsid Corp -WifiKey $WifiKey -OutputPath $Work -SaveProject -Force
            $package; $package.ToString()
            $created | New-BulkEnrollPackage -OutputPath $Work -WifiSsid Corp -WifiKey $WifiKey -DeviceNameTemplate 'THIS-NAME-IS-FAR-TOO-LONG-%SERIAL%'
            New-BulkEnrollPackage -UserPrincipalName windows-bulkenroll-user1@contoso.com -Secret $GenericSecret -OutputPath $Work -HideOobe -DiscoveryServiceUrl 'http://example.com'
            Get-BulkEnrollPackage $package.Path; Get-BulkEnrollPackage $package.ProjectPath
            (Get-BulkEnrollPackage $package.Path).ToString()
            Test-BulkEnrollPackage $package.Path
            Remove-BulkEnrollUser windows-bulkenroll-leak-a@contoso.com -Confirm:$false
            Get-BulkEnrollLocalEnrollment
            Disconnect-BulkEnroll
            """;

        var result = Shell.Run(everything + " *>&1 | Out-Host");
        var direct = Shell.Run(everything);

        string text = Shell.HostText + "\n" + result.AllText + "\n" + direct.AllText + "\n"
            + string.Join("\n", direct.AllErrors.Select(e => e.Exception?.ToString() + e.InvocationInfo?.Line + e.ScriptStackTrace));
        // The run did happen, failures included.
        Assert.Contains("windows-bulkenroll-leak-a@contoso.com", text);
        foreach (string id in new[] { "Unauthorized", "CertificateRejected", "UserAlreadyExists", "WeakPassword", "UserNotFound", "DeviceNameTooLong", "HideOobeWithoutAccount" })
        {
            Assert.True(direct.ErrorIds.Any(e => e.StartsWith(id + ",", StringComparison.Ordinal)), id + " not in " + string.Join(" ", direct.ErrorIds));
        }

        foreach (string secret in Secrets)
        {
            Assert.DoesNotContain(secret, text);
        }
    }

    [Fact]
    public void FilesThatHoldSecretsAreOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // the Windows DACL is covered by the package tests on Windows
        }

        Connect().ThrowIfErrors();
        var package = Shell.Run("New-BulkEnrollPackage -UserPrincipalName windows-bulkenroll-user1@contoso.com -Secret $GenericSecret -LocalAdminCredential $LocalAdmin -OutputPath $Work -SaveProject")
            .ThrowIfErrors().Single<BulkEnrollPackage>();

        foreach (string path in new[] { package.Path, package.ProjectPath! })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Contains(LocalAdminPassword, File.ReadAllText(path, System.Text.Encoding.Latin1) + ReadWim(path));
        }
    }

    // The project is plain XML; the package is a WIM whose payload may be compressed, so read it as Windows would.
    private static string ReadWim(string path)
    {
        if (!path.EndsWith(".ppkg", StringComparison.OrdinalIgnoreCase))
        {
            return string.Empty;
        }

        using var reader = BulkEnroll.Packaging.Wim.WimReader.Open(path);
        return string.Join("\n", reader.Files.Select(f => System.Text.Encoding.UTF8.GetString(reader.ReadFile(f.Path))));
    }
}
