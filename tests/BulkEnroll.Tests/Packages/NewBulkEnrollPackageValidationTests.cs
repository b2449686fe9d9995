using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using BulkEnroll.Packaging.Tests.Wim;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Packages;

/// <summary>Every way New-BulkEnrollPackage refuses: a stable error id, a clear message, and not a byte written.</summary>
public sealed class NewBulkEnrollPackageValidationTests : IClassFixture<PackageShell>
{
    // $args: 0 = folder, 1 = secret, 2 = Wi-Fi key, 3 = admin credential, 4 = an empty SecureString, 5 = an admin credential with an
    // empty password, 6 = a secret with a tab, 7 = a Wi-Fi key too short, 8 = an admin credential whose password has a line break.
    private const string Base = "New-BulkEnrollPackage -OutputPath $args[0] ";

    private readonly PowerShellSession _shell;

    public NewBulkEnrollPackageValidationTests(PackageShell shell) => _shell = shell.Session;

    [Theory]
    [InlineData("-UserPrincipalName someone@contoso.com", "UpnNotBulkEnroll")]
    [InlineData("-UserPrincipalName windows-bulkenroll-paris", "UpnMalformed")]
    [InlineData("-UserPrincipalName 'windows-bulkenroll paris@contoso.com'", "UpnMalformed")]
    [InlineData("-UserPrincipalName windows-bulkenroll-x@contoso.com -Secret $args[4]", "EnrollmentSecretMissing")]
    [InlineData("-UserPrincipalName windows-bulkenroll-x@contoso.com -Secret $args[6]", "EnrollmentSecretInvalid")]
    [InlineData("-UserPrincipalName windows-bulkenroll-x@contoso.com -DeviceNameTemplate ''", "DeviceNameEmpty")]
    [InlineData("-UserPrincipalName windows-bulkenroll-x@contoso.com -DeviceNameTemplate PARIS-OFFICE-%SERIAL%", "DeviceNameTooLong")]
    [InlineData("-UserPrincipalName windows-bulkenroll-x@contoso.com -DeviceNameTemplate PAR_%RAND:4%", "DeviceNameInvalidCharacter")]
    [InlineData("-UserPrincipalName windows-bulkenroll-x@contoso.com -DeviceNameTemplate 12345", "DeviceNameAllDigits")]
    [InlineData("-UserPrincipalName windows-bulkenroll-x@contoso.com -DeviceNameTemplate PAR-%MAC%", "DeviceNameUnknownMacro")]
    [InlineData("-UserPrincipalName windows-bulkenroll-x@contoso.com -DeviceNameTemplate PAR-%RAND:0%", "DeviceNameRandLengthInvalid")]
    [InlineData("-UserPrincipalName windows-bulkenroll-x@contoso.com -DeviceNameTemplate '-PAR%RAND:3%'", "DeviceNameHyphenAtEdge")]
    [InlineData("-UserPrincipalName windows-bulkenroll-x@contoso.com -HideOobe", "HideOobeWithoutAccount")]
    [InlineData("-UserPrincipalName windows-bulkenroll-x@contoso.com -WifiSsid 'this SSID is far longer than 32 bytes'", "SsidInvalid")]
    [InlineData("-UserPrincipalName windows-bulkenroll-x@contoso.com -WifiSsid Corp", "WifiKeyMissing")]
    [InlineData("-UserPrincipalName windows-bulkenroll-x@contoso.com -WifiSsid Corp -WifiKey $args[4]", "WifiKeyMissing")]
    [InlineData("-UserPrincipalName windows-bulkenroll-x@contoso.com -WifiSsid Corp -WifiKey $args[7]", "WifiKeyInvalid")]
    [InlineData("-UserPrincipalName windows-bulkenroll-x@contoso.com -LocalAdminCredential ([pscredential]::new('bad/name', $args[1]))", "LocalAccountNameInvalid")]
    [InlineData("-UserPrincipalName windows-bulkenroll-x@contoso.com -LocalAdminCredential $args[5]", "LocalAccountPasswordMissing")]
    [InlineData("-UserPrincipalName windows-bulkenroll-x@contoso.com -LocalAdminCredential $args[8]", "LocalAccountPasswordInvalid")]
    [InlineData("-UserPrincipalName windows-bulkenroll-x@contoso.com -DiscoveryServiceUrl 'not a url'", "DiscoveryUrlMalformed")]
    [InlineData("-UserPrincipalName windows-bulkenroll-x@contoso.com -DiscoveryServiceUrl ftp://login.mobileiron.com", "DiscoveryUrlMalformed")]
    [InlineData("-UserPrincipalName windows-bulkenroll-x@contoso.com -DiscoveryServiceUrl http://login.mobileiron.com", "DiscoveryUrlNotHttps")]
    [InlineData("-UserPrincipalName windows-bulkenroll-x@contoso.com -Version 1", "VersionInvalid")]
    [InlineData("-UserPrincipalName windows-bulkenroll-x@contoso.com -Rank 100", "RankOutOfRange")]
    [InlineData("-UserPrincipalName windows-bulkenroll-x@contoso.com -Rank -1", "RankOutOfRange")]
    [InlineData("-UserPrincipalName windows-bulkenroll-x@contoso.com -PackageName 'a/b'", "NameInvalid")]
    [InlineData("-UserPrincipalName windows-bulkenroll-x@contoso.com -PackageName 'a:b'", "NameInvalid")]
    public void AnInvalidSettingIsAnErrorWithItsIdAndNothingIsWritten(string parameters, string errorId)
    {
        using var temp = new TempDirectory();

        string secret = parameters.Contains("-Secret", StringComparison.Ordinal) ? string.Empty : " -Secret $args[1]";

        var result = _shell.Run(Base + parameters + secret, Arguments(temp.Path));

        var error = result.Error(errorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.IsType<BulkEnrollException>(error.Exception);
        Assert.Empty(result.Output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
        PackageKit.AssertNoSecret(result.AllText);
    }

    [Fact]
    public void EveryProblemOfOnePackageIsReportedAtOnce()
    {
        using var temp = new TempDirectory();

        var result = _shell.Run(Base + "-Secret $args[1] -UserPrincipalName someone@contoso.com -DeviceNameTemplate 12345 -HideOobe -Version x", Arguments(temp.Path));

        Assert.Equal(new[] { "VersionInvalid", "DeviceNameAllDigits", "HideOobeWithoutAccount", "UpnNotBulkEnroll" },
            result.ErrorIds.Select(id => id.Split(',')[0]));
        Assert.All(result.Errors, e => Assert.Equal("someone@contoso.com", e.TargetObject));
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void PlainHttpToAnotherHostIsRefusedWithoutTheSandboxNotice()
    {
        using var temp = new TempDirectory();

        var result = _shell.Run(Base + "-Secret $args[1] -UserPrincipalName windows-bulkenroll-x@contoso.com -DiscoveryServiceUrl http://mdm.contoso.com", Arguments(temp.Path));

        result.Error("DiscoveryUrlNotHttps");
        Assert.DoesNotContain(result.Warnings, w => w.Contains("plain HTTP on this machine", StringComparison.Ordinal));
    }

    [Fact]
    public void OneBadUserDoesNotStopTheOthers()
    {
        using var temp = new TempDirectory();
        var users = new[] { PackageKit.User("someone@contoso.com"), PackageKit.User("windows-bulkenroll-ok@contoso.com") };

        var result = _shell.Run("$args[0] | New-BulkEnrollPackage -OutputPath $args[1]", users, temp.Path);

        Assert.Equal("someone@contoso.com", result.Error("UpnNotBulkEnroll").TargetObject);
        Assert.Equal("windows-bulkenroll-ok@contoso.com", result.Single<BulkEnrollPackage>().UserPrincipalName);
        PackageKit.AssertOnlyFiles(temp.Path, "windows-bulkenroll-ok.ppkg", "windows-bulkenroll-ok.bulkenroll.json");
    }

    [Fact]
    public void AUserReadFromTheTenantHasNoPasswordToPackage()
    {
        using var temp = new TempDirectory();
        var fromTenant = new BulkEnrollUser(9, "windows-bulkenroll-old@contoso.com", null, null, 3, null);

        var result = _shell.Run("$args[0] | New-BulkEnrollPackage -OutputPath $args[1]", fromTenant, temp.Path);

        var error = result.Error("NoPassword");
        Assert.Equal("windows-bulkenroll-old@contoso.com", error.TargetObject);
        Assert.Contains("-Secret", error.Exception.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void ACredentialForAnotherUserIsRefused()
    {
        using var temp = new TempDirectory();

        var result = _shell.Run("New-BulkEnrollPackage -UserPrincipalName windows-bulkenroll-a@contoso.com -Credential $args[1] -OutputPath $args[0]",
            temp.Path, PackageKit.Credential("windows-bulkenroll-b@contoso.com", PackageKit.Secret));

        result.Error("CredentialUserMismatch");
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void ACredentialAloneNamesTheUser()
    {
        using var temp = new TempDirectory();

        var package = _shell.Run("New-BulkEnrollPackage -Credential $args[1] -OutputPath $args[0]",
            temp.Path, PackageKit.Credential(PackageKit.Upn, PackageKit.Secret)).ThrowIfErrors().Single<BulkEnrollPackage>();

        Assert.Equal(PackageKit.Upn, package.UserPrincipalName);
        PackageKit.AssertWimlibReadsExactly(package.Path, PackageKit.Definition(package.PackageId, "windows-bulkenroll-paris"));
    }

    [Fact]
    public void OnePackageNameForSeveralUsersWouldOverwriteAndIsRefused()
    {
        using var temp = new TempDirectory();
        var users = new[] { PackageKit.User("windows-bulkenroll-a@contoso.com"), PackageKit.User("windows-bulkenroll-b@contoso.com") };

        var result = _shell.Run("$args[0] | New-BulkEnrollPackage -OutputPath $args[1] -PackageName Site -Force", users, temp.Path);

        Assert.Equal("windows-bulkenroll-a@contoso.com", result.Single<BulkEnrollPackage>().UserPrincipalName);
        Assert.Equal("windows-bulkenroll-b@contoso.com", result.Error("DuplicatePackagePath").TargetObject);
    }

    [Theory]
    [InlineData("-Encrypt", "EncryptRequiresIcd")]
    [InlineData("-Builder Icd -Encrypt -ProjectOnly", "EncryptWithProjectOnly")]
    [InlineData("-Builder Icd", "IcdRequiresWindows")]
    [InlineData("-Builder Icd -Encrypt", "IcdRequiresWindows")]
    [InlineData("-OutputPath Env:", "OutputPathNotFileSystem")]
    [InlineData("-OutputPath NoSuchDrive:/x", "OutputPathInvalid")]
    public void CommandLevelProblemsStopTheCommandBeforeAnything(string parameters, string errorId)
    {
        if (errorId.StartsWith("Icd", StringComparison.Ordinal) && OperatingSystem.IsWindows())
        {
            return; // On Windows, ICD may well be installed; the fake-process tests cover the builder there.
        }

        using var temp = new TempDirectory();

        string output = parameters.Contains("-OutputPath", StringComparison.Ordinal) ? string.Empty : "-OutputPath $args[0] ";

        var result = _shell.Run("$args[1] | New-BulkEnrollPackage " + output + parameters, temp.Path, PackageKit.User(PackageKit.Upn));

        // A terminating error of the cmdlet: the pipeline stops before any record, nothing else is reported.
        Assert.Equal(errorId, Assert.Single(result.ErrorIds).Split(',')[0]);
        Assert.Empty(result.Output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void AnOutputPathThatIsAFileIsRefused()
    {
        using var temp = new TempDirectory();
        string file = temp.Combine("file.txt");
        File.WriteAllText(file, "x");

        var result = _shell.Run("$args[1] | New-BulkEnrollPackage -OutputPath $args[0]", file, PackageKit.User(PackageKit.Upn));

        Assert.Equal("OutputPathIsFile", Assert.Single(result.ErrorIds).Split(',')[0]);
        PackageKit.AssertOnlyFiles(temp.Path, "file.txt");
    }

    [Fact]
    public void OwnerTypeChoicesAreExactlyTheOwnerTypesWindowsKnows()
    {
        var set = (ValidateSetAttribute)typeof(BulkEnroll.Commands.NewBulkEnrollPackageCommand).GetProperty("OwnerType")!
            .GetCustomAttributes(typeof(ValidateSetAttribute), false).Single();

        Assert.Equal(Enum.GetNames(typeof(BulkEnroll.Packaging.Payload.PackageOwnerType)), set.ValidValues);
    }

    private static object?[] Arguments(string folder) => new object?[]
    {
        folder, PackageKit.Secure(PackageKit.Secret), PackageKit.Secure(PackageKit.WifiKey), PackageKit.Credential("localadmin", PackageKit.AdminPassword),
        new System.Security.SecureString(), new PSCredential("admin", new System.Security.SecureString()),
        PackageKit.Secure("a\tb"), PackageKit.Secure("short"), PackageKit.Credential("admin", "a\nb"),
    };
}
