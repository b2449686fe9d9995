using System;
using System.Security.Cryptography;
using System.Text;

namespace BulkEnroll.Packaging.Payload;

/// <summary>RFC 4122 version-5 (SHA-1, name-based) UUIDs, which .NET Standard 2.0 does not provide.</summary>
internal static class NameBasedUuid
{
    /// <summary>RFC 4122 Appendix C: the namespace for fully-qualified domain names.</summary>
    public static readonly Guid DnsNamespace = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    public static Guid Version5(Guid namespaceId, string name)
    {
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        byte[] input = new byte[16 + nameBytes.Length];
        Buffer.BlockCopy(ToNetworkOrder(namespaceId.ToByteArray()), 0, input, 0, 16);
        Buffer.BlockCopy(nameBytes, 0, input, 16, nameBytes.Length);

        byte[] hash;
        using (SHA1 sha1 = SHA1.Create())
        {
            hash = sha1.ComputeHash(input);
        }

        byte[] uuid = new byte[16];
        Array.Copy(hash, uuid, 16);
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x50);
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80);
        return new Guid(ToNetworkOrder(uuid));
    }

    // Guid's byte array keeps its first three fields little-endian; RFC 4122 hashes them big-endian.
    // The swap is its own inverse, so it converts in both directions.
    private static byte[] ToNetworkOrder(byte[] bytes)
    {
        Array.Reverse(bytes, 0, 4);
        Array.Reverse(bytes, 4, 2);
        Array.Reverse(bytes, 6, 2);
        return bytes;
    }
}
