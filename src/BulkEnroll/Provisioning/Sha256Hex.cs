using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace BulkEnroll.Provisioning;

/// <summary>The lower-case hex SHA-256 that Get-FileHash shows (in upper case), for checking copies of a package.</summary>
internal static class Sha256Hex
{
    public static string Of(byte[] data)
    {
        using SHA256 sha = SHA256.Create();
        return Hex(sha.ComputeHash(data));
    }

    public static string Of(Stream data)
    {
        using SHA256 sha = SHA256.Create();
        return Hex(sha.ComputeHash(data));
    }

    private static string Hex(byte[] hash)
    {
        var text = new StringBuilder(hash.Length * 2);
        foreach (byte b in hash)
        {
            text.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
