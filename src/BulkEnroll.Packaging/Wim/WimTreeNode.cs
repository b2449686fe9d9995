using System.Collections.Generic;

namespace BulkEnroll.Packaging.Wim;

/// <summary>A directory or file of the image being written.</summary>
internal sealed class WimTreeNode
{
    public WimTreeNode(string name, bool isDirectory, byte[] hash, int securityId)
    {
        Name = name;
        IsDirectory = isDirectory;
        Hash = hash;
        SecurityId = securityId;
    }

    public string Name { get; }

    public bool IsDirectory { get; }

    /// <summary>SHA-1 of the content; all zero for directories and empty files.</summary>
    public byte[] Hash { get; }

    /// <summary>Index into the image's security descriptors, or -1 for none.</summary>
    public int SecurityId { get; }

    /// <summary>Sorted as NTFS lists a directory, which is the order WIMGAPI captures in.</summary>
    public List<WimTreeNode> Children { get; } = new();

    /// <summary>Where this directory's child list starts in the metadata resource (layout pass).</summary>
    public long SubdirOffset { get; set; }
}
