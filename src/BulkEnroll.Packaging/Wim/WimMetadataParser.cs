using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;

namespace BulkEnroll.Packaging.Wim;

/// <summary>
/// Parses an uncompressed metadata resource (security data, then the dentry tree) without trusting any
/// offset or length in it: every read is bounds-checked, sibling lists may be visited once, the total
/// number of dentries cannot exceed what the buffer could hold, and nesting is bounded.
/// </summary>
internal static class WimMetadataParser
{
    public sealed class Result
    {
        public Result(IReadOnlyList<byte[]> securityDescriptors, IReadOnlyList<WimEntry> entries)
        {
            SecurityDescriptors = securityDescriptors;
            Entries = entries;
        }

        public IReadOnlyList<byte[]> SecurityDescriptors { get; }

        public IReadOnlyList<WimEntry> Entries { get; }
    }

    /// <remarks><paramref name="blobSize"/> gives the size of the blob with a given hash, or null when the blob table has none.</remarks>
    public static Result Parse(byte[] metadata, Func<byte[], long?> blobSize)
    {
        IReadOnlyList<byte[]> descriptors = ReadSecurityData(metadata, out long rootOffset);
        Dentry root = ReadDentry(metadata, rootOffset)
            ?? throw Corrupt("it has no root directory entry");
        if ((root.Attributes & WimDentryLayout.AttributeDirectory) == 0)
        {
            throw Corrupt("its root entry is not a directory");
        }

        var entries = new List<WimEntry>();
        if (root.SubdirOffset != 0)
        {
            Walk(metadata, rootOffset, root.SubdirOffset, descriptors.Count, blobSize, entries);
        }

        return new Result(descriptors, entries);
    }

    private static IReadOnlyList<byte[]> ReadSecurityData(byte[] metadata, out long end)
    {
        if (metadata.Length < 8)
        {
            throw Corrupt("it is too short for its security data");
        }

        long totalLength = WimDentryLayout.Align8((long)BinaryPrimitives.ReadUInt32LittleEndian(metadata));
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(metadata.AsSpan(4));

        // A zero total length is how some writers say "no descriptors" (wimlib reads it as 8).
        if (totalLength == 0)
        {
            totalLength = 8;
        }

        if (totalLength > metadata.Length || 8 + (8L * count) > totalLength)
        {
            throw Corrupt($"its security data claims {count} descriptors in {totalLength} bytes");
        }

        var descriptors = new List<byte[]>((int)count);
        long position = 8 + (8L * count);
        for (int i = 0; i < count; i++)
        {
            ulong size = BinaryPrimitives.ReadUInt64LittleEndian(metadata.AsSpan(8 + (8 * i)));
            if (size > (ulong)(totalLength - position))
            {
                throw Corrupt($"security descriptor {i} ({size} bytes) runs past the security data");
            }

            descriptors.Add(metadata.AsSpan((int)position, (int)size).ToArray());
            position += (long)size;
        }

        end = totalLength;
        return descriptors;
    }

