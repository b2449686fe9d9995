using System;
using System.Buffers.Binary;

namespace BulkEnroll.Packaging.Wim;

/// <summary>
/// The 24-byte resource header: 56-bit stored size and a flags byte packed in one little-endian
/// quadword, then the offset and the original (uncompressed) size.
/// </summary>
internal readonly struct WimResourceHeader : IEquatable<WimResourceHeader>
{
    public const int Size = 24;
    private const ulong SizeMask = 0x00FF_FFFF_FFFF_FFFF;

    public WimResourceHeader(ulong sizeInWim, WimResourceFlags flags, ulong offset, ulong originalSize)
    {
        if (sizeInWim > SizeMask)
        {
            throw new ArgumentOutOfRangeException(nameof(sizeInWim));
        }

        SizeInWim = sizeInWim;
        Flags = flags;
        Offset = offset;
        OriginalSize = originalSize;
    }

    public ulong SizeInWim { get; }

    public WimResourceFlags Flags { get; }

    public ulong Offset { get; }

    public ulong OriginalSize { get; }

    public bool IsCompressed => (Flags & WimResourceFlags.Compressed) != 0;

    public bool IsEmpty => SizeInWim == 0 && Offset == 0 && OriginalSize == 0;

    public static WimResourceHeader Read(ReadOnlySpan<byte> source)
    {
        ulong packed = BinaryPrimitives.ReadUInt64LittleEndian(source);
        return new WimResourceHeader(
            packed & SizeMask,
            (WimResourceFlags)(packed >> 56),
            BinaryPrimitives.ReadUInt64LittleEndian(source.Slice(8)),
            BinaryPrimitives.ReadUInt64LittleEndian(source.Slice(16)));
    }

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, SizeInWim | ((ulong)Flags << 56));
        BinaryPrimitives.WriteUInt64LittleEndian(destination.Slice(8), Offset);
        BinaryPrimitives.WriteUInt64LittleEndian(destination.Slice(16), OriginalSize);
    }

    public bool Equals(WimResourceHeader other) =>
        SizeInWim == other.SizeInWim && Flags == other.Flags && Offset == other.Offset && OriginalSize == other.OriginalSize;

    public override bool Equals(object? obj) => obj is WimResourceHeader other && Equals(other);

    public override int GetHashCode() => (SizeInWim, Flags, Offset, OriginalSize).GetHashCode();

    public override string ToString() =>
        $"offset {Offset}, size {SizeInWim}, original {OriginalSize}, flags 0x{(byte)Flags:X2}";
}
