using System;

namespace BulkEnroll.Packaging.Wim;

/// <summary>Flags byte of a resource header.</summary>
[Flags]
internal enum WimResourceFlags : byte
{
    None = 0,
    Free = 0x1,
    Metadata = 0x2,
    Compressed = 0x4,
    Spanned = 0x8,
    Solid = 0x10,
}
