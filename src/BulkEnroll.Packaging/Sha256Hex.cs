using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using BulkEnroll.Packaging.Wim;

namespace BulkEnroll.Packaging;

/// <summary>
/// SHA-256 for the module and the library, one place. Lower-case hex is what Get-FileHash shows (in upper case), for
/// checking copies of a package. FIPS-safe: on .NET Framework, SHA256.Create() is SHA256Managed, which throws when
/// Windows' FIPS policy is on (common in government and banks); the CryptoAPI implementation is FIPS-validated.
/// On .NET (Core) SHA256.Create() is already the operating system's implementation.
/// </summary>
internal static class Sha256Hex
{
    private const string FipsValidatedNetFramework = "System.Security.Cryptography.SHA256CryptoServiceProvider";

    private static readonly bool IsNetFramework =
        RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

    public static string Of(byte[] data) => WimHash.ToHex(Hash(data));

    public static string Of(Stream data)
    {
        using HashAlgorithm sha = Create();
        return WimHash.ToHex(sha.ComputeHash(data));
    }

    public static byte[] Hash(byte[] data)
    {
        using HashAlgorithm sha = Create();
        return sha.ComputeHash(data);
    }

    /// <summary>The FIPS-safe SHA-256 of this runtime; the only way code here should make one.</summary>
    public static HashAlgorithm Create()
        => IsNetFramework && CryptoConfig.CreateFromName(FipsValidatedNetFramework) is HashAlgorithm csp ? csp : SHA256.Create();
}
