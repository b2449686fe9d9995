using System;
using System.IO;
using System.Linq;
using System.Text;
using BulkEnroll.Packaging.Wim;
using Xunit;

namespace BulkEnroll.Packaging.Tests.Wim;

/// <summary>Damaged and hostile input must end in a <see cref="WimFormatException"/> with the right reason, never anything else.</summary>
public sealed class WimReaderCorruptionTests
{
    private static readonly byte[] Package = WimTestData.Write(WimTestData.TypicalPackage());

    [Fact]
    public void ValidPackageReadsBack()
    {
        WimImageDefinition image = WimTestData.TypicalPackage();

        using var reader = new WimReader(new MemoryStream(Package));

        foreach (WimFile file in image.Files)
        {
            Assert.Equal(file.Content, reader.ReadFile(file.Path));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("MSWI")]
    [InlineData("PK\u0003\u0004 this is a zip, not a wim")]
    [InlineData("<?xml version=\"1.0\"?><WIM></WIM>")]
    public void NonWimInputIsNotAWim(string content) =>
        AssertReason(WimFormatReason.NotAWim, Encoding.ASCII.GetBytes(content));

    [Fact]
    public void RandomGarbageIsNotAWim()
    {
        for (int seed = 0; seed < 20; seed++)
        {
            AssertReason(WimFormatReason.NotAWim, WimTestData.RandomBytes(seed * 100, seed));
        }
    }

    [Fact]
    public void GarbageAfterTheMagicIsNeverAnotherException()
    {
        var random = new Random(5);
        for (int round = 0; round < 200; round++)
        {
            byte[] bytes = WimTestData.RandomBytes(random.Next(8, 3000), round);
            Encoding.ASCII.GetBytes("MSWIM\0\0\0").CopyTo(bytes, 0);
            ReadAllOrWimFormatException(bytes);
        }
    }

    [Fact]
    public void TruncationAtAnyPointIsReportedAsTruncated()
    {
        for (int cut = 0; cut < Package.Length; cut += cut < 300 ? 1 : 23)
        {
            WimFormatReason expected = cut < 8 ? WimFormatReason.NotAWim : WimFormatReason.Truncated;
            AssertReason(expected, Package.AsSpan(0, cut).ToArray());
        }
    }

    [Fact]
    public void FlippedByteInACompressedBlobIsCorrupt()
    {
        WimBlobEntry blob = Blobs(Package).First(b => !b.IsMetadata && b.Resource.IsCompressed);
        byte[] damaged = (byte[])Package.Clone();
        damaged[(int)blob.Resource.Offset + ((int)blob.Resource.SizeInWim / 2)] ^= 0x5A;

        using var reader = new WimReader(new MemoryStream(damaged));
        WimEntry entry = reader.Files.First(f => f.Sha1 == blob.Sha1);
        WimFormatException ex = Assert.Throws<WimFormatException>(() => reader.ReadEntry(entry));

        Assert.Equal(WimFormatReason.Corrupt, ex.Reason);
    }

    [Fact]
    public void FlippedByteInARawBlobIsASha1Mismatch()
    {
        WimBlobEntry blob = Blobs(Package).First(b => !b.IsMetadata && !b.Resource.IsCompressed);
        byte[] damaged = (byte[])Package.Clone();
        damaged[(int)blob.Resource.Offset + 10] ^= 0x01;

        using var reader = new WimReader(new MemoryStream(damaged));
        WimEntry entry = reader.Files.First(f => f.Sha1 == blob.Sha1);
        WimFormatException ex = Assert.Throws<WimFormatException>(() => reader.ReadEntry(entry));

        Assert.Equal(WimFormatReason.Corrupt, ex.Reason);
        Assert.Contains("SHA-1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FlippedByteInTheMetadataIsCorrupt()
    {
        WimBlobEntry metadata = Blobs(Package).Single(b => b.IsMetadata);
        byte[] damaged = (byte[])Package.Clone();
        damaged[(int)metadata.Resource.Offset + 300] ^= 0x10;

        using var reader = new WimReader(new MemoryStream(damaged));
        WimFormatException ex = Assert.Throws<WimFormatException>(() => reader.GetImage(1));

        Assert.Equal(WimFormatReason.Corrupt, ex.Reason);
    }

    [Fact]
    public void HeaderDefectsHaveTheirOwnReasons()
    {
        AssertReason(WimFormatReason.UnsupportedVersion, WithUInt32(Package, 12, 0x10E00));
        AssertReason(WimFormatReason.Corrupt, WithUInt32(Package, 8, 200));
        AssertReason(WimFormatReason.UnsupportedCompression, WithUInt32(Package, 16, 0x40082));
        AssertReason(WimFormatReason.UnsupportedCompression, WithUInt32(Package, 16, 0x80082));
        AssertReason(WimFormatReason.UnsupportedCompression, WithUInt32(Package, 16, 0x100082));
        AssertReason(WimFormatReason.UnsupportedCompression, WithUInt32(Package, 20, 1000));
        AssertReason(WimFormatReason.MultipartUnsupported, WithUInt16(Package, 42, 2));
        AssertReason(WimFormatReason.Corrupt, WithUInt16(Package, 40, 0)); // part 0 of 1: damage, not a split set
        AssertReason(WimFormatReason.Corrupt, WithUInt16(Package, 40, 3)); // part 3 of 1
        AssertReason(WimFormatReason.Corrupt, WithUInt32(Package, 16, 0x200C2)); // write in progress
        AssertReason(WimFormatReason.Corrupt, WithUInt32(Package, 44, 5)); // more images than metadata resources
    }

    [Fact]
    public void UncompressedFlagMakesCompressedResourcesCorrupt() =>
        AssertReason(WimFormatReason.Corrupt, WithUInt32(Package, 16, 0x80));

    [Fact]
    public void HugeSizesAreRefusedBeforeAllocating()
    {
        // Blob table claims to be 2^50 bytes at offset 0: nothing is allocated, the file is simply too short.
        byte[] damaged = (byte[])Package.Clone();
        new WimResourceHeader(1UL << 50, WimResourceFlags.Metadata, 0, 1UL << 50).Write(damaged.AsSpan(48));
        AssertReason(WimFormatReason.Truncated, damaged);

        // A compressed blob table inside the file but claiming 1 TiB uncompressed.
        damaged = (byte[])Package.Clone();
        WimHeader header = WimHeader.Parse(Package);
        new WimResourceHeader(header.BlobTable.SizeInWim, WimResourceFlags.Metadata | WimResourceFlags.Compressed, header.BlobTable.Offset, 1UL << 40)
            .Write(damaged.AsSpan(48));
        AssertReason(WimFormatReason.LimitExceeded, damaged);
    }

    [Fact]
    public void SingleByteMutationsNeverEscapeAsOtherExceptions()
    {
        var random = new Random(1234);
        int failures = 0;
        for (int round = 0; round < 400; round++)
        {
            byte[] mutated = (byte[])Package.Clone();

            // Half the mutations target the header and the tables, where structure lives.
            int position = round % 2 == 0
                ? random.Next(mutated.Length)
                : random.Next(2) == 0 ? random.Next(WimHeader.Size) : mutated.Length - 1 - random.Next(Math.Min(mutated.Length, 1200));
            mutated[position] = (byte)random.Next(256);
            failures += ReadAllOrWimFormatException(mutated) ? 0 : 1;
        }

        Assert.True(failures > 0, "no mutation was detected at all");
    }

    [Fact]
    public void MetadataParserSurvivesMutatedDentryTrees()
    {
        WimImageDefinition image = WimTestData.TypicalPackage();
        image.AddFile("deep/a/b/c/d/e/f/g/h.txt", new byte[] { 1 });
        byte[] metadata = MetadataOf(WimTestData.Write(image));
        var random = new Random(99);

        for (int round = 0; round < 3000; round++)
        {
            byte[] mutated = (byte[])metadata.Clone();
            int mutations = random.Next(1, 4);
            for (int i = 0; i < mutations; i++)
            {
                mutated[random.Next(mutated.Length)] = (byte)(random.Next(3) switch { 0 => 0, 1 => 0xFF, _ => random.Next(256) });
            }

            try
            {
                WimMetadataParser.Parse(mutated, _ => 1);
            }
            catch (WimFormatException)
            {
            }
        }
    }

    [Fact]
    public void CyclicDirectoryListsAreCorruptNotEndless()
    {
        WimImageDefinition image = new() { CreationTimeUtc = WimTestData.FixedTime };
        image.AddFile("dir/file.txt", new byte[] { 1 });
        byte[] metadata = MetadataOf(WimTestData.Write(image));

        // The root's list holds "dir"; point dir's subdir offset back at the root's own list.
        long rootList = BitConverter.ToInt64(metadata, 232 + 16);
        int dirDentry = (int)rootList;
        BitConverter.GetBytes(rootList).CopyTo(metadata, dirDentry + 16);

        WimFormatException ex = Assert.Throws<WimFormatException>(() => WimMetadataParser.Parse(metadata, _ => 1));
        Assert.Equal(WimFormatReason.Corrupt, ex.Reason);
    }

    [Fact]
    public void NestingBeyondTheLimitIsRefused()
    {
        // Our writer refuses such paths, so build the tree by hand: 70 nested directories.
        var root = new WimTreeNode(string.Empty, true, new byte[20], 0);
        WimTreeNode current = root;
        for (int depth = 0; depth < 70; depth++)
        {
            var child = new WimTreeNode("d" + depth, true, new byte[20], -1);
            current.Children.Add(child);
            current = child;
        }

        byte[] metadata = WimMetadataWriter.Build(root, new[] { WimSecurityDescriptors.CreateRoot() }, 0);

        WimFormatException ex = Assert.Throws<WimFormatException>(() => WimMetadataParser.Parse(metadata, _ => 1));
        Assert.Equal(WimFormatReason.LimitExceeded, ex.Reason);
    }

    private static bool ReadAllOrWimFormatException(byte[] bytes)
    {
        try
        {
            using var reader = new WimReader(new MemoryStream(bytes));
            for (int index = 1; index <= reader.ImageCount; index++)
            {
                WimImage image = reader.GetImage(index);
                _ = image.Properties.Count;
                foreach (WimEntry entry in image.Files)
                {
                    reader.ReadEntry(entry);
                }
            }

            return true;
        }
        catch (WimFormatException)
        {
            return false;
        }
    }

    private static void AssertReason(WimFormatReason expected, byte[] bytes)
    {
        WimFormatException ex = Assert.Throws<WimFormatException>(() =>
        {
            using var reader = new WimReader(new MemoryStream(bytes));
            foreach (WimEntry entry in reader.Files)
            {
                reader.ReadEntry(entry);
            }
        });
        Assert.True(expected == ex.Reason, $"expected {expected} for {bytes.Length} bytes, got {ex.Reason}: {ex.Message}");
    }

    private static WimBlobEntry[] Blobs(byte[] wim)
    {
        using var reader = new WimReader(new MemoryStream(wim));
        return reader.Blobs.ToArray();
    }

    private static byte[] MetadataOf(byte[] wim)
    {
        WimBlobEntry entry = Blobs(wim).Single(b => b.IsMetadata);
        using var stream = new MemoryStream(wim);
        return new WimResourceReader(stream, 0, wim.Length, WimCompression.Xpress, 32768).Read(entry.Resource, int.MaxValue, "metadata");
    }

    private static byte[] WithUInt32(byte[] source, int offset, uint value)
    {
        byte[] copy = (byte[])source.Clone();
        BitConverter.GetBytes(value).CopyTo(copy, offset);
        return copy;
    }

    private static byte[] WithUInt16(byte[] source, int offset, ushort value)
    {
        byte[] copy = (byte[])source.Clone();
        BitConverter.GetBytes(value).CopyTo(copy, offset);
        return copy;
    }
}
