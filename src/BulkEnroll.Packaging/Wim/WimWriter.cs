using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;

namespace BulkEnroll.Packaging.Wim;

/// <summary>
/// Writes a single-image WIM laid out as genuine ICD packages are (docs/reference/package-format.md#file-layout): header, the
/// orphan empty metadata at offset 208, file blobs in the given order, the metadata resource, the blob
/// table, and the image XML last. Deterministic for the same definition, GUID and times.
/// </summary>
internal static class WimWriter
{
    public const int ChunkSize = WimHeader.DefaultChunkSize;

    /// <summary>COMPRESSION | RP_FIX | XPRESS, the flags of every ICD-built package.</summary>
    public const WimHeaderFlags HeaderFlags =
        WimHeaderFlags.Compression | WimHeaderFlags.ReparsePointFix | WimHeaderFlags.CompressXpress;

    private const int BlobEntrySize = WimBlobEntry.Size;
    private const int RootSecurityId = 0;
    private const int FileSecurityId = 1;

    /// <summary>Writes <paramref name="image"/> at the current position of <paramref name="destination"/>.</summary>
    public static void Write(Stream destination, WimImageDefinition image, Guid wimGuid)
    {
        if (destination is null)
        {
            throw new ArgumentNullException(nameof(destination));
        }

        if (image is null)
        {
            throw new ArgumentNullException(nameof(image));
        }

        if (!destination.CanWrite)
        {
            throw new ArgumentException("The destination stream is not writable.", nameof(destination));
        }

        if (destination.CanSeek)
        {
            WriteSeekable(destination, image, wimGuid);
            return;
        }

        // The header at the front points at what comes last, so a forward-only stream gets a finished copy.
        using var buffer = new MemoryStream();
        WriteSeekable(buffer, image, wimGuid);
        buffer.Position = 0;
        buffer.CopyTo(destination);
    }

    /// <summary>The whole WIM in memory, for packages (a few KB); the working buffer is wiped, as the files may hold secrets.</summary>
    public static byte[] WriteToArray(WimImageDefinition image, Guid wimGuid)
    {
        using var buffer = new MemoryStream();
        WriteSeekable(buffer, image, wimGuid);
        byte[] wim = buffer.ToArray();
        Array.Clear(buffer.GetBuffer(), 0, (int)buffer.Length);
        return wim;
    }

    private static void WriteSeekable(Stream destination, WimImageDefinition image, Guid wimGuid)
    {
        WimImageXmlWriter.Validate(image.Properties);
        long creationTime = WimFileTime.FromDateTime(image.CreationTimeUtc);
        long modificationTime = WimFileTime.FromDateTime(image.LastModificationTimeUtc ?? image.CreationTimeUtc);
        byte[] rootDescriptor = WimSecurityDescriptors.CreateRoot();
        byte[] fileDescriptor = WimSecurityDescriptors.CreateFile();

        using SHA1 sha1 = SHA1.Create();
        var hashes = new List<KeyValuePair<string, byte[]>>(image.Files.Count);
        long totalBytes = 0;
        foreach (WimFile file in image.Files)
        {
            byte[] hash = file.Content.Length == 0 ? new byte[WimHash.Size] : sha1.ComputeHash(file.Content);
            hashes.Add(new KeyValuePair<string, byte[]>(file.Path, hash));
            totalBytes += file.Content.Length;
        }

        // Validates the paths before a single byte is written.
        WimTreeNode root = WimTreeBuilder.Build(hashes, RootSecurityId, FileSecurityId, out int directoryCount);

        var output = new Output(destination);
        output.Write(new byte[WimHeader.Size]);
        output.Write(WimMetadataWriter.BuildEmptyRoot(rootDescriptor, creationTime));

        var encoder = new WimResourceEncoder(ChunkSize);
        var blobs = new List<WimBlobEntry>();
        var blobIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < image.Files.Count; i++)
        {
            byte[] content = image.Files[i].Content;
            byte[] hash = hashes[i].Value;
            if (content.Length == 0)
            {
                continue;
            }

            // One blob per distinct content, as in any WIM; every extra reference only bumps its count.
            string key = WimHash.ToHex(hash);
            if (blobIndex.TryGetValue(key, out int existing))
            {
                blobs[existing] = blobs[existing].WithReferenceCount(blobs[existing].ReferenceCount + 1);
                continue;
            }

            blobIndex.Add(key, blobs.Count);
            blobs.Add(new WimBlobEntry(WriteResource(output, encoder, content, WimResourceFlags.None), 1, 1, hash));
        }

        byte[] metadata = WimMetadataWriter.Build(root, new[] { rootDescriptor, fileDescriptor }, creationTime);
        var metadataEntry = new WimBlobEntry(
            WriteResource(output, encoder, metadata, WimResourceFlags.Metadata),
            1,
            1,
            sha1.ComputeHash(metadata));

        long blobTableOffset = output.Position;
        var table = new byte[(blobs.Count + 1) * BlobEntrySize];
        metadataEntry.Write(table);
        for (int i = 0; i < blobs.Count; i++)
        {
            blobs[i].Write(table.AsSpan((i + 1) * BlobEntrySize));
        }

        output.Write(table);

        long xmlOffset = output.Position;
        byte[] xml = WimImageXmlWriter.Build(
            xmlOffset, image.Properties, directoryCount, image.Files.Count, totalBytes, creationTime, modificationTime);
        output.Write(xml);
        long end = output.Position;

        var header = new WimHeader
        {
            Flags = HeaderFlags,
            ChunkSize = ChunkSize,
            Guid = wimGuid,
            ImageCount = 1,
            BlobTable = new WimResourceHeader((ulong)table.Length, WimResourceFlags.Metadata, (ulong)blobTableOffset, (ulong)table.Length),
            Xml = new WimResourceHeader((ulong)xml.Length, WimResourceFlags.Metadata, (ulong)xmlOffset, (ulong)xml.Length),
        };
        var headerBytes = new byte[WimHeader.Size];
        header.Write(headerBytes);
        output.Seek(0);
        output.Write(headerBytes);
        output.Seek(end);
    }

    /// <summary>Stores <paramref name="data"/> XPRESS-compressed when that is strictly smaller, else raw, as WIMGAPI does.</summary>
    private static WimResourceHeader WriteResource(Output output, WimResourceEncoder encoder, byte[] data, WimResourceFlags flags)
    {
        long offset = output.Position;
        if (encoder.TryEncode(data, out ArraySegment<byte> encoded))
        {
            output.Write(encoded);
            return new WimResourceHeader((ulong)encoded.Count, flags | WimResourceFlags.Compressed, (ulong)offset, (ulong)data.Length);
        }

        output.Write(data);
        return new WimResourceHeader((ulong)data.Length, flags, (ulong)offset, (ulong)data.Length);
    }

    /// <summary>Positions relative to where the WIM starts, which need not be the start of the stream.</summary>
    private sealed class Output
    {
        private readonly Stream _stream;
        private readonly long _origin;

        public Output(Stream stream)
        {
            _stream = stream;
            _origin = stream.Position;
        }

        public long Position => _stream.Position - _origin;

        public void Write(byte[] bytes) => _stream.Write(bytes, 0, bytes.Length);

        public void Write(ArraySegment<byte> bytes) => _stream.Write(bytes.Array!, bytes.Offset, bytes.Count);

        public void Seek(long position) => _stream.Position = _origin + position;
    }
}
