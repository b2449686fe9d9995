using System;
using System.Collections.Generic;
using System.Linq;

namespace BulkEnroll.Packaging.Wim;

/// <summary>One image of a WIM: its XML properties, security descriptors and directory tree.</summary>
internal sealed class WimImage
{
    private readonly Dictionary<string, WimEntry> _byPath;

    internal WimImage(
        int index,
        IReadOnlyList<KeyValuePair<string, string>> properties,
        IReadOnlyList<byte[]> securityDescriptors,
        IReadOnlyList<WimEntry> entries)
    {
        Index = index;
        Properties = properties;
        SecurityDescriptors = securityDescriptors;
        Entries = entries;
        Files = entries.Where(e => !e.IsDirectory).ToList();

        // Windows looks names up case-insensitively; with duplicates (possible in Linux-captured WIMs) the first wins.
        _byPath = new Dictionary<string, WimEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (WimEntry entry in entries)
        {
            if (!_byPath.ContainsKey(entry.Path))
            {
                _byPath.Add(entry.Path, entry);
            }
        }
    }

    /// <summary>1-based, as WIM tools count images.</summary>
    public int Index { get; }

    /// <summary>
    /// The elements under this image's IMAGE element in document order; nested ones are named by their
    /// path, e.g. "CREATIONTIME/HIGHPART".
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Properties { get; }

    /// <summary>Self-relative security descriptors, indexed by <see cref="WimEntry.SecurityId"/>.</summary>
    public IReadOnlyList<byte[]> SecurityDescriptors { get; }

    /// <summary>Every directory and file except the root, parents before children.</summary>
    public IReadOnlyList<WimEntry> Entries { get; }

    public IReadOnlyList<WimEntry> Files { get; }

    /// <summary>The first value of a property (e.g. "NAME"), or null.</summary>
    public string? GetProperty(string name)
    {
        foreach (KeyValuePair<string, string> property in Properties)
        {
            if (string.Equals(property.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    /// <summary>Looks a path up case-insensitively; '\' and a leading separator are accepted.</summary>
    public bool TryGetEntry(string path, out WimEntry entry)
    {
        string key = (path ?? throw new ArgumentNullException(nameof(path))).Replace('\\', '/').Trim('/');
        return _byPath.TryGetValue(key, out entry!);
    }
}
