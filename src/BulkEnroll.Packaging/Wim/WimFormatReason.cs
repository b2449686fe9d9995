namespace BulkEnroll.Packaging.Wim;

/// <summary>Why a WIM (.ppkg) could not be read. The numeric values are stable: callers may map them to error ids.</summary>
internal enum WimFormatReason
{
    /// <summary>The data does not start with the WIM magic "MSWIM\0\0\0".</summary>
    NotAWim = 1,

    /// <summary>The file ends before a structure or resource that its header points to.</summary>
    Truncated = 2,

    /// <summary>The header carries a WIM version this reader does not know.</summary>
    UnsupportedVersion = 3,

    /// <summary>The WIM uses LZX, LZMS or another compression this reader does not implement (only XPRESS and none are).</summary>
    UnsupportedCompression = 4,

    /// <summary>The WIM uses a feature this reader does not implement, such as solid resources.</summary>
    UnsupportedFeature = 5,

    /// <summary>The WIM is one part of a split (.swm) set.</summary>
    MultipartUnsupported = 6,

    /// <summary>Inconsistent structures, bad offsets or sizes, undecodable chunks or a SHA-1 mismatch.</summary>
    Corrupt = 7,

    /// <summary>A size or depth exceeds what this reader accepts (for example a file over 256 MiB).</summary>
    LimitExceeded = 8,
}
