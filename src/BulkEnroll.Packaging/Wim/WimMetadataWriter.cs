using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace BulkEnroll.Packaging.Wim;

/// <summary>
/// Serializes an image's metadata resource: the security data (descriptor table), the root dentry and
/// its end-of-list marker, then each directory's child list followed by an end-of-list marker.
/// </summary>
internal static class WimMetadataWriter
{
    /// <summary>
    /// The empty-image metadata WIMGAPI writes at offset 208 before anything else and never references
    /// (docs/reference/package-format.md#file-layout): security data with the root descriptor, a childless root, 16 zero bytes.
    /// </summary>
    public static byte[] BuildEmptyRoot(byte[] rootSecurityDescriptor, long fileTime)
    {
        int securityLength = SecurityDataLength(new[] { rootSecurityDescriptor });
        int rootSize = WimDentryLayout.SizeFor(0);
        var buffer = new byte[securityLength + rootSize + 16];
        WriteSecurityData(buffer, new[] { rootSecurityDescriptor });
        var root = new WimTreeNode(string.Empty, isDirectory: true, new byte[WimHash.Size], securityId: 0);
        WriteDentry(buffer.AsSpan(securityLength), root, subdirOffset: 0, fileTime);
        return buffer;
    }

    public static byte[] Build(WimTreeNode root, IReadOnlyList<byte[]> securityDescriptors, long fileTime)
    {
        int securityLength = SecurityDataLength(securityDescriptors);
        long next = securityLength + WimDentryLayout.SizeFor(0) + WimDentryLayout.EndOfDirectorySize;
        AssignSubdirOffsets(root, ref next);

        var buffer = new byte[checked((int)next)];
        WriteSecurityData(buffer, securityDescriptors);
        WriteDentry(buffer.AsSpan(securityLength), root, root.SubdirOffset, fileTime);
        WriteChildLists(buffer, root, fileTime);
        return buffer;
    }

    private static int SecurityDataLength(IReadOnlyList<byte[]> descriptors)
    {
        int length = 8 + (8 * descriptors.Count);
        foreach (byte[] descriptor in descriptors)
        {
            length += descriptor.Length;
        }

        return WimDentryLayout.Align8(length);
    }

    // total_length (padded to 8), entry count, 64-bit sizes, then the descriptors back to back.
    private static void WriteSecurityData(Span<byte> destination, IReadOnlyList<byte[]> descriptors)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)SecurityDataLength(descriptors));
        BinaryPrimitives.WriteUInt32LittleEndian(destination.Slice(4), (uint)descriptors.Count);
        int position = 8;
        foreach (byte[] descriptor in descriptors)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination.Slice(position), (ulong)descriptor.Length);
            position += 8;
        }

        foreach (byte[] descriptor in descriptors)
        {
            descriptor.CopyTo(destination.Slice(position));
            position += descriptor.Length;
        }
    }

    // Same order as the write pass: a directory's whole child list, then each child directory's lists.
    private static void AssignSubdirOffsets(WimTreeNode directory, ref long next)
    {
        directory.SubdirOffset = next;
        foreach (WimTreeNode child in directory.Children)
        {
            next += WimDentryLayout.SizeFor(child.Name.Length * 2);
        }

        next += WimDentryLayout.EndOfDirectorySize;
        foreach (WimTreeNode child in directory.Children)
        {
            if (child.IsDirectory)
            {
                AssignSubdirOffsets(child, ref next);
            }
        }
    }

    private static void WriteChildLists(byte[] buffer, WimTreeNode directory, long fileTime)
    {
        int position = (int)directory.SubdirOffset;
        foreach (WimTreeNode child in directory.Children)
        {
            position += WriteDentry(buffer.AsSpan(position), child, child.IsDirectory ? child.SubdirOffset : 0, fileTime);
        }

        // The 8-byte end-of-list marker is already zero.
        foreach (WimTreeNode child in directory.Children)
        {
            if (child.IsDirectory)
            {
                WriteChildLists(buffer, child, fileTime);
            }
        }
    }

    private static int WriteDentry(Span<byte> destination, WimTreeNode node, long subdirOffset, long fileTime)
    {
        int nameBytes = node.Name.Length * 2;
        int size = WimDentryLayout.SizeFor(nameBytes);
        Span<byte> d = destination.Slice(0, size);
        d.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(d.Slice(WimDentryLayout.LengthOffset), (ulong)size);
        BinaryPrimitives.WriteUInt32LittleEndian(
            d.Slice(WimDentryLayout.AttributesOffset),
            node.IsDirectory ? WimDentryLayout.AttributeDirectory : WimDentryLayout.AttributeArchive);
        BinaryPrimitives.WriteInt32LittleEndian(d.Slice(WimDentryLayout.SecurityIdOffset), node.SecurityId);
        BinaryPrimitives.WriteUInt64LittleEndian(d.Slice(WimDentryLayout.SubdirOffsetOffset), (ulong)subdirOffset);
        BinaryPrimitives.WriteInt64LittleEndian(d.Slice(WimDentryLayout.CreationTimeOffset), fileTime);
        BinaryPrimitives.WriteInt64LittleEndian(d.Slice(WimDentryLayout.LastAccessTimeOffset), fileTime);
        BinaryPrimitives.WriteInt64LittleEndian(d.Slice(WimDentryLayout.LastWriteTimeOffset), fileTime);
        node.Hash.CopyTo(d.Slice(WimDentryLayout.HashOffset));
        BinaryPrimitives.WriteUInt16LittleEndian(d.Slice(WimDentryLayout.FileNameBytesOffset), (ushort)nameBytes);
        for (int i = 0; i < node.Name.Length; i++)
        {
            // UTF-16LE code units; the two bytes after the name stay zero as its terminator.
            BinaryPrimitives.WriteUInt16LittleEndian(d.Slice(WimDentryLayout.FixedSize + (2 * i)), node.Name[i]);
        }

        return size;
    }
}
