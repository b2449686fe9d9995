using System.Buffers.Binary;
using System.Text;

namespace BulkEnroll.Sandbox.VirtualDevices.Wim;

/// <summary>
/// The files of one image, from its metadata resource: a security block (its total length first, padded to 8), then
/// the root directory entry. A directory entry is 102 bytes plus its UTF-16 names, padded to 8, followed by its
/// extra stream entries (38 bytes plus a name each, padded to 8). A directory's children are the entries from its
/// subdirectory offset up to an entry of length 0. A file's content is named by the SHA-1 of its unnamed stream
/// (in the entry, or in an unnamed extra stream entry); all zeros means empty.
/// </summary>
internal static class WimDirectoryTree
{
    private const int EntryBaseSize = 102;
    private const int StreamEntryBaseSize = 38;
    private const uint DirectoryAttribute = 0x10;
    private const int MaxDepth = 64;

    /// <summary>Path ("a/b.xml", '/' separated) → SHA-1 of the content (20 zero bytes for an empty file).</summary>
    public static Dictionary<string, byte[]> ReadFiles(byte[] metadata)
    {
        if (metadata.Length < 8)
        {
            throw new PackageWimException("the image metadata is shorter than its security block");
        }

        long securityLength = BinaryPrimitives.ReadUInt32LittleEndian(metadata);
        long rootOffset = Math.Max(8, Align8(securityLength));
        var files = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        var root = ReadEntry(metadata, rootOffset)
            ?? throw new PackageWimException("the image metadata has no root directory");
        if (!root.IsDirectory)
        {
            throw new PackageWimException("the image's root entry is not a directory");
        }

        var visited = new HashSet<long> { rootOffset };
        AddChildren(metadata, root, "", files, visited, depth: 0);
        return files;
    }

    private sealed record Entry(string Name, bool IsDirectory, long ChildrenOffset, byte[] Hash, long NextOffset);

    private static void AddChildren(byte[] metadata, Entry directory, string prefix, Dictionary<string, byte[]> files, HashSet<long> visited, int depth)
    {
        if (directory.ChildrenOffset == 0)
        {
            return;
        }

        if (depth > MaxDepth)
        {
            throw new PackageWimException("the image's directories nest too deeply");
        }

        long offset = directory.ChildrenOffset;
        while (ReadEntry(metadata, offset) is { } entry)
        {
            if (!visited.Add(offset))
            {
                throw new PackageWimException("the image's directory entries form a loop");
            }

            if (entry.Name.Length == 0 || entry.Name is "." or ".." || entry.Name.Contains('/') || entry.Name.Contains('\\'))
            {
                throw new PackageWimException($"the image has an entry with an invalid name at offset {offset}");
            }

            string path = prefix + entry.Name;
            if (entry.IsDirectory)
            {
                AddChildren(metadata, entry, path + "/", files, visited, depth + 1);
            }
            else
            {
                files.TryAdd(path, entry.Hash);
            }

            offset = entry.NextOffset;
        }
    }

    /// <returns>null for the end-of-directory marker (length 0).</returns>
    private static Entry? ReadEntry(byte[] metadata, long offset)
    {
        if (offset < 0 || offset > metadata.Length - 8)
        {
            throw new PackageWimException($"a directory entry at offset {offset} lies outside the image metadata");
        }

        var data = metadata.AsSpan((int)offset);
        long length = (long)BinaryPrimitives.ReadUInt64LittleEndian(data);
        if (length == 0)
        {
            return null;
        }

        if (length < EntryBaseSize || length > data.Length)
        {
            throw new PackageWimException($"the directory entry at offset {offset} has an impossible length ({length})");
        }

        uint attributes = BinaryPrimitives.ReadUInt32LittleEndian(data[8..]);
        long children = (long)BinaryPrimitives.ReadUInt64LittleEndian(data[16..]);
        byte[] hash = data.Slice(64, 20).ToArray();
        int streams = BinaryPrimitives.ReadUInt16LittleEndian(data[96..]);
        int shortNameBytes = BinaryPrimitives.ReadUInt16LittleEndian(data[98..]);
        int nameBytes = BinaryPrimitives.ReadUInt16LittleEndian(data[100..]);
        if (EntryBaseSize + nameBytes + shortNameBytes > length || nameBytes % 2 != 0)
        {
            throw new PackageWimException($"the directory entry at offset {offset} has names longer than the entry");
        }

        string name = Encoding.Unicode.GetString(data.Slice(EntryBaseSize, nameBytes));

        long next = offset + Align8(length);
        for (int i = 0; i < streams; i++)
        {
            if (next > metadata.Length - StreamEntryBaseSize)
            {
                throw new PackageWimException($"the directory entry at offset {offset} has stream entries outside the image metadata");
            }

            var stream = metadata.AsSpan((int)next);
            long streamLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(stream);
            if (streamLength < StreamEntryBaseSize)
            {
                throw new PackageWimException($"a stream entry at offset {next} has an impossible length ({streamLength})");
            }

            bool unnamed = BinaryPrimitives.ReadUInt16LittleEndian(stream[36..]) == 0;
            if (unnamed && hash.All(b => b == 0))
            {
                hash = stream.Slice(16, 20).ToArray();
            }

            next += Align8(streamLength);
        }
        return new Entry(name, (attributes & DirectoryAttribute) != 0, children, hash, next);
    }

    private static long Align8(long value) => (value + 7) & ~7L;
}
