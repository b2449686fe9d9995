using System;
using System.IO;
using System.Linq;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.BadInput;

/// <summary>
/// Malformed input to the package cmdlets (no tenant involved): bad settings are refused with a stable id before
/// any file is written; corrupt, truncated, foreign and hostile files are reported per file, never as a .NET dump.
/// Variables: $Secret, $Key, $Admin, $Out (an empty folder per case), $Good (a valid package), $Files (a folder
/// of prepared bad files).
/// </summary>
public sealed class PackageBadInputTests : IClassFixture<PackageBadInputTests.Files>, IDisposable
{
    private const string New = "New-BulkEnrollPackage -UserPrincipalName windows-bulkenroll-user1@contoso.com -Secret $Secret -OutputPath $Out ";
    private readonly Files _files;
    private readonly PowerShellSession _shell = new();
    private readonly string _out = Directory.CreateTempSubdirectory("bulkenroll-badpkg-").FullName;

    public PackageBadInputTests(Files files)
    {
        _files = files;
        var variables = _shell.Runspace.SessionStateProxy;
        variables.SetVariable("Secret", SandboxSession.Secure("Generic-Pass-42"));
        variables.SetVariable("Key", SandboxSession.Secure("Wifi-Key-Pass-42"));
        variables.SetVariable("Admin", SandboxSession.Credential("localadmin", "Local-Admin-42"));
        variables.SetVariable("Out", _out);
        variables.SetVariable("Files", files.Folder);
        // ConvertTo-SecureString lives in a module the hosted engine does not carry.
        _shell.Run("function global:Secure([string] $Text) { $s = [securestring]::new(); foreach ($c in $Text.ToCharArray()) { $s.AppendChar($c) }; $s }").ThrowIfErrors();
    }

