using System;
using System.Buffers.Binary;

namespace BulkEnroll.Packaging.Wim;

/// <summary>
/// Builds the stored form of a compressed resource: a chunk table (the start of every chunk after the
/// first, relative to the end of the table) followed by the chunks, each XPRESS-compressed when that
/// makes it smaller and stored raw otherwise. Reusable, not thread-safe.
/// </summary>
internal sealed class WimResourceEncoder
{
    private readonly int _chunkSize;
    private byte[] _buffer = new byte[4096];

    public WimResourceEncoder(int chunkSize)
    {
        if (chunkSize <= 0 || chunkSize > XpressCompressor.MaxChunkSize)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkSize));
        }

        _chunkSize = chunkSize;
    }

    /// <summary>
    /// Encodes <paramref name="data"/>; false when the compressed resource would not be strictly smaller,
    /// in which case the caller stores the data raw as WIMGAPI does.
    /// </summary>
    /// <remarks><paramref name="encoded"/> is valid until the next call.</remarks>
    public bool TryEncode(ReadOnlySpan<byte> data, out ArraySegment<byte> encoded)
    {
        encoded = default;
        if (data.Length == 0)
        {
            return false;
        }

        int chunkCount = (int)(((long)data.Length + _chunkSize - 1) / _chunkSize);

        // Offsets are 4 bytes unless the original size exceeds 4 GiB, which a span cannot.
        int tableSize = (chunkCount - 1) * 4;
        int budget = data.Length - 1;
        if (tableSize >= budget)
        {
            return false;
        }

        if (_buffer.Length < budget)
        {
            _buffer = new byte[Math.Max(budget, _buffer.Length * 2)];
        }

        Span<byte> output = _buffer.AsSpan(0, budget);
        int position = tableSize;
        for (int chunk = 0; chunk < chunkCount; chunk++)
        {
            if (chunk > 0)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(output.Slice((chunk - 1) * 4), (uint)(position - tableSize));
            }

            int start = chunk * _chunkSize;
            ReadOnlySpan<byte> piece = data.Slice(start, Math.Min(_chunkSize, data.Length - start));
            Span<byte> room = output.Slice(position);
            if (XpressCompressor.TryCompress(piece, room, out int written))
            {
                position += written;
            }
            else if (piece.Length <= room.Length)
            {
                // A chunk stored at its full size is how the format marks "not compressed".
                piece.CopyTo(room);
                position += piece.Length;
            }
            else
            {
                return false;
            }
        }

        encoded = new ArraySegment<byte>(_buffer, 0, position);
        return true;
    }
}
