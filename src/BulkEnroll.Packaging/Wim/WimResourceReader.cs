using System;
using System.Buffers.Binary;
using System.IO;

namespace BulkEnroll.Packaging.Wim;

/// <summary>
/// Reads resources (raw or XPRESS-chunked) out of a WIM stream. Every size comes from the file, so each is
/// checked against the file length and a caller-given limit before anything is allocated.
/// </summary>
internal sealed class WimResourceReader
{
    private readonly Stream _stream;
    private readonly long _origin;
    private readonly long _length;
    private readonly WimCompression _compression;
    private readonly int _chunkSize;
    private long _budget = WimLimits.MaxTotalDecompressedBytes;

    public WimResourceReader(Stream stream, long origin, long length, WimCompression compression, int chunkSize)
    {
        _stream = stream;
        _origin = origin;
        _length = length;
        _compression = compression;
        _chunkSize = chunkSize;
    }

    /// <summary>Reads and, if needed, decompresses one resource.</summary>
    /// <remarks>
    /// A resource larger than <paramref name="maxOriginalSize"/> uncompressed gives <see cref="WimFormatReason.LimitExceeded"/>;
    /// <paramref name="what"/> names it in error messages.
    /// </remarks>
    public byte[] Read(WimResourceHeader resource, long maxOriginalSize, string what)
    {
        // Nothing larger fits in one byte[].
        maxOriginalSize = Math.Min(maxOriginalSize, 0x7FFFFFC7);
        if ((resource.Flags & WimResourceFlags.Solid) != 0)
        {
            throw new WimFormatException(WimFormatReason.UnsupportedFeature, $"The {what} is in a solid resource; solid resources are not supported.");
        }

        if (resource.OriginalSize > (ulong)maxOriginalSize)
        {
            throw new WimFormatException(
                WimFormatReason.LimitExceeded,
                $"The {what} is {resource.OriginalSize} bytes uncompressed; at most {maxOriginalSize} are accepted.");
        }

        WimHeaderValidator.CheckInFile(resource, _length, what);
        int originalSize = (int)resource.OriginalSize;
        if (originalSize > _budget)
        {
            throw new WimFormatException(
                WimFormatReason.LimitExceeded,
                $"The {what} would take the data read from this WIM past {WimLimits.MaxTotalDecompressedBytes} bytes in total; no provisioning package holds that much.");
        }

        _budget -= originalSize;

        if (!resource.IsCompressed)
        {
            if (resource.SizeInWim != resource.OriginalSize)
            {
                throw Corrupt(what, $"it is stored uncompressed but its stored size {resource.SizeInWim} differs from its size {resource.OriginalSize}");
            }

            return ReadAt(resource.Offset, originalSize, what);
        }

        if (_compression == WimCompression.None)
        {
            throw Corrupt(what, "it is marked compressed but the WIM header names no compression");
        }

        return ReadChunked(resource, originalSize, what);
    }

    private byte[] ReadChunked(WimResourceHeader resource, int originalSize, string what)
    {
        if (originalSize == 0)
        {
            return Array.Empty<byte>();
        }

        int chunkCount = (int)(((long)originalSize + _chunkSize - 1) / _chunkSize);
        long tableSize = (chunkCount - 1) * 4L;

        // Raw chunks are the worst case, so a genuine resource is never larger than the table plus the original size.
        if (resource.SizeInWim < (ulong)tableSize || resource.SizeInWim - (ulong)tableSize > (ulong)originalSize)
        {
            throw Corrupt(what, $"its stored size {resource.SizeInWim} does not fit {chunkCount} chunks totalling {originalSize} bytes");
        }

        // Nor is it smaller than the table plus one Huffman table per compressed chunk (a chunk too small to
        // compress is stored raw): checked before the output is allocated, so a few stored bytes cannot claim
        // hundreds of megabytes.
        long lastChunk = originalSize - ((long)(chunkCount - 1) * _chunkSize);
        long minimum = tableSize + ((chunkCount - 1) * (long)XpressCompressor.TableSize) + Math.Min(lastChunk, XpressCompressor.TableSize);
        if (resource.SizeInWim < (ulong)minimum)
        {
            throw Corrupt(what, $"its stored size {resource.SizeInWim} is too small for {chunkCount} chunks totalling {originalSize} bytes (at least {minimum})");
        }

        byte[] stored = ReadAt(resource.Offset, (int)resource.SizeInWim, what);
        ReadOnlySpan<byte> table = stored.AsSpan(0, (int)tableSize);
        ReadOnlySpan<byte> chunks = stored.AsSpan((int)tableSize);
        var output = new byte[originalSize];

        long start = 0;
        for (int chunk = 0; chunk < chunkCount; chunk++)
        {
            long end = chunk == chunkCount - 1
                ? chunks.Length
                : BinaryPrimitives.ReadUInt32LittleEndian(table.Slice(chunk * 4));
            int chunkOriginal = Math.Min(_chunkSize, originalSize - (chunk * _chunkSize));
            if (end < start || end > chunks.Length)
            {
                throw Corrupt(what, $"its chunk table is inconsistent at chunk {chunk}");
            }

            int storedSize = (int)(end - start);
            ReadOnlySpan<byte> piece = chunks.Slice((int)start, storedSize);
            Span<byte> target = output.AsSpan(chunk * _chunkSize, chunkOriginal);
            if (storedSize == chunkOriginal)
            {
                piece.CopyTo(target);
            }
            else if (storedSize > chunkOriginal || storedSize == 0)
            {
                throw Corrupt(what, $"chunk {chunk} is stored in {storedSize} bytes for {chunkOriginal} bytes of data");
            }
            else
            {
                try
                {
                    XpressDecompressor.Decompress(piece, target);
                }
                catch (WimFormatException ex)
                {
                    throw new WimFormatException(WimFormatReason.Corrupt, $"The {what} is corrupt: chunk {chunk}: {ex.Message}", ex);
                }
            }

            start = end;
        }

        return output;
    }

    private byte[] ReadAt(ulong offset, int count, string what)
    {
        var buffer = new byte[count];
        _stream.Position = _origin + (long)offset;
        int done = 0;
        while (done < count)
        {
            int read = _stream.Read(buffer, done, count - done);
            if (read == 0)
            {
                throw new WimFormatException(WimFormatReason.Truncated, $"The WIM is truncated: the file ends inside its {what}.");
            }

            done += read;
        }

        return buffer;
    }

    private static WimFormatException Corrupt(string what, string detail) =>
        new(WimFormatReason.Corrupt, $"The {what} is corrupt: {detail}.");
}
