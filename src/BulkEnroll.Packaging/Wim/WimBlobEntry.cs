using System;
using System.Buffers.Binary;

namespace BulkEnroll.Packaging.Wim;

/// <summary>One 50-byte blob table entry: resource header, part number, reference count, SHA-1.</summary>
internal sealed class WimBlobEntry
{
    public const int Size = 50;

    public WimBlobEntry(WimResourceHeader resource, ushort partNumber, uint referenceCount, byte[] hash)
    {
        if (hash is null || hash.Length != WimHash.Size)
        {
            throw new ArgumentException("A blob hash is a 20-byte SHA-1.", nameof(hash));
        }

        Resource = resource;
        PartNumber = partNumber;
        ReferenceCount = referenceCount;
        HashBytes = hash;
        Sha1 = WimHash.ToHex(hash);
    }

    public WimResourceHeader Resource { get; }

    public ushort PartNumber { get; }

    public uint ReferenceCount { get; }

    /// <summary>Lower-case hex SHA-1 of the uncompressed data.</summary>
    public string Sha1 { get; }

    public bool IsMetadata => (Resource.Flags & WimResourceFlags.Metadata) != 0;

    internal byte[] HashBytes { get; }

    public static WimBlobEntry Read(ReadOnlySpan<byte> source) => new(
        WimResourceHeader.Read(source),
        BinaryPrimitives.ReadUInt16LittleEndian(source.Slice(24)),
        BinaryPrimitives.ReadUInt32LittleEndian(source.Slice(26)),
        source.Slice(30, WimHash.Size).ToArray());

    public WimBlobEntry WithReferenceCount(uint referenceCount) => new(Resource, PartNumber, referenceCount, HashBytes);

    public void Write(Span<byte> destination)
    {
        Resource.Write(destination);
        BinaryPrimitives.WriteUInt16LittleEndian(destination.Slice(24), PartNumber);
        BinaryPrimitives.WriteUInt32LittleEndian(destination.Slice(26), ReferenceCount);
        HashBytes.CopyTo(destination.Slice(30));
    }

    public override string ToString() => $"{Sha1} {Resource} part {PartNumber} refs {ReferenceCount}";
}