    public static TheoryData<BadInputCase> Cases() => new()
    {
        new("UPN without the prefix", "New-BulkEnrollPackage -UserPrincipalName adele.vance@contoso.com -Secret $Secret -OutputPath $Out", "UpnNotBulkEnroll", "adele.vance@contoso.com"),
        new("Credential of a real user", "New-BulkEnrollPackage -Credential ([pscredential]::new('adele.vance@contoso.com', $Secret)) -OutputPath $Out", "UpnNotBulkEnroll", "adele.vance@contoso.com"),
        new("Malformed UPN", "New-BulkEnrollPackage -UserPrincipalName 'windows-bulkenroll-x@' -Secret $Secret -OutputPath $Out", "UpnMalformed", "windows-bulkenroll-x@"),
        new("UPN with brackets", "New-BulkEnrollPackage -UserPrincipalName 'windows-bulkenroll-[x]@contoso.com' -Secret $Secret -OutputPath $Out", "UpnMalformed", "windows-bulkenroll-[x]@contoso.com"),
        new("Empty UPN", "New-BulkEnrollPackage -UserPrincipalName '' -Secret $Secret -OutputPath $Out", "ParameterArgumentValidationError", "'UserPrincipalName'"),
        new("Empty secret", "New-BulkEnrollPackage -UserPrincipalName windows-bulkenroll-user1@contoso.com -Secret ([securestring]::new()) -OutputPath $Out", "EnrollmentSecretMissing", "windows-bulkenroll-user1@contoso.com"),
        new("Name template over 15 characters after expansion", New + "-DeviceNameTemplate 'CONTOSO-LAPTOP-%SERIAL%'", "DeviceNameTooLong", "CONTOSO-LAPTOP-%SERIAL%"),
        new("Name template with 16 literal characters", New + "-DeviceNameTemplate 'ABCDEFGHIJKLMNOP'", "DeviceNameTooLong", "ABCDEFGHIJKLMNOP"),
        new("Name template with a space", New + "-DeviceNameTemplate 'PAR %SERIAL%'", "DeviceNameInvalidCharacter", "PAR %SERIAL%"),
        new("Name template with an underscore", New + "-DeviceNameTemplate 'PAR_%RAND:4%'", "DeviceNameInvalidCharacter", "PAR_%RAND:4%"),
        new("Name template with a bracket", New + "-DeviceNameTemplate 'CTS-[%RAND:3%'", "DeviceNameInvalidCharacter", "CTS-[%RAND:3%"),
        new("Name template that can be all digits", New + "-DeviceNameTemplate '%RAND:8%'", "DeviceNameAllDigits", "%RAND:8%"),
        new("Name template with an unknown macro", New + "-DeviceNameTemplate 'PAR-%USER%'", "DeviceNameUnknownMacro", "PAR-%USER%"),
        new("Name template with an unclosed macro", New + "-DeviceNameTemplate 'PAR-%SERIAL'", "DeviceNameUnknownMacro", "PAR-%SERIAL"),
        new("Name template with a 16-digit random part", New + "-DeviceNameTemplate 'P%RAND:16%'", "DeviceNameRandLengthInvalid", "%RAND:16%"),
        new("Name template with a zero-digit random part", New + "-DeviceNameTemplate 'PAR-%RAND:0%'", "DeviceNameRandLengthInvalid", "%RAND:0%"),
        new("Name template with an Arabic-Indic digit", New + "-DeviceNameTemplate 'PAR-%RAND:\u0663%'", "DeviceNameRandLengthInvalid", "%RAND:\u0663%"),
        new("Empty name template", New + "-DeviceNameTemplate ''", "DeviceNameEmpty", "windows-bulkenroll-user1@contoso.com"),
        new("Name template starting with a hyphen", New + "-DeviceNameTemplate '-PAR%RAND:3%'", "DeviceNameHyphenAtEdge", "-PAR%RAND:3%"),
        new("Discovery URL over plain http", New + "-DiscoveryServiceUrl 'http://login.mobileiron.com'", "DiscoveryUrlNotHttps", "http://login.mobileiron.com"),
        new("Discovery URL that is not a URL", New + "-DiscoveryServiceUrl 'login mobileiron'", "DiscoveryUrlMalformed", "login mobileiron"),
        new("Discovery URL over ftp", New + "-DiscoveryServiceUrl 'ftp://login.mobileiron.com'", "DiscoveryUrlMalformed", "ftp://login.mobileiron.com"),
        new("Empty discovery URL", New + "-DiscoveryServiceUrl ''", "ParameterArgumentValidationError", "'DiscoveryServiceUrl'"),
        new("HideOobe without a local account", New + "-HideOobe", "HideOobeWithoutAccount", "windows-bulkenroll-user1@contoso.com"),
        new("WPA2 network without a key", New + "-WifiSsid Corp", "WifiKeyMissing", "windows-bulkenroll-user1@contoso.com"),
        new("Empty SSID", New + "-WifiSsid ''", "WifiKeyMissing", "windows-bulkenroll-user1@contoso.com"),
        new("WPA2 key of 7 characters", New + "-WifiSsid Corp -WifiKey ([securestring]::new())", "WifiKeyMissing", "windows-bulkenroll-user1@contoso.com"),
        new("WPA2 key of 5 characters", New + "-WifiSsid Corp -WifiKey (Secure 'short')", "WifiKeyInvalid", "8 to 63"),
        new("WPA2 key of 65 characters", New + "-WifiSsid Corp -WifiKey (Secure ('k' * 64 + 'z'))", "WifiKeyInvalid", "64 hexadecimal"),
        new("Unknown Wi-Fi security", New + "-WifiSsid Corp -WifiSecurity Bogus", "ParameterArgumentValidationError", "Bogus"),
        new("SSID of 33 bytes", New + "-WifiSsid ('S' * 33) -WifiKey $Key", "SsidInvalid", "windows-bulkenroll-user1@contoso.com"),
        new("Version that is not N.N", New + "-Version 'one'", "VersionInvalid", "'one'"),
        new("Version of five parts", New + "-Version '1.2.3.4.5'", "VersionInvalid", "'1.2.3.4.5'"),
        new("Rank over 99", New + "-Rank 100", "RankOutOfRange", "100"),
        new("Negative rank", New + "-Rank -1", "RankOutOfRange", "-1"),
        new("Unknown owner type", New + "-OwnerType Bogus", "ParameterArgumentValidationError", "Bogus"),
        new("Unknown builder", New + "-Builder Bogus", "CannotConvertArgumentNoMessage", "Bogus"),
        new("Package name with a slash", New + "-PackageName 'a/b'", "NameInvalid", "windows-bulkenroll-user1@contoso.com"),
        new("Package name of 300 characters", New + "-PackageName ('p' * 300)", "NameInvalid", "1 to 100"),
        new("Empty package name", New + "-PackageName ''", "ParameterArgumentValidationError", "'PackageName'"),
        new("Device limit of zero", New + "-DeviceLimit 0", "ParameterArgumentValidationError", "'DeviceLimit'"),
        new("Local admin with a forbidden name", New + "-LocalAdminCredential ([pscredential]::new('a/b', $Secret))", "LocalAccountNameInvalid", "windows-bulkenroll-user1@contoso.com"),
        new("Local admin password of one letter", New + "-LocalAdminCredential ([pscredential]::new('localadmin', (Secure 'a')))", "WeakLocalAdminPassword", "fewer than 8 characters"),
        new("Local admin password of 7 characters", New + "-LocalAdminCredential ([pscredential]::new('localadmin', (Secure 'Passw0r')))", "WeakLocalAdminPassword", "fewer than 8 characters"),
        new("Local admin password in lower case only", New + "-LocalAdminCredential ([pscredential]::new('localadmin', (Secure 'alllowercase')))", "WeakLocalAdminPassword", "at least 3 of"),
        new("Local admin password of digits only", New + "-LocalAdminCredential ([pscredential]::new('localadmin', (Secure '12345678')))", "WeakLocalAdminPassword", "at least 3 of"),
        new("Local admin password of two classes", New + "-LocalAdminCredential ([pscredential]::new('localadmin', (Secure 'PASSWORD1234')))", "WeakLocalAdminPassword", "at least 3 of"),
        new("Local admin password holding the account name", New + "-LocalAdminCredential ([pscredential]::new('localadmin', (Secure 'x-LocalAdmin-9')))", "WeakLocalAdminPassword", "account name 'localadmin'"),
        new("Administrator password holding its name", New + "-LocalAdminCredential ([pscredential]::new('Administrator', (Secure 'My-Administrator-1')))", "WeakLocalAdminPassword", "account name 'Administrator'"),
        new("Encrypt with the native builder", New + "-Encrypt", "EncryptRequiresIcd", "-Builder Icd"),
        new("Encrypt a project only", New + "-ProjectOnly -Encrypt", "EncryptWithProjectOnly", "-ProjectOnly"),
        new("Output path that is a file", "New-BulkEnrollPackage -UserPrincipalName windows-bulkenroll-user1@contoso.com -Secret $Secret -OutputPath ($Files + '/garbage.ppkg')", "OutputPathIsFile", "garbage.ppkg"),
        new("Reading a file that is not a WIM", "Get-BulkEnrollPackage ($Files + '/garbage.ppkg')", "PackageNotAWim", "garbage.ppkg"),
        new("Reading a truncated package", "Get-BulkEnrollPackage ($Files + '/truncated.ppkg')", "PackageTruncated", "truncated.ppkg"),
        new("Reading a package with a flipped byte", "Get-BulkEnrollPackage ($Files + '/corrupt.ppkg')", "PackageCorrupt", "corrupt.ppkg"),
        new("Reading an empty file", "Get-BulkEnrollPackage ($Files + '/empty.ppkg')", "PackageNotAWim", "empty.ppkg"),
        new("Reading a missing file", "Get-BulkEnrollPackage ($Files + '/nothere.ppkg')", "PackageNotFound", "nothere.ppkg"),
        new("Reading a missing file with brackets", "Get-BulkEnrollPackage -LiteralPath ($Files + '/[x].ppkg')", "PackageNotFound", "[x].ppkg"),
        new("Reading a folder", "Get-BulkEnrollPackage $Files", "PackagePathIsFolder", "*.ppkg"),
        new("Reading an empty path", "Get-BulkEnrollPackage -Path ''", "ParameterArgumentValidationError", "'Path'"),
        new("Project with entity expansion (billion laughs)", "Get-BulkEnrollPackage ($Files + '/laughs.xml')", "PackageXmlDtdProhibited", "laughs.xml"),
        new("Project with an external entity", "Get-BulkEnrollPackage ($Files + '/external.xml')", "PackageXmlDtdProhibited", "external.xml"),
        new("Project that is not XML", "Get-BulkEnrollPackage ($Files + '/notxml.xml')", "PackageXmlMalformed", "notxml.xml"),
        new("Project of another kind of XML", "Get-BulkEnrollPackage ($Files + '/other.xml')", "PackageXmlUnexpectedRoot", "other.xml"),
        new("Testing a missing file", "Test-BulkEnrollPackage ($Files + '/nothere.ppkg')", "PackageNotFound", "nothere.ppkg"),
        new("Testing a folder", "Test-BulkEnrollPackage $Files", "PackagePathIsFolder", "*.ppkg"),
        new("Testing an empty path", "Test-BulkEnrollPackage -Path ''", "ParameterArgumentValidationError", "'Path'"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MalformedPackageInputGetsAClearErrorWithAStableIdAndWritesNothing(BadInputCase bad)
    {
        ScriptResult result = _shell.Run(bad.Script);

        var error = result.Error(bad.ErrorId);
        string message = error.ErrorDetails?.Message ?? error.Exception?.Message ?? string.Empty;
        Assert.Contains(bad.Names, message);
        // What the admin reads (the message of every error, as PowerShell shows it) is sentences, not a stack trace.
        Assert.All(result.AllErrors, e => Assert.DoesNotContain("   at ", e.ToString() + e.ErrorDetails?.Message));
        Assert.Empty(result.All<BulkEnrollPackage>());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_out));
        foreach (string secret in bad.Secrets.Concat(new[] { "Generic-Pass-42", "Wifi-Key-Pass-42", "Local-Admin-42" }))
        {
            Assert.DoesNotContain(secret, result.AllText);
        }
    }

