namespace BulkEnroll.Packaging.Files;

/// <summary>A file this module wrote, with what a user needs to check a copy of it.</summary>
internal sealed class WrittenFile
{
    public WrittenFile(string path, long size, string sha256, bool ownerOnly)
    {
        Path = path;
        Size = size;
        Sha256 = sha256;
        OwnerOnly = ownerOnly;
    }

    public string Path { get; }

    public long Size { get; }

    /// <summary>Lower-case hex.</summary>
    public string Sha256 { get; }

    /// <summary>False when the file system could not keep the owner-only permissions.</summary>
    public bool OwnerOnly { get; }
}
