using System;
using System.Buffers.Binary;

namespace BulkEnroll.Packaging.Wim;

/// <summary>The fixed 208-byte header at the start of every WIM.</summary>
internal sealed class WimHeader
{
    public const int Size = 208;

    /// <summary>The version WIMGAPI (and therefore ICD) writes for non-solid WIMs.</summary>
    public const uint DefaultVersion = 0x10D00;

    /// <summary>The version of WIMs with solid (LZMS) resources, as in .esd files.</summary>
    public const uint SolidVersion = 0xE00;

    public const int DefaultChunkSize = 32768;

    private static ReadOnlySpan<byte> MagicBytes => "MSWIM\0\0\0"u8;

    public uint Version { get; set; } = DefaultVersion;

    public WimHeaderFlags Flags { get; set; }

    public uint ChunkSize { get; set; }

    public Guid Guid { get; set; }

    public ushort PartNumber { get; set; } = 1;

    public ushort TotalParts { get; set; } = 1;

    public uint ImageCount { get; set; }

    public WimResourceHeader BlobTable { get; set; }

    public WimResourceHeader Xml { get; set; }

    public WimResourceHeader BootMetadata { get; set; }

    public uint BootIndex { get; set; }

    public WimResourceHeader Integrity { get; set; }

    public static bool HasMagic(ReadOnlySpan<byte> source) =>
        source.Length >= MagicBytes.Length && source.Slice(0, MagicBytes.Length).SequenceEqual(MagicBytes);

    /// <summary>Decodes the fields without judging them; see <see cref="WimHeaderValidator"/>.</summary>
    public static WimHeader Parse(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size)
        {
            throw new ArgumentException("A WIM header is 208 bytes.", nameof(source));
        }

        return new WimHeader
        {
            Version = BinaryPrimitives.ReadUInt32LittleEndian(source.Slice(12)),
            Flags = (WimHeaderFlags)BinaryPrimitives.ReadUInt32LittleEndian(source.Slice(16)),
            ChunkSize = BinaryPrimitives.ReadUInt32LittleEndian(source.Slice(20)),
            Guid = new Guid(source.Slice(24, 16).ToArray()),
            PartNumber = BinaryPrimitives.ReadUInt16LittleEndian(source.Slice(40)),
            TotalParts = BinaryPrimitives.ReadUInt16LittleEndian(source.Slice(42)),
            ImageCount = BinaryPrimitives.ReadUInt32LittleEndian(source.Slice(44)),
            BlobTable = WimResourceHeader.Read(source.Slice(48)),
            Xml = WimResourceHeader.Read(source.Slice(72)),
            BootMetadata = WimResourceHeader.Read(source.Slice(96)),
            BootIndex = BinaryPrimitives.ReadUInt32LittleEndian(source.Slice(120)),
            Integrity = WimResourceHeader.Read(source.Slice(124)),
        };
    }

    /// <summary>Reads the header-size field, which <see cref="Parse"/> does not keep.</summary>
    public static uint ReadHeaderSize(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadUInt32LittleEndian(source.Slice(8));

    public void Write(Span<byte> destination)
    {
        destination = destination.Slice(0, Size);
        destination.Clear();
        MagicBytes.CopyTo(destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination.Slice(8), Size);
        BinaryPrimitives.WriteUInt32LittleEndian(destination.Slice(12), Version);
        BinaryPrimitives.WriteUInt32LittleEndian(destination.Slice(16), (uint)Flags);
        BinaryPrimitives.WriteUInt32LittleEndian(destination.Slice(20), ChunkSize);
        Guid.ToByteArray().CopyTo(destination.Slice(24));
        BinaryPrimitives.WriteUInt16LittleEndian(destination.Slice(40), PartNumber);
        BinaryPrimitives.WriteUInt16LittleEndian(destination.Slice(42), TotalParts);
        BinaryPrimitives.WriteUInt32LittleEndian(destination.Slice(44), ImageCount);
        BlobTable.Write(destination.Slice(48));
        Xml.Write(destination.Slice(72));
        BootMetadata.Write(destination.Slice(96));
        BinaryPrimitives.WriteUInt32LittleEndian(destination.Slice(120), BootIndex);
        Integrity.Write(destination.Slice(124));
    }
}