    private static void Walk(
        byte[] metadata,
        long treeStart,
        long firstList,
        int descriptorCount,
        Func<byte[], long?> blobSize,
        List<WimEntry> entries)
    {
        // In a well-formed tree no two entries share bytes, so together they cannot occupy more than the
        // tree itself; overlapping or looping lists run out of this budget after linear work.
        long budget = metadata.Length - treeStart;
        var visitedLists = new HashSet<long>();
        var stack = new Stack<Frame>();
        stack.Push(OpenList(firstList, string.Empty, 1, treeStart, metadata.Length, visitedLists));

        while (stack.Count > 0)
        {
            Frame frame = stack.Peek();
            Dentry? dentry = ReadDentry(metadata, frame.Next);
            if (dentry is null)
            {
                stack.Pop();
                continue;
            }

            frame.Next += dentry.TotalLength;
            budget -= dentry.TotalLength;
            if (budget < 0)
            {
                throw Corrupt("its directory lists overlap or loop");
            }

            string name = CheckName(dentry.Name);
            string path = frame.Path.Length == 0 ? name : frame.Path + "/" + name;
            byte[] hash = dentry.DataHash;
            long size = 0;
            if (!WimHash.IsZero(hash))
            {
                size = blobSize(hash) ?? throw Corrupt($"'{path}' refers to data ({WimHash.ToHex(hash)}) missing from the blob table");
            }

            int securityId = dentry.SecurityId >= 0 && dentry.SecurityId < descriptorCount ? dentry.SecurityId : -1;
            entries.Add(new WimEntry(
                path,
                dentry.ShortName,
                dentry.Attributes,
                securityId,
                hash,
                size,
                dentry.CreationTime,
                dentry.LastWriteTime,
                dentry.LastAccessTime));

            if ((dentry.Attributes & WimDentryLayout.AttributeDirectory) != 0 && dentry.SubdirOffset != 0)
            {
                if (frame.Depth >= WimLimits.MaxDirectoryDepth)
                {
                    throw new WimFormatException(
                        WimFormatReason.LimitExceeded,
                        $"The WIM image nests directories deeper than {WimLimits.MaxDirectoryDepth} levels at '{path}'.");
                }

                stack.Push(OpenList(dentry.SubdirOffset, path, frame.Depth + 1, treeStart, metadata.Length, visitedLists));
            }
        }
    }

    private static Frame OpenList(long offset, string path, int depth, long treeStart, long length, HashSet<long> visitedLists)
    {
        if (offset < treeStart || offset >= length)
        {
            throw Corrupt($"a directory list offset ({offset}) lies outside the directory tree");
        }

        if (!visitedLists.Add(offset))
        {
            throw Corrupt($"the directory list at {offset} is reached twice (a cycle)");
        }

        return new Frame(offset, path, depth);
    }

    private static string CheckName(string name)
    {
        if (name.Length == 0 || name == "." || name == ".." || name.IndexOfAny(new[] { '/', '\\', '\0' }) >= 0)
        {
            throw Corrupt($"it holds an entry with an invalid name '{name}'");
        }

        return name;
    }

    /// <summary>Reads the dentry at <paramref name="offset"/>, or null for an end-of-list marker.</summary>
    private static Dentry? ReadDentry(byte[] metadata, long offset)
    {
        if (offset < 0 || offset > metadata.Length - 8)
        {
            throw Corrupt($"a directory entry at {offset} lies outside the resource");
        }

        int at = (int)offset;
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(metadata.AsSpan(at));
        if (length <= WimDentryLayout.EndOfDirectorySize)
        {
            return null;
        }

        if (length < WimDentryLayout.FixedSize || length > (ulong)(metadata.Length - at))
        {
            throw Corrupt($"the directory entry at {offset} has an impossible length {length}");
        }

        ReadOnlySpan<byte> d = metadata.AsSpan(at, (int)length);
        int shortNameBytes = BinaryPrimitives.ReadUInt16LittleEndian(d.Slice(WimDentryLayout.ShortNameBytesOffset));
        int fileNameBytes = BinaryPrimitives.ReadUInt16LittleEndian(d.Slice(WimDentryLayout.FileNameBytesOffset));
        int needed = WimDentryLayout.FixedSize
            + (fileNameBytes > 0 ? fileNameBytes + 2 : 0)
            + (shortNameBytes > 0 ? shortNameBytes + 2 : 0);
        if (((fileNameBytes | shortNameBytes) & 1) != 0 || (ulong)needed > length)
        {
            throw Corrupt($"the names of the directory entry at {offset} do not fit it");
        }

        int namesAt = WimDentryLayout.FixedSize;
        string name = Encoding.Unicode.GetString(metadata, at + namesAt, fileNameBytes);
        int shortAt = namesAt + (fileNameBytes > 0 ? fileNameBytes + 2 : 0);
        string shortName = Encoding.Unicode.GetString(metadata, at + shortAt, shortNameBytes);

        var dentry = new Dentry
        {
            Attributes = BinaryPrimitives.ReadUInt32LittleEndian(d.Slice(WimDentryLayout.AttributesOffset)),
            SecurityId = BinaryPrimitives.ReadInt32LittleEndian(d.Slice(WimDentryLayout.SecurityIdOffset)),
            SubdirOffset = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(d.Slice(WimDentryLayout.SubdirOffsetOffset)), (ulong)long.MaxValue),
            CreationTime = BinaryPrimitives.ReadUInt64LittleEndian(d.Slice(WimDentryLayout.CreationTimeOffset)),
            LastAccessTime = BinaryPrimitives.ReadUInt64LittleEndian(d.Slice(WimDentryLayout.LastAccessTimeOffset)),
            LastWriteTime = BinaryPrimitives.ReadUInt64LittleEndian(d.Slice(WimDentryLayout.LastWriteTimeOffset)),
            Name = name,
            ShortName = shortName,
        };

