using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;

namespace BulkEnroll.Packaging.Wim;

/// <summary>
/// Reads uncompressed and XPRESS WIMs: ours and genuine ICD packages. Everything in the file is
/// distrusted; any defect surfaces as a <see cref="WimFormatException"/> with a stable
/// <see cref="WimFormatException.Reason"/>. Not thread-safe: it reads one stream.
/// </summary>
internal sealed class WimReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly WimResourceReader _resources;
    private readonly List<WimBlobEntry> _metadataBlobs = new();
    private readonly Dictionary<string, WimBlobEntry> _blobsByHash = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<KeyValuePair<string, string>>> _imageProperties;
    private readonly Dictionary<int, WimImage> _images = new();
    private bool _disposed;

    /// <summary>Reads the WIM that starts at the current position of a readable, seekable stream.</summary>
    /// <remarks>Unless <paramref name="leaveOpen"/>, the reader owns the stream, and disposes it even when the WIM is refused.</remarks>
    public WimReader(Stream stream, bool leaveOpen = false)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        _leaveOpen = leaveOpen;
        if (!stream.CanRead || !stream.CanSeek)
        {
            throw new ArgumentException("A WIM can only be read from a readable, seekable stream.", nameof(stream));
        }

        try
        {
            long origin = stream.Position;
            long length = stream.Length - origin;
            var headerBytes = new byte[WimHeader.Size];
            int headerLength = ReadUpTo(stream, headerBytes);
            Header = WimHeaderValidator.Validate(headerBytes.AsSpan(0, headerLength), length, out WimCompression compression);
            Compression = compression;
            _resources = new WimResourceReader(stream, origin, length, compression, (int)Header.ChunkSize);

            Xml = Header.Xml.IsEmpty
                ? string.Empty
                : WimImageXmlParser.Decode(_resources.Read(Header.Xml, WimLimits.MaxXmlBytes, "image XML"));
            Blobs = ReadBlobTable();
            _imageProperties = WimImageXmlParser.ParseImages(Xml);
            if (_metadataBlobs.Count < Header.ImageCount)
            {
                throw new WimFormatException(
                    WimFormatReason.Corrupt,
                    $"The WIM header announces {Header.ImageCount} images but its blob table holds {_metadataBlobs.Count} metadata resources.");
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public WimHeader Header { get; }

    public WimCompression Compression { get; }

    public int ImageCount => (int)Header.ImageCount;

    /// <summary>The image XML as text (without BOM); empty when the WIM has none.</summary>
    public string Xml { get; }

    /// <summary>The blob table in file order, metadata resources included.</summary>
    public IReadOnlyList<WimBlobEntry> Blobs { get; }

    /// <summary>Files of image 1 (what a .ppkg holds).</summary>
    public IReadOnlyList<WimEntry> Files => GetImage(1).Files;

    public static WimReader Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096), leaveOpen: false);

    /// <summary>Image <paramref name="index"/> (1-based), parsed on first use and then cached.</summary>
    public WimImage GetImage(int index = 1)
    {
        ThrowIfDisposed();
        if (index < 1 || index > ImageCount)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The WIM holds {ImageCount} image(s).");
        }

        if (!_images.TryGetValue(index, out WimImage? image))
        {
            WimBlobEntry blob = _metadataBlobs[index - 1];
            byte[] metadata = ReadVerified(blob, WimLimits.MaxMetadataBytes, $"metadata resource of image {index}");
            WimMetadataParser.Result parsed = WimMetadataParser.Parse(metadata, BlobSize);
            IReadOnlyList<KeyValuePair<string, string>> properties = _imageProperties.TryGetValue(index, out var found)
                ? found
                : Array.Empty<KeyValuePair<string, string>>();
            image = new WimImage(index, properties, parsed.SecurityDescriptors, parsed.Entries);
            _images.Add(index, image);
        }

        return image;
    }

    /// <summary>The content of a file, decompressed and checked against its SHA-1.</summary>
    /// <exception cref="FileNotFoundException">The image has no file at <paramref name="path"/>.</exception>
    public byte[] ReadFile(string path, int image = 1)
    {
        WimImage wimImage = GetImage(image);
        if (!wimImage.TryGetEntry(path, out WimEntry entry) || entry.IsDirectory)
        {
            throw new FileNotFoundException($"Image {image} of the WIM has no file '{path}'.", path);
        }

        return ReadEntry(entry);
    }

    /// <summary>A read-only stream over the verified content of a file.</summary>
    public Stream OpenFile(string path, int image = 1) => new MemoryStream(ReadFile(path, image), writable: false);

    /// <summary>The content of an entry of one of this reader's images.</summary>
    public byte[] ReadEntry(WimEntry entry)
    {
        ThrowIfDisposed();
        if (entry is null)
        {
            throw new ArgumentNullException(nameof(entry));
        }

        if (WimHash.IsZero(entry.HashBytes))
        {
            return Array.Empty<byte>();
        }

        if (!_blobsByHash.TryGetValue(entry.Sha1, out WimBlobEntry? blob))
        {
            throw new WimFormatException(WimFormatReason.Corrupt, $"The data of '{entry.Path}' is missing from the blob table.");
        }

        return ReadVerified(blob, WimLimits.MaxFileBytes, $"data of '{entry.Path}'");
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    private List<WimBlobEntry> ReadBlobTable()
    {
        if (Header.BlobTable.IsEmpty)
        {
            return new List<WimBlobEntry>();
        }

        byte[] table = _resources.Read(Header.BlobTable, WimLimits.MaxBlobTableBytes, "blob table");
        if (table.Length % WimBlobEntry.Size != 0)
        {
            throw new WimFormatException(WimFormatReason.Corrupt, $"The WIM blob table is {table.Length} bytes, not a whole number of 50-byte entries.");
        }

        var entries = new List<WimBlobEntry>(table.Length / WimBlobEntry.Size);
        for (int at = 0; at < table.Length; at += WimBlobEntry.Size)
        {
            WimBlobEntry entry = WimBlobEntry.Read(table.AsSpan(at, WimBlobEntry.Size));
            if (entry.PartNumber != 1)
            {
                // The header already said this WIM is whole, so another part number is damage, not a split set.
                throw new WimFormatException(WimFormatReason.Corrupt, $"The WIM blob table is corrupt: an entry refers to part {entry.PartNumber}, but the WIM is a single part.");
            }

            entries.Add(entry);
            if (entry.IsMetadata)
            {
                _metadataBlobs.Add(entry);
            }
            else if (!_blobsByHash.ContainsKey(entry.Sha1))
            {
                _blobsByHash.Add(entry.Sha1, entry);
            }
        }

        return entries;
    }

    private long? BlobSize(byte[] hash) =>
        _blobsByHash.TryGetValue(WimHash.ToHex(hash), out WimBlobEntry? blob) ? (long)blob.Resource.OriginalSize : null;

    private byte[] ReadVerified(WimBlobEntry blob, long limit, string what)
    {
        byte[] data = _resources.Read(blob.Resource, limit, what);
        using SHA1 sha1 = SHA1.Create();
        byte[] actual = sha1.ComputeHash(data);
        if (!actual.AsSpan().SequenceEqual(blob.HashBytes))
        {
            throw new WimFormatException(
                WimFormatReason.Corrupt,
                $"The {what} is corrupt: its SHA-1 is {WimHash.ToHex(actual)}, the blob table says {blob.Sha1}.");
        }

        return data;
    }

    private static int ReadUpTo(Stream stream, byte[] buffer)
    {
        int done = 0;
        while (done < buffer.Length)
        {
            int read = stream.Read(buffer, done, buffer.Length - done);
            if (read == 0)
            {
                break;
            }

            done += read;
        }

        return done;
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(WimReader));
        }
    }
}
