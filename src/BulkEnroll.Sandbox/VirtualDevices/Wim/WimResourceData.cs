using System.Buffers.Binary;

namespace BulkEnroll.Sandbox.VirtualDevices.Wim;

/// <summary>
/// The bytes of one resource. Uncompressed: stored as is. Compressed: cut into chunks of the header's chunk size,
/// each compressed on its own, preceded by a table of where chunks 2..n start (relative to the end of the table;
/// 4-byte entries, 8-byte when the resource is over 4 GiB). A chunk whose stored size equals its size is stored raw.
/// </summary>
internal static class WimResourceData
{
    public static byte[] Read(byte[] wim, WimResourceLocation location, int chunkSize, bool xpress, string what)
    {
        if (location.IsUnsupportedLayout)
        {
            throw new PackageWimException($"{what} is in a solid or spanned resource, which this reader does not open");
        }

        if (location.Offset < 0 || location.StoredSize < 0 || location.Offset > wim.Length - location.StoredSize)
        {
            throw new PackageWimException($"{what} lies outside the file (offset {location.Offset}, {location.StoredSize} bytes; the file has {wim.Length})");
        }

        if (location.OriginalSize > int.MaxValue)
        {
            throw new PackageWimException($"{what} is too large ({location.OriginalSize} bytes)");
        }

        var stored = new ReadOnlySpan<byte>(wim, (int)location.Offset, (int)location.StoredSize);
        var output = new byte[location.OriginalSize];

        if (!location.IsCompressed)
        {
            if (stored.Length != output.Length)
            {
                throw new PackageWimException($"{what} is stored uncompressed but its two sizes differ");
            }

            stored.CopyTo(output);
            return output;
        }
        if (!xpress)
        {
            throw new PackageWimException($"{what} is compressed, but the WIM does not use XPRESS (LZX and LZMS are not read here)");
        }

        if (output.Length == 0)
        {
            return output;
        }

        int chunks = (int)((output.Length + (long)chunkSize - 1) / chunkSize);
        int entrySize = location.OriginalSize > uint.MaxValue ? 8 : 4;
        long tableSize = (long)(chunks - 1) * entrySize;
        if (tableSize > stored.Length)
        {
            throw new PackageWimException($"{what} is shorter than its chunk table");
        }

        var table = stored[..(int)tableSize];
        var body = stored[(int)tableSize..];

        for (int i = 0; i < chunks; i++)
        {
            long start = i == 0 ? 0 : Entry(table, i - 1, entrySize);
            long end = i == chunks - 1 ? body.Length : Entry(table, i, entrySize);
            if (start < 0 || end < start || end > body.Length)
            {
                throw new PackageWimException($"{what} has a chunk table that points outside the resource (chunk {i + 1})");
            }

            int outStart = i * chunkSize;
            var target = output.AsSpan(outStart, Math.Min(chunkSize, output.Length - outStart));
            var chunk = body[(int)start..(int)end];
            try
            {
                if (chunk.Length == target.Length)
                {
                    chunk.CopyTo(target);
                }
                else if (chunk.Length > target.Length)
                {
                    throw new PackageWimException("a chunk is larger than its data");
                }
                else
                {
                    XpressHuffmanDecoder.Decode(chunk, target);
                }
            }
            catch (PackageWimException e)
            {
                throw new PackageWimException($"{what}, chunk {i + 1}: {e.Message}");
            }
        }
        return output;
    }

    private static long Entry(ReadOnlySpan<byte> table, int index, int entrySize) => entrySize == 4
        ? BinaryPrimitives.ReadUInt32LittleEndian(table[(index * 4)..])
        : (long)BinaryPrimitives.ReadUInt64LittleEndian(table[(index * 8)..]);
}