        byte[] defaultHash = d.Slice(WimDentryLayout.HashOffset, WimHash.Size).ToArray();
        int streamCount = BinaryPrimitives.ReadUInt16LittleEndian(d.Slice(WimDentryLayout.StreamCountOffset));
        long next = offset + WimDentryLayout.Align8((long)length);
        byte[]? unnamedStreamHash = null;
        for (int i = 0; i < streamCount; i++)
        {
            next = ReadStreamEntry(metadata, next, ref unnamedStreamHash);
        }

        // WIMGAPI moves the data stream into an unnamed extra stream entry for reparse points and for
        // files with named streams; the dentry's own hash then means something else or nothing.
        bool reparsePoint = (dentry.Attributes & WimDentryLayout.AttributeReparsePoint) != 0;
        dentry.DataHash = reparsePoint || (WimHash.IsZero(defaultHash) && unnamedStreamHash is not null)
            ? unnamedStreamHash ?? new byte[WimHash.Size]
            : defaultHash;
        dentry.TotalLength = next - offset;
        return dentry;
    }

    private static long ReadStreamEntry(byte[] metadata, long offset, ref byte[]? unnamedStreamHash)
    {
        if (offset > metadata.Length - WimDentryLayout.StreamEntryFixedSize)
        {
            throw Corrupt($"a stream entry at {offset} lies outside the resource");
        }

        ReadOnlySpan<byte> s = metadata.AsSpan((int)offset);
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(s);
        int nameBytes = BinaryPrimitives.ReadUInt16LittleEndian(s.Slice(36));
        if (length < WimDentryLayout.StreamEntryFixedSize
            || length > (ulong)s.Length
            || (ulong)(WimDentryLayout.StreamEntryFixedSize + nameBytes) > length)
        {
            throw Corrupt($"the stream entry at {offset} has an impossible length {length}");
        }

        if (nameBytes == 0 && unnamedStreamHash is null)
        {
            unnamedStreamHash = s.Slice(16, WimHash.Size).ToArray();
        }

        return offset + WimDentryLayout.Align8((long)length);
    }

    private static WimFormatException Corrupt(string detail) =>
        new(WimFormatReason.Corrupt, $"The WIM image metadata is corrupt: {detail}.");

    private sealed class Frame
    {
        public Frame(long next, string path, int depth)
        {
            Next = next;
            Path = path;
            Depth = depth;
        }

        public long Next { get; set; }

        public string Path { get; }

        public int Depth { get; }
    }

    private sealed class Dentry
    {
        public uint Attributes { get; set; }

        public int SecurityId { get; set; }

        public long SubdirOffset { get; set; }

        public ulong CreationTime { get; set; }

        public ulong LastAccessTime { get; set; }

        public ulong LastWriteTime { get; set; }

        public string Name { get; set; } = string.Empty;

        public string ShortName { get; set; } = string.Empty;

        public byte[] DataHash { get; set; } = Array.Empty<byte>();

        public long TotalLength { get; set; }
    }
}
