using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BulkEnroll.Packaging.Payload;
using BulkEnroll.Packaging.Wim;

namespace BulkEnroll.Packaging;

/// <summary>
/// Reads a .ppkg (any WIM: ours, ICD's, wimlib's) or a customizations.xml from disk. Every file is treated as
/// hostile: what is not a package fails with <see cref="PackageFormatException"/> (a <see cref="PackageFormatReasons"/>
/// id) or <see cref="WimFormatException"/>; the file system's own failures are IOException or
/// UnauthorizedAccessException. The module turns each into its error record.
/// </summary>
internal static class PackageFileReader
{
    /// <summary>All settings files of one package together; each is bounded by <see cref="SafeXmlLoader.MaxBytes"/> too.</summary>
    public const long MaxPayloadBytes = 4L * SafeXmlLoader.MaxBytes;

    public static PackageFileContent Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        return ReadFrom(path, stream);
    }

    /// <summary>A file already in memory, e.g. what ICD built before it is delivered; <paramref name="path"/> names it.</summary>
    public static PackageFileContent Read(string path, byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        return ReadFrom(path, stream);
    }

    /// <summary>A readable, seekable stream that <paramref name="path"/> names (tests count what is read of it).</summary>
    public static PackageFileContent Read(string path, Stream stream) => ReadFrom(path, stream);

    /// <summary>
    /// Cheap checks come first (size, magic, header), and the whole file is hashed only once it has been read
    /// successfully, so a file that is not a package costs a few reads, however large it is.
    /// </summary>
    private static PackageFileContent ReadFrom(string path, Stream stream)
    {
        PackageFileContent unhashed = IsProjectFile(path) ? ReadProject(path, stream) : ReadPackage(path, stream);
        stream.Position = 0;
        return unhashed.WithSha256(Sha256Hex.Of(stream));
    }

    private static bool IsProjectFile(string path) => path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);

    private static PackageFileContent ReadProject(string path, Stream stream)
    {
        if (stream.Length > SafeXmlLoader.MaxBytes)
        {
            throw new PackageFormatException(PackageFormatReasons.TooLarge, System.IO.Path.GetFileName(path), "The project file is larger than any real one.");
        }

        byte[] content = new byte[stream.Length];
        try
        {
            ReadExactly(stream, content);
            PackageReadResult settings = CustomizationsXmlReader.Read(content, System.IO.Path.GetFileName(path));
            return new PackageFileContent(path, true, settings, Array.Empty<ImageProperty>(), 0, false, stream.Length, string.Empty);
        }
        finally
        {
            Array.Clear(content, 0, content.Length);
        }
    }

    private static PackageFileContent ReadPackage(string path, Stream stream)
    {
        using var reader = new WimReader(stream, leaveOpen: true);
        if (reader.ImageCount < 1)
        {
            throw new WimFormatException(WimFormatReason.Corrupt, "The WIM holds no image.");
        }

        WimImage image = reader.GetImage(1);
        var files = new List<KeyValuePair<string, byte[]>>();

        // Entries may share one blob: it is decompressed once, and every entry still counts against the total,
        // because each is parsed on its own.
        var blobs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        long total = 0;
        try
        {
            foreach (WimEntry entry in image.Files.Where(IsPayloadXml))
            {
                if (entry.Size > SafeXmlLoader.MaxBytes)
                {
                    throw new PackageFormatException(PackageFormatReasons.TooLarge, entry.Path, "The file is larger than any real package file.");
                }

                if (!blobs.TryGetValue(entry.Sha1, out byte[]? content))
                {
                    content = reader.ReadEntry(entry);
                    blobs.Add(entry.Sha1, content);
                }

                total += content.Length;
                if (content.Length > SafeXmlLoader.MaxBytes || total > MaxPayloadBytes)
                {
                    throw new PackageFormatException(PackageFormatReasons.TooLarge, entry.Path,
                        $"The package's settings files add up to more than {MaxPayloadBytes / (1024 * 1024)} MiB; real ones are a few KiB.");
                }

                files.Add(new KeyValuePair<string, byte[]>(entry.Path, content));
            }

            List<ImageProperty> properties = image.Properties.Select(p => new ImageProperty(p.Key, p.Value)).ToList();
            PackageReadResult settings = PackagePayloadReader.Read(files, properties);
            bool hasRuntime = image.TryGetEntry(PayloadPaths.RunTimeXml, out WimEntry _);
            return new PackageFileContent(path, false, settings, properties, reader.ImageCount, hasRuntime, stream.Length, string.Empty);
        }
        finally
        {
            // The payload holds the secrets in clear text.
            foreach (byte[] content in blobs.Values)
            {
                Array.Clear(content, 0, content.Length);
            }
        }
    }

    /// <summary>The settings files; embedded command files (DataAsset, possibly large installers) are not needed.</summary>
    private static bool IsPayloadXml(WimEntry entry) =>
        entry.Path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || entry.Path.EndsWith(".provxml", StringComparison.OrdinalIgnoreCase);

    private static void ReadExactly(Stream stream, byte[] buffer)
    {
        int done = 0;
        while (done < buffer.Length)
        {
            int read = stream.Read(buffer, done, buffer.Length - done);
            if (read == 0)
            {
                throw new EndOfStreamException("The file changed while it was read.");
            }

            done += read;
        }
    }
}
