using System.Buffers.Binary;

namespace BulkEnroll.Sandbox.VirtualDevices.Wim;

/// <summary>
/// Decodes one XPRESS Huffman stream ([MS-XCA] 2.2.4, "LZ77+Huffman"), the codec of a compressed WIM chunk.
/// A WIM chunk is at most 32 KiB, so it is a single MS-XCA block: a 256-byte table of 4-bit code lengths for the
/// 512 symbols, then a bit stream read 16 bits at a time (little-endian words, most significant bit first).
/// The output length is known from the WIM, so decoding stops there instead of at an end-of-stream symbol.
/// </summary>
internal static class XpressHuffmanDecoder
{
    private const int SymbolCount = 512;
    private const int MaxCodeLength = 15;
    private const int LengthTableSize = SymbolCount / 2;

    /// <exception cref="PackageWimException">The stream is malformed.</exception>
    public static void Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (input.Length < LengthTableSize + 4)
        {
            throw new PackageWimException("an XPRESS chunk is shorter than its code length table");
        }

        Span<byte> lengths = stackalloc byte[SymbolCount];
        for (int i = 0; i < LengthTableSize; i++)
        {
            lengths[2 * i] = (byte)(input[i] & 0x0F);      // the low nibble belongs to the even symbol
            lengths[2 * i + 1] = (byte)(input[i] >> 4);
        }
        ushort[] table = BuildTable(lengths);

        var bits = new BitSource(input, LengthTableSize);
        int written = 0;
        while (written < output.Length)
        {
            int symbol = table[bits.Peek(MaxCodeLength)];
            bits.Skip(lengths[symbol]);
            if (symbol < 256)
            {
                output[written++] = (byte)symbol;
                continue;
            }

            int matchSymbol = symbol - 256;
            int length = matchSymbol & 0x0F;
            int offsetBits = matchSymbol >> 4;
            if (length == 15)
            {
                length = bits.ReadByte();
                if (length == 255)
                {
                    length = bits.ReadUInt16();
                    if (length < 15)
                    {
                        throw new PackageWimException("an XPRESS match length is malformed");
                    }

                    length -= 15;
                }
                length += 15;
            }
            length += 3;

            int offset = (1 << offsetBits) + bits.Read(offsetBits);
            if (offset > written)
            {
                throw new PackageWimException("an XPRESS match reaches before the start of its chunk");
            }

            if (length > output.Length - written)
            {
                throw new PackageWimException("an XPRESS match runs past the end of its chunk");
            }
            // Byte by byte: a match may overlap the bytes it produces (offset < length repeats a pattern).
            for (int i = 0; i < length; i++, written++)
            {
                output[written] = output[written - offset];
            }
        }
    }

    /// <summary>A direct lookup table on 15 bits: the canonical code gives codes in order of (length, symbol), so
    /// each symbol of length L covers the next 2^(15-L) entries.</summary>
    private static ushort[] BuildTable(ReadOnlySpan<byte> lengths)
    {
        var table = new ushort[1 << MaxCodeLength];
        int next = 0;
        for (int length = 1; length <= MaxCodeLength; length++)
        {
            for (int symbol = 0; symbol < SymbolCount; symbol++)
            {
                if (lengths[symbol] != length)
                {
                    continue;
                }

                int span = 1 << (MaxCodeLength - length);
                if (next + span > table.Length)
                {
                    throw new PackageWimException("an XPRESS code length table is over-subscribed");
                }

                table.AsSpan(next, span).Fill((ushort)symbol);
                next += span;
            }
        }
        if (next != table.Length)
        {
            throw new PackageWimException("an XPRESS code length table is incomplete");
        }

        return table;
    }

    /// <summary>The MS-XCA bit reader: a 32-bit window whose top bits are the next ones; literal bytes for long match
    /// lengths are taken from the input at the reader's position, between the 16-bit words.</summary>
    private ref struct BitSource
    {
        private readonly ReadOnlySpan<byte> _input;
        private int _position;
        private uint _window;
        private int _spare;

        public BitSource(ReadOnlySpan<byte> input, int start)
        {
            _input = input;
            _position = start;
            _window = (uint)Word() << 16;
            _window |= Word();
            _spare = 16;
        }

        public readonly int Peek(int count) => (int)(_window >> (32 - count));

        public int Read(int count)
        {
            if (count == 0)
            {
                return 0; // a shift by 32 is a shift by 0 in C#
            }

            int value = Peek(count);
            Skip(count);
            return value;
        }

        public void Skip(int count)
        {
            _window <<= count;
            _spare -= count;
            if (_spare < 0)
            {
                _window |= (uint)Word() << -_spare;
                _spare += 16;
            }
        }

        public int ReadByte()
        {
            if (_position >= _input.Length)
            {
                throw Truncated();
            }

            return _input[_position++];
        }

        public int ReadUInt16()
        {
            if (_position + 2 > _input.Length)
            {
                throw Truncated();
            }

            int value = BinaryPrimitives.ReadUInt16LittleEndian(_input[_position..]);
            _position += 2;
            return value;
        }

        // The encoder flushes its last bits in a final word; a refill past the end of a valid stream only happens
        // for bits never used, so it reads zeros. Damaged data is caught by the blob's SHA-1 afterwards.
        private ushort Word()
        {
            if (_position + 2 > _input.Length)
            {
                _position = _input.Length + 2;
                return 0;
            }
            ushort value = BinaryPrimitives.ReadUInt16LittleEndian(_input[_position..]);
            _position += 2;
            return value;
        }

        private static PackageWimException Truncated() => new("an XPRESS chunk ends in the middle of a match");
    }
}
