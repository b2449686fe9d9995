using System;
using System.Buffers.Binary;

namespace BulkEnroll.Packaging.Wim;

/// <summary>
/// The two self-relative security descriptors a genuine ICD package carries (docs/reference/package-format.md#security-descriptors): one on
/// the root directory and one, with inherited ACEs, on every generated file. ICD copies the building
/// user's SID; well-known SIDs keep our packages free of anything host-specific: owner and group
/// BUILTIN\Administrators, DACL granting SYSTEM and Administrators full access.
/// </summary>
internal static class WimSecurityDescriptors
{
    private const ushort SelfRelativeDaclPresent = 0x8004;
    private const byte AccessAllowedAceType = 0;
    private const byte ObjectInherit = 0x01;
    private const byte ContainerInherit = 0x02;
    private const byte Inherited = 0x10;
    private const uint FileAllAccess = 0x001F01FF;

    private static readonly byte[] LocalSystem = Sid(5, 18);          // S-1-5-18
    private static readonly byte[] Administrators = Sid(5, 32, 544);  // S-1-5-32-544

    /// <summary>Root: ACEs inheritable by files and folders, flagged inherited as in 29 of the 39 samples.</summary>
    public static byte[] CreateRoot() => Create(ObjectInherit | ContainerInherit | Inherited);

    /// <summary>Files: the same ACEs, inherited from the root.</summary>
    public static byte[] CreateFile() => Create(Inherited);

    // Layout as Windows makes self-relative descriptors: header, DACL, owner, group.
    private static byte[] Create(byte aceFlags)
    {
        int aclSize = 8 + (8 + LocalSystem.Length) + (8 + Administrators.Length);
        const int headerSize = 20;
        int ownerOffset = headerSize + aclSize;
        int groupOffset = ownerOffset + Administrators.Length;
        var descriptor = new byte[groupOffset + Administrators.Length];
        Span<byte> d = descriptor;

        d[0] = 1; // revision
        BinaryPrimitives.WriteUInt16LittleEndian(d.Slice(2), SelfRelativeDaclPresent);
        BinaryPrimitives.WriteUInt32LittleEndian(d.Slice(4), (uint)ownerOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(d.Slice(8), (uint)groupOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(d.Slice(12), 0); // no SACL
        BinaryPrimitives.WriteUInt32LittleEndian(d.Slice(16), headerSize);

        Span<byte> acl = d.Slice(headerSize, aclSize);
        acl[0] = 2; // ACL revision
        BinaryPrimitives.WriteUInt16LittleEndian(acl.Slice(2), (ushort)aclSize);
        BinaryPrimitives.WriteUInt16LittleEndian(acl.Slice(4), 2);
        int next = 8;
        next += WriteAllowAce(acl.Slice(next), aceFlags, LocalSystem);
        WriteAllowAce(acl.Slice(next), aceFlags, Administrators);

        Administrators.CopyTo(d.Slice(ownerOffset));
        Administrators.CopyTo(d.Slice(groupOffset));
        return descriptor;
    }

    private static int WriteAllowAce(Span<byte> destination, byte flags, byte[] sid)
    {
        int size = 8 + sid.Length;
        destination[0] = AccessAllowedAceType;
        destination[1] = flags;
        BinaryPrimitives.WriteUInt16LittleEndian(destination.Slice(2), (ushort)size);
        BinaryPrimitives.WriteUInt32LittleEndian(destination.Slice(4), FileAllAccess);
        sid.CopyTo(destination.Slice(8));
        return size;
    }

    private static byte[] Sid(byte authority, params uint[] subAuthorities)
    {
        var sid = new byte[8 + (4 * subAuthorities.Length)];
        sid[0] = 1;
        sid[1] = (byte)subAuthorities.Length;
        sid[7] = authority; // 48-bit big-endian identifier authority
        for (int i = 0; i < subAuthorities.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(sid.AsSpan(8 + (4 * i)), subAuthorities[i]);
        }

        return sid;
    }
}
