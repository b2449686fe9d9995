using System;

namespace BulkEnroll.Packaging.Wim;

/// <summary>Turns the first bytes of a file into a header this reader can rely on, or a precise <see cref="WimFormatException"/>.</summary>
internal static class WimHeaderValidator
{
    private const uint MinChunkSize = 4096;

    // XPRESS codes one block of at most 64 KiB with one Huffman table; WIM chunks never exceed that for XPRESS.
    private const uint MaxXpressChunkSize = 65536;

    /// <remarks><paramref name="headerBytes"/> is whatever the file holds of its first 208 bytes; <paramref name="fileLength"/> counts from the WIM's first byte.</remarks>
    public static WimHeader Validate(ReadOnlySpan<byte> headerBytes, long fileLength, out WimCompression compression)
    {
        if (!WimHeader.HasMagic(headerBytes))
        {
            throw new WimFormatException(WimFormatReason.NotAWim, "The file is not a WIM: it does not start with \"MSWIM\".");
        }

        // Before any field is judged: a huge file with a plausible header is refused for its size, not for a field.
        if (fileLength > WimLimits.MaxPackageBytes)
        {
            throw new WimFormatException(
                WimFormatReason.LimitExceeded,
                $"The file is {fileLength} bytes; a provisioning package this reader accepts is at most {WimLimits.MaxPackageBytes} bytes (2 GiB).");
        }

        if (headerBytes.Length < WimHeader.Size)
        {
            throw new WimFormatException(
                WimFormatReason.Truncated,
                $"The WIM is truncated: it ends inside its 208-byte header (length {headerBytes.Length}).");
        }

        uint headerSize = WimHeader.ReadHeaderSize(headerBytes);
        if (headerSize != WimHeader.Size)
        {
            throw new WimFormatException(WimFormatReason.Corrupt, $"The WIM header size is {headerSize}, not 208.");
        }

        WimHeader header = WimHeader.Parse(headerBytes);
        compression = CheckCompression(header);
        CheckVersion(header);
        CheckParts(header);

        if ((header.Flags & WimHeaderFlags.WriteInProgress) != 0)
        {
            throw new WimFormatException(WimFormatReason.Corrupt, "The WIM was never finished: its write-in-progress flag is set.");
        }

        if ((header.Flags & (WimHeaderFlags.ResourceOnly | WimHeaderFlags.MetadataOnly)) != 0)
        {
            throw new WimFormatException(
                WimFormatReason.UnsupportedFeature,
                $"Resource-only and metadata-only WIMs are not supported (header flags 0x{(uint)header.Flags:X}).");
        }

        CheckInFile(header.BlobTable, fileLength, "blob table");
        CheckInFile(header.Xml, fileLength, "image XML");
        return header;
    }

    private static WimCompression CheckCompression(WimHeader header)
    {
        WimHeaderFlags types = header.Flags & WimHeaderFlags.CompressionTypeMask;
        if ((header.Flags & WimHeaderFlags.Compression) == 0)
        {
            // Without the COMPRESSION flag the type bits mean nothing; wimlib and WIMGAPI ignore them too.
            return WimCompression.None;
        }

        if ((types & WimHeaderFlags.CompressLzx) != 0)
        {
            throw new WimFormatException(WimFormatReason.UnsupportedCompression, "The WIM is LZX-compressed; only XPRESS and uncompressed WIMs can be read.");
        }

        if ((types & WimHeaderFlags.CompressLzms) != 0)
        {
            throw new WimFormatException(WimFormatReason.UnsupportedCompression, "The WIM is LZMS-compressed; only XPRESS and uncompressed WIMs can be read.");
        }

        if (types != WimHeaderFlags.CompressXpress)
        {
            throw new WimFormatException(
                WimFormatReason.UnsupportedCompression,
                $"The WIM uses an unknown compression (header flags 0x{(uint)header.Flags:X}); only XPRESS and uncompressed WIMs can be read.");
        }

        uint chunk = header.ChunkSize;
        if (chunk < MinChunkSize || chunk > MaxXpressChunkSize || (chunk & (chunk - 1)) != 0)
        {
            throw new WimFormatException(
                WimFormatReason.UnsupportedCompression,
                $"The WIM's XPRESS chunk size {chunk} is not a power of two between 4 KiB and 64 KiB.");
        }

        return WimCompression.Xpress;
    }

    private static void CheckVersion(WimHeader header)
    {
        // 0x10B00 is the Vista-era layout, identical for everything read here.
        if (header.Version == WimHeader.DefaultVersion || header.Version == 0x10B00)
        {
            return;
        }

        if (header.Version == WimHeader.SolidVersion)
        {
            throw new WimFormatException(WimFormatReason.UnsupportedFeature, "The WIM has solid resources (version 0xE00, as in .esd files); they are not supported.");
        }

        throw new WimFormatException(WimFormatReason.UnsupportedVersion, $"The WIM version 0x{header.Version:X} is not supported (expected 0x10D00).");
    }

    private static void CheckParts(WimHeader header)
    {
        if (header.TotalParts == 1 && header.PartNumber == 1 && (header.Flags & WimHeaderFlags.Spanned) == 0)
        {
            return;
        }

        // Only a consistent part number is a split set; anything else is damage, and saying "split" would mislead.
        if (header.PartNumber < 1 || header.PartNumber > header.TotalParts)
        {
            throw new WimFormatException(
                WimFormatReason.Corrupt,
                $"The WIM header is corrupt: it calls the file part {header.PartNumber} of {header.TotalParts}, which no split set has.");
        }

        throw new WimFormatException(
            WimFormatReason.MultipartUnsupported,
            $"The WIM is part {header.PartNumber} of {header.TotalParts} of a split set; split WIMs are not supported.");
    }

    internal static void CheckInFile(WimResourceHeader resource, long fileLength, string what)
    {
        ulong length = (ulong)fileLength;
        if (resource.Offset > length || resource.SizeInWim > length - resource.Offset)
        {
            throw new WimFormatException(
                WimFormatReason.Truncated,
                $"The WIM is truncated: its {what} ({resource}) extends past the end of the file ({fileLength} bytes).");
        }
    }
}