    [Fact]
    public void TheTableHasAtLeastFiftyCases() => Assert.True(Cases().Count >= 50);

    public void Dispose()
    {
        _shell.Dispose();
        Directory.Delete(_out, recursive: true);
    }

    /// <summary>Bad files made once: garbage, a good package cut short or with a byte flipped, hostile XML.</summary>
    public sealed class Files : IDisposable
    {
        public Files()
        {
            Folder = Directory.CreateTempSubdirectory("bulkenroll-badfiles-").FullName;
            using var shell = new PowerShellSession();
            shell.Runspace.SessionStateProxy.SetVariable("Secret", SandboxSession.Secure("Generic-Pass-42"));
            var good = shell.Run("New-BulkEnrollPackage -UserPrincipalName windows-bulkenroll-user1@contoso.com -Secret $Secret -OutputPath $args[0] -PackageName good", Folder)
                .ThrowIfErrors().Single<BulkEnrollPackage>();
            byte[] bytes = File.ReadAllBytes(good.Path);
            File.WriteAllBytes(Path.Combine(Folder, "truncated.ppkg"), bytes.Take(bytes.Length / 2).ToArray());
            byte[] flipped = (byte[])bytes.Clone();
            flipped[600] ^= 0xFF; // inside the first file blob, after the header and the orphan metadata
            File.WriteAllBytes(Path.Combine(Folder, "corrupt.ppkg"), flipped);
            File.WriteAllText(Path.Combine(Folder, "garbage.ppkg"), "This is not a provisioning package.");
            File.WriteAllBytes(Path.Combine(Folder, "empty.ppkg"), Array.Empty<byte>());
            File.WriteAllText(Path.Combine(Folder, "laughs.xml"),
                "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><WindowsCustomizations>&c;</WindowsCustomizations>");
            File.WriteAllText(Path.Combine(Folder, "external.xml"),
                "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><WindowsCustomizations>&x;</WindowsCustomizations>");
            File.WriteAllText(Path.Combine(Folder, "notxml.xml"), "{ \"this\": \"is json\" }");
            File.WriteAllText(Path.Combine(Folder, "other.xml"), "<?xml version=\"1.0\"?><Project><Item/></Project>");
            File.Delete(good.Path);
        }

        public string Folder { get; }

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }
}
