using System;
using System.Buffers.Binary;

namespace BulkEnroll.Packaging.Wim;

/// <summary>
/// XPRESS ("LZ77+Huffman", MS-XCA §2.2; docs/reference/package-format.md#xpress) decoder for one WIM chunk of known size. Every read is
/// bounds-checked and every loop produces output, so corrupt input ends in a
/// <see cref="WimFormatException"/> (<see cref="WimFormatReason.Corrupt"/>), never a hang or an overrun.
/// </summary>
internal static class XpressDecompressor
{
    private const int TableBits = XpressCompressor.MaxCodeLength;

    [ThreadStatic]
    private static ushort[]? _decodeTable;

    public static byte[] Decompress(ReadOnlySpan<byte> source, int uncompressedSize)
    {
        var output = new byte[uncompressedSize];
        Decompress(source, output);
        return output;
    }

    /// <summary>Decodes <paramref name="source"/> into exactly <paramref name="destination"/>.Length bytes.</summary>
    public static void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.Length > XpressCompressor.MaxChunkSize)
        {
            throw new ArgumentException($"An XPRESS chunk holds at most {XpressCompressor.MaxChunkSize} bytes.", nameof(destination));
        }

        if (destination.Length == 0)
        {
            return;
        }

        if (source.Length < XpressCompressor.TableSize)
        {
            throw Corrupt($"{source.Length} bytes cannot hold the 256-byte Huffman table");
        }

        ushort[] table = _decodeTable ??= new ushort[1 << TableBits];
        BuildDecodeTable(source.Slice(0, XpressCompressor.TableSize), table);
        DecodeBlock(source, destination, table);
    }

    // Entry = (code length << 9) | symbol; 0 marks a bit pattern no code starts with.
    private static void BuildDecodeTable(ReadOnlySpan<byte> packedLengths, ushort[] table)
    {
        Span<byte> lengths = stackalloc byte[XpressCompressor.SymbolCount];
        int kraft = 0;
        for (int i = 0; i < XpressCompressor.TableSize; i++)
        {
            lengths[2 * i] = (byte)(packedLengths[i] & 0xF);
            lengths[(2 * i) + 1] = (byte)(packedLengths[i] >> 4);
        }

        for (int symbol = 0; symbol < XpressCompressor.SymbolCount; symbol++)
        {
            if (lengths[symbol] != 0)
            {
                kraft += 1 << (TableBits - lengths[symbol]);
            }
        }

        if (kraft == 0)
        {
            throw Corrupt("the Huffman table is empty");
        }

        if (kraft > 1 << TableBits)
        {
            throw Corrupt("the Huffman code lengths are over-subscribed");
        }

        if (kraft < 1 << TableBits)
        {
            Array.Clear(table, 0, table.Length);
        }

        Span<ushort> codes = stackalloc ushort[XpressCompressor.SymbolCount];
        HuffmanCodeBuilder.AssignCodes(lengths, codes, XpressCompressor.MaxCodeLength);
        for (int symbol = 0; symbol < XpressCompressor.SymbolCount; symbol++)
        {
            int length = lengths[symbol];
            if (length == 0)
            {
                continue;
            }

            int shift = TableBits - length;
            int start = codes[symbol] << shift;
            table.AsSpan(start, 1 << shift).Fill((ushort)((length << 9) | symbol));
        }
    }

    private static void DecodeBlock(ReadOnlySpan<byte> source, Span<byte> destination, ushort[] table)
    {
        int input = XpressCompressor.TableSize;
        uint bits = ((uint)ReadWord(source, ref input) << 16) | ReadWord(source, ref input);
        int spareBits = 16;
        int output = 0;

        while (output < destination.Length)
        {
            ushort entry = table[bits >> (32 - TableBits)];
            if (entry == 0)
            {
                throw Corrupt("a bit pattern matches no Huffman code");
            }

            int codeLength = entry >> 9;
            int symbol = entry & 0x1FF;
            bits <<= codeLength;
            spareBits -= codeLength;
            if (spareBits < 0)
            {
                bits |= (uint)ReadWord(source, ref input) << -spareBits;
                spareBits += 16;
            }

            if (symbol < 256)
            {
                destination[output++] = (byte)symbol;
                continue;
            }

            symbol -= 256;
            int length = symbol & 15;
            int offsetBits = symbol >> 4;
            if (length == 15)
            {
                length = ReadLongLength(source, ref input);
            }

            length += XpressMatchFinder.MinMatchLength;

            int offset = 1 << offsetBits;
            if (offsetBits > 0)
            {
                offset |= (int)(bits >> (32 - offsetBits));
                bits <<= offsetBits;
                spareBits -= offsetBits;
                if (spareBits < 0)
                {
                    bits |= (uint)ReadWord(source, ref input) << -spareBits;
                    spareBits += 16;
                }
            }

            if (offset > output)
            {
                throw Corrupt($"a match reaches {offset} bytes back from position {output}");
            }

            if (length > destination.Length - output)
            {
                throw Corrupt($"a match of {length} bytes at position {output} runs past the chunk end ({destination.Length})");
            }

            // Byte by byte: a match may overlap the bytes it produces (offset < length repeats a pattern).
            int from = output - offset;
            for (int i = 0; i < length; i++)
            {
                destination[output + i] = destination[from + i];
            }

            output += length;
        }
    }

    /// <summary>Length minus 3 of a match whose 4-bit length field is 15, from the raw bytes that follow it.</summary>
    private static int ReadLongLength(ReadOnlySpan<byte> source, ref int input)
    {
        if (input >= source.Length)
        {
            throw Corrupt("the data ends inside a match length");
        }

        int length = source[input++];
        if (length < 255)
        {
            return length + 15;
        }

        if (source.Length - input < 2)
        {
            throw Corrupt("the data ends inside a match length");
        }

        length = BinaryPrimitives.ReadUInt16LittleEndian(source.Slice(input));
        input += 2;
        if (length == 0)
        {
            // Newer MS-XCA revisions escape once more to 32 bits; no WIM chunk needs it, but it is legal.
            if (source.Length - input < 4)
            {
                throw Corrupt("the data ends inside a match length");
            }

            uint wide = BinaryPrimitives.ReadUInt32LittleEndian(source.Slice(input));
            input += 4;
            if (wide > XpressCompressor.MaxChunkSize)
            {
                throw Corrupt($"a match length of {wide} exceeds any chunk");
            }

            length = (int)wide;
        }

        if (length < 15)
        {
            throw Corrupt($"an escaped match length of {length} is below 15");
        }

        return length;
    }

    // Words past the end read as zero: encoders may stop before the decoder's look-ahead, and the
    // output-size bound on the decode loop keeps this from running on.
    private static ushort ReadWord(ReadOnlySpan<byte> source, ref int input)
    {
        if (source.Length - input < 2)
        {
            input += 2;
            return 0;
        }

        ushort word = BinaryPrimitives.ReadUInt16LittleEndian(source.Slice(input));
        input += 2;
        return word;
    }

    private static WimFormatException Corrupt(string detail) =>
        new(WimFormatReason.Corrupt, $"An XPRESS chunk is corrupt: {detail}.");
}
