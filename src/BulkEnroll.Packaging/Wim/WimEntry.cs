using System;
using System.IO;

namespace BulkEnroll.Packaging.Wim;

/// <summary>A file or directory of a WIM image, as read from its metadata resource.</summary>
internal sealed class WimEntry
{
    internal WimEntry(
        string path,
        string shortName,
        uint attributes,
        int securityId,
        byte[] hash,
        long size,
        ulong creationTime,
        ulong lastWriteTime,
        ulong lastAccessTime)
    {
        Path = path;
        ShortName = shortName;
        RawAttributes = attributes;
        SecurityId = securityId;
        HashBytes = hash;
        Sha1 = WimHash.ToHex(hash);
        Size = size;
        CreationTimeUtc = WimFileTime.ToDateTime(creationTime);
        LastWriteTimeUtc = WimFileTime.ToDateTime(lastWriteTime);
        LastAccessTimeUtc = WimFileTime.ToDateTime(lastAccessTime);
    }

    /// <summary>Path from the image root with '/' separators and no leading '/', e.g. "Multivariant/0/Prov/RunTime.xml".</summary>
    public string Path { get; }

    public string Name => Path.Substring(Path.LastIndexOf('/') + 1);

    /// <summary>The 8.3 name, or empty when there is none.</summary>
    public string ShortName { get; }

    public uint RawAttributes { get; }

    public FileAttributes Attributes => (FileAttributes)RawAttributes;

    public bool IsDirectory => (RawAttributes & WimDentryLayout.AttributeDirectory) != 0;

    /// <summary>Index into the image's security descriptors, or -1.</summary>
    public int SecurityId { get; }

    /// <summary>Lower-case hex SHA-1 of the content; all zeros for directories and empty files.</summary>
    public string Sha1 { get; }

    /// <summary>Uncompressed size in bytes (0 for directories).</summary>
    public long Size { get; }

    public DateTime CreationTimeUtc { get; }

    public DateTime LastWriteTimeUtc { get; }

    public DateTime LastAccessTimeUtc { get; }

    internal byte[] HashBytes { get; }

    public override string ToString() => IsDirectory ? Path + "/" : $"{Path} ({Size} bytes)";
}
