using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Text;
using System.Xml.Linq;
using BulkEnroll.Packaging;
using BulkEnroll.Packaging.Payload;
using BulkEnroll.Packaging.Secrets;
using BulkEnroll.Packaging.Tests.Files;
using BulkEnroll.Packaging.Tests.Wim;
using Xunit;

namespace BulkEnroll.Tests.Packages;

/// <summary>Values and checks shared by the package tests: the settings a test asks for and what must then be in the file.</summary>
internal static class PackageKit
{
    public const string Upn = "windows-bulkenroll-paris@contoso.com";
    public const string Secret = "Gener1c-S3cret&<pw>";
    public const string WifiKey = "correct horse & <battery>";
    public const string AdminPassword = "L0cal!Adm<in>&pw";
    public const string DiscoveryUrl = "https://login.mobileiron.com";

    public static readonly string[] AllSecrets = { Secret, WifiKey, AdminPassword };

    public static SecureString Secure(string text) => SecretText.Protect(text);

    public static PSCredential Credential(string user, string password) => new(user, Secure(password));

    /// <summary>A generic user as New-BulkEnrollUser emits it, password included.</summary>
    public static BulkEnrollUser User(string upn, string password = Secret) =>
        new(1, upn, "Windows bulk enrollment", DateTime.Now, 0, Credential(upn, password));

    /// <summary>What the cmdlet should have built for the given settings, with the ID the build chose.</summary>
    public static PackageDefinition Definition(Guid packageId, string name, string upn = Upn, string secret = Secret, string discoveryUrl = DiscoveryUrl) =>
        new(packageId, name) { Enrollment = new EnrollmentDefinition(upn, Secure(secret), discoveryUrl) };

    /// <summary>The settings of <see cref="FullCommand"/>.</summary>
    public static PackageDefinition FullDefinition(Guid packageId)
    {
        PackageDefinition definition = Definition(packageId, "Paris");
        definition.Version = "2.1";
        definition.OwnerType = PackageOwnerType.SystemIntegrator;
        definition.Rank = 7;
        definition.ComputerNameTemplate = "PAR-%SERIAL%";
        definition.Wifi = new WifiDefinition("Corp WiFi", WifiSecurity.WPA2Personal, Secure(WifiKey)) { Hidden = true };
        definition.LocalAccount = new LocalAccountDefinition("localadmin", Secure(AdminPassword));
        definition.HideOobe = true;
        return definition;
    }

    /// <summary>Every setting at once, for $args[0] = output folder, $args[1] = secret, $args[2] = Wi-Fi key, $args[3] = admin credential.</summary>
    public const string FullCommand =
        "New-BulkEnrollPackage -UserPrincipalName '" + Upn + "' -Secret $args[1] -OutputPath $args[0] -PackageName Paris -Version 2.1 "
        + "-OwnerType SystemIntegrator -Rank 7 -DeviceNameTemplate 'PAR-%SERIAL%' -WifiSsid 'Corp WiFi' -WifiKey $args[2] -HiddenNetwork "
        + "-LocalAdminCredential $args[3] -HideOobe";

    public static object[] FullArguments(string folder) =>
        new object[] { folder, Secure(Secret), Secure(WifiKey), Credential("localadmin", AdminPassword) };

    /// <summary>
    /// The independent check every built package gets: wimlib verifies the WIM and extracts it, and the extracted
    /// tree must be exactly the payload we meant to write, byte for byte, with the image properties we set.
    /// </summary>
    public static void AssertWimlibReadsExactly(string ppkg, PackageDefinition expected)
    {
        Wimlib.Run("verify", ppkg);
        using var temp = new TempDirectory();
        string extracted = temp.Combine("tree");
        Wimlib.Run("apply", ppkg, "1", extracted, "--no-acls");

        Dictionary<string, byte[]> actual = Directory.GetFiles(extracted, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(extracted, f).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal);
        using PackagePayload payload = PackagePayloadBuilder.Build(expected, NativePackageBuilder.BuilderVersion, DateTime.UtcNow, new PackageValidationOptions(allowHttpLoopback: true));
        Assert.Equal(payload.Files.Select(f => f.Path).OrderBy(p => p, StringComparer.Ordinal), actual.Keys.OrderBy(p => p, StringComparer.Ordinal));
        foreach (PayloadFile file in payload.Files)
        {
            Assert.True(file.Content.AsSpan().SequenceEqual(actual[file.Path]), $"{file.Path} differs from what was meant to be written");
        }

        XElement image = WimlibImageXml(ppkg);
        foreach (ImageProperty property in payload.ImageProperties)
        {
            Assert.Equal(property.Value, image.Element(property.Name)?.Value ?? string.Empty);
        }
    }

    /// <summary>Image 1's XML as wimlib reads it (UTF-16LE in the file).</summary>
    public static XElement WimlibImageXml(string wim)
    {
        byte[] xml = Wimlib.Run("info", wim, "--xml").StandardOutput;
        return XDocument.Parse(Encoding.Unicode.GetString(xml).TrimStart('\uFEFF')).Root!.Elements("IMAGE").Single(e => (string?)e.Attribute("INDEX") == "1");
    }

    /// <summary>The owner-only promise: mode 600 (700 for a folder) on Unix, a protected DACL for owner, SYSTEM and Administrators on Windows.</summary>
    public static void AssertOwnerOnly(string path) => OwnerOnlyAssert.OwnerOnly(path);

    /// <summary>No stray temporary file or staging folder may be left next to what was written.</summary>
    public static void AssertOnlyFiles(string folder, params string[] names) => OwnerOnlyAssert.OnlyFiles(folder, names);

    /// <summary>Every text a value shows: ToString and every property, for secret-leak checks.</summary>
    public static string Everything(IEnumerable<PSObject> output) =>
        string.Join("\n", output.SelectMany(o => new[] { o.ToString() }.Concat(o.Properties.Select(p =>
        {
            object? value = SafeValue(p);
            return value is System.Collections.IEnumerable list && value is not string
                ? string.Join(",", list.Cast<object?>())
                : value?.ToString() ?? string.Empty;
        }))));

    public static void AssertNoSecret(string text)
    {
        foreach (string secret in AllSecrets)
        {
            Assert.DoesNotContain(secret, text);
        }

        // XML escaping must not smuggle them out either.
        Assert.DoesNotContain(System.Security.SecurityElement.Escape(Secret), text);
    }

    private static object? SafeValue(PSPropertyInfo property)
    {
        try
        {
            return property.Value;
        }
        catch (GetValueInvocationException)
        {
            return null;
        }
    }
}
