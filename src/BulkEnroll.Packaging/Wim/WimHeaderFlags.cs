using System;

namespace BulkEnroll.Packaging.Wim;

/// <summary>Flags of the WIM header (offset 16).</summary>
[Flags]
internal enum WimHeaderFlags : uint
{
    None = 0,
    Reserved = 0x1,
    Compression = 0x2,
    ReadOnly = 0x4,
    Spanned = 0x8,
    ResourceOnly = 0x10,
    MetadataOnly = 0x20,
    WriteInProgress = 0x40,

    /// <summary>Reparse point fix-up; WIMGAPI and ICD always set it.</summary>
    ReparsePointFix = 0x80,

    CompressReserved = 0x10000,
    CompressXpress = 0x20000,
    CompressLzx = 0x40000,
    CompressLzms = 0x80000,

    /// <summary>All bits that name a compression format, known or not.</summary>
    CompressionTypeMask = 0xFFFF0000,
}
