using System;

namespace BulkEnroll.Packaging.Wim;

/// <summary>
/// XPRESS ("LZ77+Huffman", MS-XCA §2.1; docs/reference/package-format.md#xpress) encoder for one WIM chunk. A chunk is one XPRESS block:
/// a 256-byte table of 4-bit code lengths for 512 symbols, then the bit stream, ending with the
/// end-of-data symbol 256 as MS-XCA specifies.
/// </summary>
internal static class XpressCompressor
{
    /// <summary>XPRESS codes at most 64 KiB with one Huffman table.</summary>
    public const int MaxChunkSize = 65536;

    internal const int SymbolCount = 512;
    internal const int MaxCodeLength = 15;
    internal const int TableSize = 256;
    internal const int EndOfDataSymbol = 256;

    // The table plus the two words the decoder always loads: nothing shorter than this is a valid block.
    private const int MinimumOutput = TableSize + 4;

    [ThreadStatic]
    private static Workspace? _workspace;

    /// <summary>Compresses one chunk; null when the result would not be strictly smaller than <paramref name="source"/>.</summary>
    public static byte[]? Compress(ReadOnlySpan<byte> source)
    {
        if (source.Length <= MinimumOutput)
        {
            return null;
        }

        var buffer = new byte[source.Length - 1];
        return TryCompress(source, buffer, out int written) ? buffer.AsSpan(0, written).ToArray() : null;
    }

    /// <summary>
    /// Compresses one chunk into <paramref name="destination"/>. Returns false, writing nothing useful, when the
    /// result would not be strictly smaller than <paramref name="source"/> or would not fit in <paramref name="destination"/>.
    /// </summary>
    public static bool TryCompress(ReadOnlySpan<byte> source, Span<byte> destination, out int bytesWritten)
    {
        if (source.Length > MaxChunkSize)
        {
            throw new ArgumentException($"An XPRESS chunk holds at most {MaxChunkSize} bytes.", nameof(source));
        }

        bytesWritten = 0;
        int limit = Math.Min(destination.Length, source.Length - 1);
        if (limit < MinimumOutput)
        {
            return false;
        }

        Workspace work = _workspace ??= new Workspace();
        XpressMatchFinder finder = work.MatchFinder;
        finder.Parse(source);
        ReadOnlySpan<int> lengths = finder.Lengths;
        ReadOnlySpan<int> values = finder.Values;

        Span<int> frequencies = work.Frequencies;
        frequencies.Clear();
        long extraBits = 0;
        int rawBytes = 0;
        for (int i = 0; i < lengths.Length; i++)
        {
            if (lengths[i] == 0)
            {
                frequencies[values[i]]++;
                continue;
            }

            frequencies[MatchSymbol(lengths[i], values[i], out int offsetBits)]++;
            extraBits += offsetBits;
            rawBytes += RawLengthBytes(lengths[i]);
        }

        frequencies[EndOfDataSymbol]++;

        Span<byte> codeLengths = work.CodeLengths;
        Span<ushort> codes = work.Codes;
        work.CodeBuilder.BuildLengths(frequencies, codeLengths, MaxCodeLength);
        HuffmanCodeBuilder.AssignCodes(codeLengths, codes, MaxCodeLength);

        // The exact size is known before encoding, so incompressible chunks cost no encoding work.
        long bits = extraBits;
        for (int symbol = 0; symbol < SymbolCount; symbol++)
        {
            bits += (long)frequencies[symbol] * codeLengths[symbol];
        }

        long words = Math.Max(2, ((bits + 15) / 16) + 1);
        long size = TableSize + (2 * words) + rawBytes;
        if (size > limit)
        {
            return false;
        }

        for (int i = 0; i < TableSize; i++)
        {
            destination[i] = (byte)(codeLengths[2 * i] | (codeLengths[(2 * i) + 1] << 4));
        }

        var writer = new XpressBitWriter(destination.Slice(0, (int)size), TableSize);
        for (int i = 0; i < lengths.Length; i++)
        {
            if (lengths[i] == 0)
            {
                int literal = values[i];
                writer.WriteBits(codes[literal], codeLengths[literal]);
            }
            else
            {
                WriteMatch(ref writer, lengths[i], values[i], codes, codeLengths);
            }
        }

        writer.WriteBits(codes[EndOfDataSymbol], codeLengths[EndOfDataSymbol]);
        bytesWritten = writer.Finish();
        return true;
    }

    private static void WriteMatch(ref XpressBitWriter writer, int length, int offset, ReadOnlySpan<ushort> codes, ReadOnlySpan<byte> codeLengths)
    {
        int symbol = MatchSymbol(length, offset, out int offsetBits);
        writer.WriteBits(codes[symbol], codeLengths[symbol]);

        int lengthMinus3 = length - XpressMatchFinder.MinMatchLength;
        if (lengthMinus3 >= 15)
        {
            if (lengthMinus3 - 15 < 255)
            {
                writer.WriteRawByte((byte)(lengthMinus3 - 15));
            }
            else
            {
                writer.WriteRawByte(255);
                writer.WriteRawUInt16((ushort)lengthMinus3);
            }
        }

        if (offsetBits > 0)
        {
            writer.WriteBits((uint)offset & ((1u << offsetBits) - 1), offsetBits);
        }
    }

    /// <summary>256 + (floor(log2(offset)) &lt;&lt; 4) + min(length - 3, 15).</summary>
    private static int MatchSymbol(int length, int offset, out int offsetBits)
    {
        offsetBits = HighestBit(offset);
        return EndOfDataSymbol + (offsetBits << 4) + Math.Min(length - XpressMatchFinder.MinMatchLength, 15);
    }

    private static int RawLengthBytes(int length)
    {
        int lengthMinus3 = length - XpressMatchFinder.MinMatchLength;
        if (lengthMinus3 < 15)
        {
            return 0;
        }

        return lengthMinus3 - 15 < 255 ? 1 : 3;
    }

    private static int HighestBit(int value)
    {
        int bit = 0;
        while ((value >>= 1) != 0)
        {
            bit++;
        }

        return bit;
    }

    private sealed class Workspace
    {
        public readonly XpressMatchFinder MatchFinder = new();
        public readonly HuffmanCodeBuilder CodeBuilder = new(SymbolCount);
        public readonly int[] Frequencies = new int[SymbolCount];
        public readonly byte[] CodeLengths = new byte[SymbolCount];
        public readonly ushort[] Codes = new ushort[SymbolCount];
    }
}
