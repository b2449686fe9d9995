using System.Buffers.Binary;

namespace BulkEnroll.Sandbox.VirtualDevices.Wim;

/// <summary>A resource header as the WIM stores it (24 bytes): 7 bytes of size in the file, 1 byte of flags, the
/// offset in the file and the size once decompressed. Used by the header and by every blob table entry.</summary>
internal readonly record struct WimResourceLocation(long StoredSize, byte Flags, long Offset, long OriginalSize)
{
    public const int Size = 24;

    private const byte MetadataFlag = 0x02;
    private const byte CompressedFlag = 0x04;
    private const byte SpannedFlag = 0x08;
    private const byte SolidFlag = 0x10;

    public bool IsMetadata => (Flags & MetadataFlag) != 0;
    public bool IsCompressed => (Flags & CompressedFlag) != 0;

    /// <summary>Solid (packed) and spanned resources are written by newer tools for large images, never for packages.</summary>
    public bool IsUnsupportedLayout => (Flags & (SolidFlag | SpannedFlag)) != 0;

    public static WimResourceLocation Parse(ReadOnlySpan<byte> data)
    {
        ulong sizeAndFlags = BinaryPrimitives.ReadUInt64LittleEndian(data);
        return new WimResourceLocation(
            (long)(sizeAndFlags & 0x00FF_FFFF_FFFF_FFFF),
            (byte)(sizeAndFlags >> 56),
            (long)BinaryPrimitives.ReadUInt64LittleEndian(data[8..]),
            (long)BinaryPrimitives.ReadUInt64LittleEndian(data[16..]));
    }
}
