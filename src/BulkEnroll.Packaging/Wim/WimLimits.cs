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
}
