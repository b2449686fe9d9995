using System;

namespace BulkEnroll.Packaging.Wim;

/// <summary>SHA-1 digests as WIM stores them: 20 bytes, all zero for "no data".</summary>
internal static class WimHash
{
    public const int Size = 20;

    public static bool IsZero(ReadOnlySpan<byte> hash)
    {
        foreach (byte b in hash)
        {
            if (b != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Lower-case hex, the form wimlib prints (and, for SHA-256, <see cref="Sha256Hex"/>).</summary>
    public static string ToHex(ReadOnlySpan<byte> hash)
    {
        const string digits = "0123456789abcdef";
        var chars = new char[hash.Length * 2];
        for (int i = 0; i < hash.Length; i++)
        {
            chars[2 * i] = digits[hash[i] >> 4];
            chars[(2 * i) + 1] = digits[hash[i] & 0xF];
        }

        return new string(chars);
    }
}
