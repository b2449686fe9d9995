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
    }

    public static TheoryData<BadInputCase> Cases() => new()
    {
        new("UPN without the prefix", "New-BulkEnrollPackage -UserPrincipalName adele.vance@contoso.com -Secret $Secret -OutputPath $Out", "UpnNotBulkEnroll"),
        new("Malformed UPN", "New-BulkEnrollPackage -UserPrincipalName 'windows-bulkenroll-x@' -Secret $Secret -OutputPath $Out", "UpnMalformed"),
        new("Empty secret", "New-BulkEnrollPackage -UserPrincipalName windows-bulkenroll-user1@contoso.com -Secret ([securestring]::new()) -OutputPath $Out", "EnrollmentSecretMissing"),
        new("Name template over 15 characters after expansion", New + "-DeviceNameTemplate 'CONTOSO-LAPTOP-%SERIAL%'", "DeviceNameTooLong"),
        new("Name template with 16 literal characters", New + "-DeviceNameTemplate 'ABCDEFGHIJKLMNOP'", "DeviceNameTooLong"),
        new("Name template with a space", New + "-DeviceNameTemplate 'PAR %SERIAL%'", "DeviceNameInvalidCharacter"),
        new("Name template with an underscore", New + "-DeviceNameTemplate 'PAR_%RAND:4%'", "DeviceNameInvalidCharacter"),
        new("Name template that can be all digits", New + "-DeviceNameTemplate '%RAND:8%'", "DeviceNameAllDigits"),
        new("Name template with an unknown macro", New + "-DeviceNameTemplate 'PAR-%USER%'", "DeviceNameUnknownMacro"),
        new("Name template with a 16-digit random part", New + "-DeviceNameTemplate 'P%RAND:16%'", "DeviceNameRandLengthInvalid"),
        new("Name template starting with a hyphen", New + "-DeviceNameTemplate '-PAR%RAND:3%'", "DeviceNameHyphenAtEdge"),
        new("Discovery URL over plain http", New + "-DiscoveryServiceUrl 'http://login.mobileiron.com'", "DiscoveryUrlNotHttps"),
        new("Discovery URL that is not a URL", New + "-DiscoveryServiceUrl 'login mobileiron'", "DiscoveryUrlMalformed"),
        new("HideOobe without a local account", New + "-HideOobe", "HideOobeWithoutAccount"),
        new("WPA2 network without a key", New + "-WifiSsid Corp", "WifiKeyMissing"),
        new("WPA2 key of 7 characters", New + "-WifiSsid Corp -WifiKey ([securestring]::new())", "WifiKeyMissing"),
        new("SSID of 33 bytes", New + "-WifiSsid ('S' * 33) -WifiKey $Key", "SsidInvalid"),
        new("Version that is not N.N", New + "-Version 'one'", "VersionInvalid"),
        new("Rank over 99", New + "-Rank 100", "RankOutOfRange"),
        new("Package name with a slash", New + "-PackageName 'a/b'", "NameInvalid"),
        new("Local admin with a forbidden name", New + "-LocalAdminCredential ([pscredential]::new('a/b', $Secret))", "LocalAccountNameInvalid"),
        new("Encrypt with the native builder", New + "-Encrypt", "EncryptRequiresIcd"),
        new("Output path that is a file", "New-BulkEnrollPackage -UserPrincipalName windows-bulkenroll-user1@contoso.com -Secret $Secret -OutputPath ($Files + '/garbage.ppkg')", "OutputPathIsFile"),
        new("Reading a file that is not a WIM", "Get-BulkEnrollPackage ($Files + '/garbage.ppkg')", "PackageNotAWim"),
        new("Reading a truncated package", "Get-BulkEnrollPackage ($Files + '/truncated.ppkg')", "PackageTruncated"),
        new("Reading a package with a flipped byte", "Get-BulkEnrollPackage ($Files + '/corrupt.ppkg')", "PackageCorrupt"),
        new("Reading an empty file", "Get-BulkEnrollPackage ($Files + '/empty.ppkg')", "PackageNotAWim"),
        new("Reading a missing file", "Get-BulkEnrollPackage ($Files + '/nothere.ppkg')", "PackageNotFound"),
        new("Project with entity expansion (billion laughs)", "Get-BulkEnrollPackage ($Files + '/laughs.xml')", "PackageXmlDtdProhibited"),
        new("Project with an external entity", "Get-BulkEnrollPackage ($Files + '/external.xml')", "PackageXmlDtdProhibited"),
        new("Project that is not XML", "Get-BulkEnrollPackage ($Files + '/notxml.xml')", "PackageXmlMalformed"),
        new("Project of another kind of XML", "Get-BulkEnrollPackage ($Files + '/other.xml')", "PackageXmlUnexpectedRoot"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MalformedPackageInputGetsAClearErrorWithAStableIdAndWritesNothing(BadInputCase bad)
    {
        ScriptResult result = _shell.Run(bad.Script);

        var error = result.Error(bad.ErrorId);
        string message = error.ErrorDetails?.Message ?? error.Exception?.Message ?? string.Empty;
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.DoesNotContain("   at ", message);
        Assert.Empty(result.All<BulkEnrollPackage>());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_out));
        Assert.DoesNotContain("Generic-Pass-42", result.AllText);
    }

    [Fact]
    public void TheTableHasAtLeastThirtyCases() => Assert.True(Cases().Count >= 30);

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
