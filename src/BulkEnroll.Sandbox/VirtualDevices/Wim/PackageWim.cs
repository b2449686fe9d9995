using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Xml;
using System.Xml.Linq;
using BulkEnroll.Sandbox.Enrollment;

namespace BulkEnroll.Sandbox.VirtualDevices.Wim;

/// <summary>
/// The sandbox's own reader for the WIM container of a .ppkg, written from the public format description and
/// [MS-XCA], independent of the module's writer so that each checks the other. Just what a virtual PC needs: the
/// images, the first image's name, and the content of a file by path, uncompressed or XPRESS. Every blob read is
/// checked against its SHA-1, so a damaged package is refused rather than half read.
/// </summary>
public sealed class PackageWim
{
    /// <summary>A package is a few KiB; a limit keeps a wrong file from filling memory.</summary>
    public const int MaxPackageBytes = 256 * 1024 * 1024;

    private const int HeaderSize = 208;
    private const int BlobEntrySize = 50;
    private static readonly byte[] Magic = "MSWIM\0\0\0"u8.ToArray();
    private const uint CompressionFlag = 0x2;
    private const uint SpannedFlag = 0x8;
    private const uint XpressFlag = 0x20000;

    private readonly byte[] _wim;
    private readonly int _chunkSize;
    private readonly bool _xpress;
    private readonly Dictionary<string, WimResourceLocation> _blobs = new(StringComparer.Ordinal);
    private readonly List<(WimResourceLocation Location, byte[] Sha1)> _images = [];
    private readonly Dictionary<int, Dictionary<string, byte[]>> _trees = [];
    private readonly XDocument? _imageXml;

    private PackageWim(byte[] wim)
    {
        _wim = wim;
        var header = wim.AsSpan();
        if (wim.Length < HeaderSize || !header[..8].SequenceEqual(Magic))
        {
            throw new PackageWimException("it does not start with a WIM header (MSWIM)");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(header[8..]) != HeaderSize)
        {
            throw new PackageWimException("its WIM header size is not 208");
        }

        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(header[16..]);
        if ((flags & SpannedFlag) != 0 || BinaryPrimitives.ReadUInt16LittleEndian(header[42..]) != 1)
        {
            throw new PackageWimException("it is one part of a spanned WIM");
        }

        _xpress = (flags & CompressionFlag) != 0 && (flags & XpressFlag) != 0;
        _chunkSize = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[20..]);
        if ((flags & CompressionFlag) != 0 && (_chunkSize <= 0 || _chunkSize > 1 << 16))
        {
            throw new PackageWimException($"its chunk size {_chunkSize} is not one XPRESS allows (at most 64 KiB)");
        }

        ImageCount = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[44..]);

        byte[] table = WimResourceData.Read(wim, WimResourceLocation.Parse(header[48..]), _chunkSize, _xpress, "the blob table");
        if (table.Length % BlobEntrySize != 0)
        {
            throw new PackageWimException("the blob table's size is not a whole number of entries");
        }

        for (int i = 0; i < table.Length; i += BlobEntrySize)
        {
            var location = WimResourceLocation.Parse(table.AsSpan(i));
            // The entry: resource header (24), part number (2), reference count (4), SHA-1 (20).
            byte[] sha1 = table.AsSpan(i + 30, 20).ToArray();
            if (location.IsMetadata)
            {
                _images.Add((location, sha1));
            }
            else
            {
                _blobs.TryAdd(Convert.ToHexString(sha1), location);
            }
        }
        if (_images.Count < ImageCount)
        {
            throw new PackageWimException($"the header names {ImageCount} image(s) but the blob table holds metadata for {_images.Count}");
        }

        var xml = WimResourceLocation.Parse(header[72..]);
        if (xml.OriginalSize > 0)
        {
            _imageXml = LoadImageXml(WimResourceData.Read(wim, xml, _chunkSize, _xpress, "the image XML"));
        }
    }

    public int ImageCount { get; }

    /// <exception cref="PackageWimException">Not a WIM, or damaged.</exception>
    public static PackageWim Read(Stream stream)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxPackageBytes)
            {
                throw new PackageWimException($"it is larger than {MaxPackageBytes / (1024 * 1024)} MiB");
            }

            buffer.Write(chunk, 0, read);
        }
        return new PackageWim(buffer.ToArray());
    }

    /// <summary>A property of an image from the WIM's XML (<c>NAME</c>, <c>DESCRIPTION</c>...), null when absent.</summary>
    public string? ImageProperty(int image, string name)
    {
        CheckImage(image);
        string index = image.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return _imageXml?.Root?.Elements("IMAGE")
            .FirstOrDefault(e => (string?)e.Attribute("INDEX") == index)
            ?.Element(name)?.Value;
    }

    /// <summary>The paths of the image's files ('/' separated), in no particular order.</summary>
    public IReadOnlyCollection<string> FilePaths(int image = 1) => Tree(image).Keys;

    /// <exception cref="FileNotFoundException">The image has no such file.</exception>
    /// <exception cref="PackageWimException">Its content is damaged or missing.</exception>
    public byte[] ReadFile(string path, int image = 1)
    {
        if (!Tree(image).TryGetValue(path.Replace('\\', '/').Trim('/'), out byte[]? hash))
        {
            throw new FileNotFoundException($"The image has no {path}.", path);
        }

        if (hash.All(b => b == 0))
        {
            return [];
        }

        string key = Convert.ToHexString(hash);
        if (!_blobs.TryGetValue(key, out var location))
        {
            throw new PackageWimException($"the content of {path} is missing from the blob table");
        }

        return Verified(WimResourceData.Read(_wim, location, _chunkSize, _xpress, $"the content of {path}"), hash, $"the content of {path}");
    }

    private Dictionary<string, byte[]> Tree(int image)
    {
        CheckImage(image);
        if (!_trees.TryGetValue(image, out var tree))
        {
            // Image n is described by the n-th metadata entry of the blob table.
            var (location, sha1) = _images[image - 1];
            string what = $"the metadata of image {image}";
            byte[] metadata = WimResourceData.Read(_wim, location, _chunkSize, _xpress, what);
            tree = WimDirectoryTree.ReadFiles(Verified(metadata, sha1, what));
            _trees[image] = tree;
        }
        return tree;
    }

    private void CheckImage(int image)
    {
        if (image < 1 || image > ImageCount)
        {
            throw new ArgumentOutOfRangeException(nameof(image), image, $"The WIM has {ImageCount} image(s).");
        }
    }

    private static byte[] Verified(byte[] content, byte[] expectedSha1, string what) =>
        SHA1.HashData(content).AsSpan().SequenceEqual(expectedSha1)
            ? content
            : throw new PackageWimException($"{what} does not match its SHA-1 (the package is damaged)");

    private static XDocument LoadImageXml(byte[] content)
    {
        try
        {
            return SafeXml.Load(content);
        }
        catch (XmlException e)
        {
            throw new PackageWimException($"the image XML is not well-formed ({e.Message})");
        }
    }
}
