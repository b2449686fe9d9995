namespace BulkEnroll.Packaging.Wim;

/// <summary>
/// Bounds on what <see cref="WimReader"/> will allocate or walk, so a hostile file fails with
/// <see cref="WimFormatReason.LimitExceeded"/> instead of exhausting memory. Packages are kilobytes to
/// a few hundred megabytes; these leave ample room.
/// </summary>
internal static class WimLimits
{
    public const int MaxFileBytes = 256 * 1024 * 1024;

    public const int MaxMetadataBytes = 64 * 1024 * 1024;

    public const int MaxXmlBytes = 16 * 1024 * 1024;

    public const int MaxBlobTableBytes = 64 * 1024 * 1024;

    public const int MaxDirectoryDepth = WimTreeBuilder.MaxDepth;

    /// <summary>Real image XML nests 4 levels inside IMAGE (WINDOWS/VERSION/BUILD).</summary>
    public const int MaxXmlDepth = 64;

    public const int MaxXmlPropertyPath = 1024;

    public const int MaxXmlProperties = 10_000;

    /// <summary>A package this large is not a provisioning package; refused before anything but its header is read.</summary>
    public const long MaxPackageBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// All resources one reader decompresses, together: a small file whose entries all point at one large blob
    /// would otherwise cost the blob's size once per entry.
    /// </summary>
    public const long MaxTotalDecompressedBytes = 1024L * 1024 * 1024;
}
