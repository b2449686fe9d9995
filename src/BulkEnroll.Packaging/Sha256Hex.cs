using System.IO;
using System.Security.Cryptography;
using BulkEnroll.Packaging.Wim;

namespace BulkEnroll.Packaging;

/// <summary>The lower-case hex SHA-256 that Get-FileHash shows (in upper case), for checking copies of a package.</summary>
internal static class Sha256Hex
{
    public static string Of(byte[] data)
    {
        using SHA256 sha = SHA256.Create();
        return WimHash.ToHex(sha.ComputeHash(data));
    }

    public static string Of(Stream data)
    {
        using SHA256 sha = SHA256.Create();
        return WimHash.ToHex(sha.ComputeHash(data));
    }
}
