using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Text;
using BulkEnroll.Packaging.Payload;
using BulkEnroll.Packaging.Secrets;

namespace BulkEnroll.Packaging.Tests.Payload;

/// <summary>Definitions and byte helpers shared by the payload tests.</summary>
internal static class Samples
{
    public static readonly Guid PackageId = new Guid("6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b");
    public const string Upn = "windows-bulkenroll-paris@contoso.com";
    public const string DiscoveryUrl = "https://login.mobileiron.com/EnrollmentServer/Discovery.svc";
    public const string AdminPassword = "L0cal!Adm<in>&\"pw\"";
    public const string WifiKey = "correct horse & <battery>";
    public const string EnrollSecret = "Gener1c-S3cret&<>\"'";

    public static SecureString Secure(string text) => SecretText.Protect(text);

    public static string Plain(SecureString? secret) => secret is null ? "<null>" : SecretText.Reveal(secret);

    /// <summary>Everything set: computer name, admin, WPA2 Wi-Fi, HideOobe, enrollment.</summary>
    public static PackageDefinition Full() => new PackageDefinition(PackageId, "Paris bulk enroll")
    {
        Version = "1.0",
        OwnerType = PackageOwnerType.ITAdmin,
        Rank = 0,
        ComputerNameTemplate = "PAR-%SERIAL%",
        LocalAccount = new LocalAccountDefinition("localadmin", Secure(AdminPassword)),
        Wifi = new WifiDefinition("Corp WiFi", WifiSecurity.WPA2Personal, Secure(WifiKey)),
        HideOobe = true,
        Enrollment = new EnrollmentDefinition(Upn, Secure(EnrollSecret), DiscoveryUrl),
    };

    /// <summary>Only what a wired PC needs: enrollment.</summary>
    public static PackageDefinition Minimal() => new PackageDefinition(PackageId, "Wired")
    {
        Enrollment = new EnrollmentDefinition(Upn, Secure(EnrollSecret), DiscoveryUrl),
    };

    public static PackagePayload Build(PackageDefinition definition) =>
        PackagePayloadBuilder.Build(definition, "1.2.3", new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc));

    public static byte[] File(PackagePayload payload, string path) => payload.Files.Single(f => f.Path == path).Content;

    public static string Text(byte[] bytes) =>
        bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
            ? Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3)
            : Encoding.UTF8.GetString(bytes);

    public static bool HasBom(byte[] bytes) => bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;

    public static byte[] Utf8Bom(string text) => new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(text)).ToArray();

    /// <summary>Lines joined with CRLF, no final newline: the shape of every ICD file.</summary>
    public static string Crlf(params string[] lines) => string.Join("\r\n", lines);

    public static Dictionary<string, byte[]> Files(PackagePayload payload) => payload.Files.ToDictionary(f => f.Path, f => f.Content);
}
