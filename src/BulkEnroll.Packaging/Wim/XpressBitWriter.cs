using System;
using System.Buffers.Binary;

namespace BulkEnroll.Packaging.Wim;

/// <summary>
/// Writes the XPRESS bit stream: 16-bit little-endian words filled from the most significant bit,
/// interleaved with raw bytes (long match lengths).
/// </summary>
/// <remarks>
/// The decoder keeps two words loaded ahead and reads a raw byte from wherever its word reader stands,
/// so a raw byte must land after every word the decoder has loaded by then. Keeping two word slots
/// reserved ahead, and reserving the next one only when the first bit of a new word arrives, puts
/// exactly <c>max(2, ceil(bits / 16) + 1)</c> words before each raw byte, which is what the decoder has read.
/// </remarks>
internal ref struct XpressBitWriter
{
    private readonly Span<byte> _output;
    private int _slot;
    private int _nextSlot;
    private int _position;
    private uint _pending;
    private int _pendingBits;

    public XpressBitWriter(Span<byte> output, int start)
    {
        _output = output;
        _slot = start;
        _nextSlot = start + 2;
        _position = start + 4;
        _pending = 0;
        _pendingBits = 0;
    }

    /// <summary>Appends the low <paramref name="count"/> (0..16) bits of <paramref name="value"/>.</summary>
    public void WriteBits(uint value, int count)
    {
        if (_pendingBits + count <= 16)
        {
            _pending = (_pending << count) | value;
            _pendingBits += count;
            return;
        }

        int fits = 16 - _pendingBits;
        int rest = count - fits;
        WriteWord(_slot, (_pending << fits) | (value >> rest));
        _slot = _nextSlot;
        _nextSlot = _position;
        _position += 2;
        _pending = value & ((1u << rest) - 1);
        _pendingBits = rest;
    }

    public void WriteRawByte(byte value) => _output[_position++] = value;

    public void WriteRawUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_output.Slice(_position), value);
        _position += 2;
    }

    /// <summary>Flushes the partial word (zero-padded) and the reserved one; returns the total length written.</summary>
    public int Finish()
    {
        WriteWord(_slot, _pending << (16 - _pendingBits));
        WriteWord(_nextSlot, 0);
        return _position;
    }

    private readonly void WriteWord(int at, uint word) =>
        BinaryPrimitives.WriteUInt16LittleEndian(_output.Slice(at), (ushort)word);
}
