using System;
using System.Buffers.Binary;

namespace BulkEnroll.Packaging.Wim;

/// <summary>
/// Splits one chunk into literals and matches: hash chains over 3-byte prefixes with a bounded
/// chain depth, plus one step of lazy evaluation. Reusable, not thread-safe.
/// </summary>
internal sealed class XpressMatchFinder
{
    public const int MinMatchLength = 3;

    // Depth and "good enough" length trade ratio for speed; these keep a 32 KiB chunk around a millisecond or less.
    private const int MaxChainDepth = 24;
    private const int NiceLength = 128;
    private const int MaxHashBits = 15;
    private const int MinHashBits = 9;

    private readonly int[] _head = new int[1 << MaxHashBits];
    private readonly int[] _previous = new int[XpressCompressor.MaxChunkSize];
    private readonly int[] _lengths = new int[XpressCompressor.MaxChunkSize];
    private readonly int[] _values = new int[XpressCompressor.MaxChunkSize];
    private int _hashShift;

    /// <summary>Number of parsed items.</summary>
    public int Count { get; private set; }

    /// <summary>Per item: 0 for a literal, else the match length.</summary>
    public ReadOnlySpan<int> Lengths => _lengths.AsSpan(0, Count);

    /// <summary>Per item: the literal byte, or the match offset (distance back, at least 1).</summary>
    public ReadOnlySpan<int> Values => _values.AsSpan(0, Count);

    public void Parse(ReadOnlySpan<byte> data)
    {
        int hashBits = HashBitsFor(data.Length);
        _hashShift = 32 - hashBits;
        _head.AsSpan(0, 1 << hashBits).Fill(-1);
        Count = 0;

        int lastMatchStart = data.Length - MinMatchLength;
        int position = 0;
        int length = 0;
        int offset = 0;
        bool haveMatch = false;
        while (position < data.Length)
        {
            if (position > lastMatchStart)
            {
                AddLiteral(data[position++]);
                continue;
            }

            if (!haveMatch)
            {
                length = FindLongestAndInsert(data, position, out offset);
            }

            haveMatch = false;
            if (length < MinMatchLength)
            {
                AddLiteral(data[position++]);
                continue;
            }

            int insertFrom = position + 1;
            if (length < NiceLength && position + 1 <= lastMatchStart)
            {
                int nextLength = FindLongestAndInsert(data, position + 1, out int nextOffset);
                if (nextLength > length)
                {
                    AddLiteral(data[position++]);
                    length = nextLength;
                    offset = nextOffset;
                    haveMatch = true;
                    continue;
                }

                insertFrom = position + 2;
            }

            AddMatch(length, offset);
            int matchEnd = position + length;
            int insertTo = Math.Min(matchEnd - 1, lastMatchStart);
            for (int p = insertFrom; p <= insertTo; p++)
            {
                Insert(data, p);
            }

            position = matchEnd;
        }
    }

    private static int HashBitsFor(int length)
    {
        int bits = MinHashBits;
        while (bits < MaxHashBits && (1 << bits) < length)
        {
            bits++;
        }

        return bits;
    }

    private int Hash(ReadOnlySpan<byte> data, int position)
    {
        uint prefix = data[position] | ((uint)data[position + 1] << 8) | ((uint)data[position + 2] << 16);
        return (int)((prefix * 0x9E3779B1u) >> _hashShift);
    }

    private void Insert(ReadOnlySpan<byte> data, int position)
    {
        int hash = Hash(data, position);
        _previous[position] = _head[hash];
        _head[hash] = position;
    }

    private int FindLongestAndInsert(ReadOnlySpan<byte> data, int position, out int bestOffset)
    {
        int hash = Hash(data, position);
        int candidate = _head[hash];
        _previous[position] = candidate;
        _head[hash] = position;

        int maxLength = data.Length - position;
        int bestLength = 0;
        bestOffset = 0;
        for (int depth = 0; candidate >= 0 && depth < MaxChainDepth; depth++)
        {
            // Checking the byte that would extend the best match first rejects most candidates cheaply.
            if (data[candidate + bestLength] == data[position + bestLength])
            {
                int length = CommonLength(data, candidate, position, maxLength);
                if (length > bestLength)
                {
                    bestLength = length;
                    bestOffset = position - candidate;
                    if (length >= NiceLength || length == maxLength)
                    {
                        break;
                    }
                }
            }

            candidate = _previous[candidate];
        }

        return bestLength;
    }

    private static int CommonLength(ReadOnlySpan<byte> data, int earlier, int later, int maxLength)
    {
        int length = 0;
        while (length + 8 <= maxLength &&
               BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(earlier + length)) ==
               BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(later + length)))
        {
            length += 8;
        }

        while (length < maxLength && data[earlier + length] == data[later + length])
        {
            length++;
        }

        return length;
    }

    private void AddLiteral(byte value)
    {
        _lengths[Count] = 0;
        _values[Count] = value;
        Count++;
    }

    private void AddMatch(int length, int offset)
    {
        _lengths[Count] = length;
        _values[Count] = offset;
        Count++;
    }
}
