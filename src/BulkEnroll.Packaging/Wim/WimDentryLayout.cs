namespace BulkEnroll.Packaging.Wim;

/// <summary>Fixed facts about the on-disk directory entry (dentry) of a metadata resource.</summary>
internal static class WimDentryLayout
{
    /// <summary>Bytes before the names.</summary>
    public const int FixedSize = 102;

    /// <summary>An 8-byte zero length ends every sibling list.</summary>
    public const int EndOfDirectorySize = 8;

    /// <summary>Fixed part of an extra (alternate or unnamed) stream entry that may follow a dentry.</summary>
    public const int StreamEntryFixedSize = 38;

    public const int LengthOffset = 0;
    public const int AttributesOffset = 8;
    public const int SecurityIdOffset = 12;
    public const int SubdirOffsetOffset = 16;
    public const int CreationTimeOffset = 40;
    public const int LastAccessTimeOffset = 48;
    public const int LastWriteTimeOffset = 56;
    public const int HashOffset = 64;
    public const int HardLinkGroupOffset = 88;
    public const int StreamCountOffset = 96;
    public const int ShortNameBytesOffset = 98;
    public const int FileNameBytesOffset = 100;

    public const uint AttributeDirectory = 0x10;
    public const uint AttributeArchive = 0x20;
    public const uint AttributeReparsePoint = 0x400;

    /// <summary>Space a dentry with this many UTF-16 name bytes and no short name takes, padded to 8.</summary>
    public static int SizeFor(int fileNameBytes) => Align8(FixedSize + (fileNameBytes > 0 ? fileNameBytes + 2 : 0));

    public static int Align8(int value) => (value + 7) & ~7;

    public static long Align8(long value) => (value + 7) & ~7L;
}
