using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using BulkEnroll.Packaging.Wim;
using Xunit;

namespace BulkEnroll.Packaging.Tests.Wim;

/// <summary>Byte-level layout of our output against what genuine ICD packages hold (docs/reference/package-format.md#file-layout).</summary>
public sealed class WimWriterStructureTests
{
    private readonly WimImageDefinition _image = WimTestData.TypicalPackage();
    private readonly byte[] _wim;

    public WimWriterStructureTests()
    {
        _wim = WimTestData.Write(_image);
    }

    [Fact]
    public void HeaderMatchesIcdOutput()
    {
        Assert.Equal("MSWIM\0\0\0", Encoding.ASCII.GetString(_wim, 0, 8));
        Assert.Equal(208u, UInt32(8));
        Assert.Equal(0x10D00u, UInt32(12));
        Assert.Equal(0x20082u, UInt32(16));
        Assert.Equal(32768u, UInt32(20));
        Assert.Equal(WimTestData.FixedGuid.ToByteArray(), _wim.AsSpan(24, 16).ToArray());
        Assert.Equal(1, UInt16(40));
        Assert.Equal(1, UInt16(42));
        Assert.Equal(1u, UInt32(44));
        Assert.True(_wim.AsSpan(96, 24).ToArray().All(b => b == 0), "boot metadata resource header");
        Assert.Equal(0u, UInt32(120));
        Assert.True(_wim.AsSpan(124, 24).ToArray().All(b => b == 0), "integrity resource header");
        Assert.True(_wim.AsSpan(148, 60).ToArray().All(b => b == 0), "bytes 148-207");
    }

    [Fact]
    public void OrphanRootOnlyMetadataSitsAtOffset208()
    {
        byte[] rootDescriptor = WimSecurityDescriptors.CreateRoot();
        int securityLength = 8 + 8 + rootDescriptor.Length;

        Assert.Equal((uint)securityLength, UInt32(208));
        Assert.Equal(1u, UInt32(212));
        Assert.Equal((ulong)rootDescriptor.Length, BinaryPrimitives.ReadUInt64LittleEndian(_wim.AsSpan(216)));
        Assert.Equal(rootDescriptor, _wim.AsSpan(224, rootDescriptor.Length).ToArray());

        int root = 208 + securityLength;
        Assert.Equal(104ul, BinaryPrimitives.ReadUInt64LittleEndian(_wim.AsSpan(root)));
        Assert.Equal(0x10u, UInt32(root + 8));
        Assert.Equal(0u, UInt32(root + 12));
        Assert.Equal(0ul, BinaryPrimitives.ReadUInt64LittleEndian(_wim.AsSpan(root + 16)));
        Assert.True(_wim.AsSpan(root + 104, 16).ToArray().All(b => b == 0));

        // The orphan is not in the blob table, and the first file blob follows it directly.
        int firstBlob = root + 104 + 16;
        Assert.Equal(448, firstBlob);
        using var reader = new WimReader(new MemoryStream(_wim));
        Assert.DoesNotContain(reader.Blobs, b => b.Resource.Offset == 208);
        Assert.Equal((ulong)firstBlob, reader.Blobs[1].Resource.Offset);
    }

    [Fact]
    public void BlobsFollowInWriteOrderContiguouslyThenMetadataTableAndXml()
    {
        using var reader = new WimReader(new MemoryStream(_wim));
        WimHeader header = reader.Header;
        IReadOnlyList<WimBlobEntry> blobs = reader.Blobs;

        Assert.Equal(WimResourceFlags.Metadata, header.BlobTable.Flags);
        Assert.Equal((ulong)(50 * blobs.Count), header.BlobTable.SizeInWim);
        Assert.Equal(header.BlobTable.SizeInWim, header.BlobTable.OriginalSize);
        Assert.Equal(WimResourceFlags.Metadata, header.Xml.Flags);
        Assert.Equal(header.Xml.SizeInWim, header.Xml.OriginalSize);

        // Entry 0 is the metadata; then one entry per file in write order.
        Assert.True(blobs[0].IsMetadata);
        Assert.Equal(WimResourceFlags.Metadata | WimResourceFlags.Compressed, blobs[0].Resource.Flags);
        Assert.Equal(
            _image.Files.Select(f => Hex(SHA1.HashData(f.Content))),
            blobs.Skip(1).Select(b => b.Sha1));

        ulong expectedOffset = 448;
        foreach (WimBlobEntry blob in blobs.Skip(1))
        {
            Assert.Equal(expectedOffset, blob.Resource.Offset);
            Assert.Equal(1, blob.PartNumber);
            Assert.Equal(1u, blob.ReferenceCount);
            expectedOffset += blob.Resource.SizeInWim;
        }

        Assert.Equal(expectedOffset, blobs[0].Resource.Offset);
        Assert.Equal(blobs[0].Resource.Offset + blobs[0].Resource.SizeInWim, header.BlobTable.Offset);
        Assert.Equal(header.BlobTable.Offset + header.BlobTable.SizeInWim, header.Xml.Offset);
        Assert.Equal((ulong)_wim.Length, header.Xml.Offset + header.Xml.SizeInWim);
    }

    [Fact]
    public void EachFileIsCompressedOnlyWhenThatIsSmaller()
    {
        using var reader = new WimReader(new MemoryStream(_wim));
        foreach (WimBlobEntry blob in reader.Blobs.Skip(1))
        {
            if (blob.Resource.IsCompressed)
            {
                Assert.Equal(WimResourceFlags.Compressed, blob.Resource.Flags);
                Assert.True(blob.Resource.SizeInWim < blob.Resource.OriginalSize);
            }
            else
            {
                Assert.Equal(WimResourceFlags.None, blob.Resource.Flags);
                Assert.Equal(blob.Resource.OriginalSize, blob.Resource.SizeInWim);
            }
        }

        // The small fixed files stay raw, as in every genuine package; the big XML files are compressed.
        Assert.False(BlobOf(reader, "Multivariant/Multivariant.xml").Resource.IsCompressed);
        Assert.False(BlobOf(reader, "CommonSettings/CommonSettings.xml").Resource.IsCompressed);
        Assert.False(BlobOf(reader, "Multivariant/0/MasterDatastore.xml").Resource.IsCompressed);
        Assert.True(BlobOf(reader, "Multivariant/0/customizations.xml").Resource.IsCompressed);
    }

    [Fact]
    public void XmlIsLastUtf16WithBomOnOneLineInIcdElementOrder()
    {
        using var reader = new WimReader(new MemoryStream(_wim));
        int xmlOffset = (int)reader.Header.Xml.Offset;

        Assert.Equal(0xFF, _wim[xmlOffset]);
        Assert.Equal(0xFE, _wim[xmlOffset + 1]);
        string xml = Encoding.Unicode.GetString(_wim, xmlOffset + 2, _wim.Length - xmlOffset - 2);
        Assert.StartsWith($"<WIM><TOTALBYTES>{xmlOffset}</TOTALBYTES><IMAGE INDEX=\"1\"><NAME>Contoso-BulkEnroll</NAME><DESCRIPTION></DESCRIPTION><NOTES>", xml, StringComparison.Ordinal);
        Assert.EndsWith("<WIMBOOT>0</WIMBOOT></IMAGE></WIM>", xml, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', xml);
        Assert.DoesNotContain('\r', xml);

        WimImage image = reader.GetImage(1);
        Assert.Equal(WimTestData.PropertyOrder, image.Properties.Select(p => p.Key));
        Assert.Equal("6", image.GetProperty("DIRCOUNT"));
        Assert.Equal("10", image.GetProperty("FILECOUNT"));
        Assert.Equal(_image.Files.Sum(f => f.Content.Length).ToString(System.Globalization.CultureInfo.InvariantCulture), image.GetProperty("TOTALBYTES"));
        Assert.Equal("0", image.GetProperty("HARDLINKBYTES"));
        Assert.Equal("0", image.GetProperty("WIMBOOT"));

        long creation = WimFileTime.FromDateTime(WimTestData.FixedTime);
        Assert.Equal($"0x{(uint)(creation >> 32):X8}", image.GetProperty("CREATIONTIME/HIGHPART"));
        Assert.Equal($"0x{(uint)creation:X8}", image.GetProperty("CREATIONTIME/LOWPART"));
        foreach (KeyValuePair<string, string> time in image.Properties.Where(p => p.Key.EndsWith("PART", StringComparison.Ordinal)))
        {
            Assert.Matches(new Regex("^0x[0-9A-F]{8}$"), time.Value);
        }

        long modified = WimFileTime.FromDateTime(WimTestData.FixedTime.AddMilliseconds(350));
        Assert.Equal($"0x{(uint)modified:X8}", image.GetProperty("LASTMODIFICATIONTIME/LOWPART"));
    }

    [Fact]
    public void DentriesCarryArchiveAttributesBuildTimesAndTheTwoSecurityDescriptors()
    {
        using var reader = new WimReader(new MemoryStream(_wim));
        WimImage image = reader.GetImage(1);

        Assert.Equal(2, image.SecurityDescriptors.Count);
        Assert.Equal(WimSecurityDescriptors.CreateRoot(), image.SecurityDescriptors[0]);
        Assert.Equal(WimSecurityDescriptors.CreateFile(), image.SecurityDescriptors[1]);
        foreach (WimEntry entry in image.Entries)
        {
            Assert.Equal(entry.IsDirectory ? 0x10u : 0x20u, entry.RawAttributes);
            Assert.Equal(entry.IsDirectory ? -1 : 1, entry.SecurityId);
            Assert.Equal(WimTestData.FixedTime, entry.CreationTimeUtc);
            Assert.Equal(WimTestData.FixedTime, entry.LastWriteTimeUtc);
            Assert.Equal(WimTestData.FixedTime, entry.LastAccessTimeUtc);
            Assert.Equal(string.Empty, entry.ShortName);
        }

        Assert.Equal(
            new[] { "CommonSettings", "CommonSettings/1", "Multivariant", "Multivariant/0", "Multivariant/0/Prov", "Multivariant/0/Prov/RunTime" },
            image.Entries.Where(e => e.IsDirectory).Select(e => e.Path).OrderBy(p => p, StringComparer.Ordinal));
    }

    [Fact]
    public void SecurityDescriptorsUseWellKnownSidsAndMarkFileAcesInherited()
    {
        byte[] root = WimSecurityDescriptors.CreateRoot();
        byte[] file = WimSecurityDescriptors.CreateFile();
        byte[] administrators = { 1, 2, 0, 0, 0, 0, 0, 5, 32, 0, 0, 0, 0x20, 2, 0, 0 };
        byte[] system = { 1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0 };

        foreach (byte[] descriptor in new[] { root, file })
        {
            Assert.Equal(1, descriptor[0]);
            Assert.Equal(0x8004, BinaryPrimitives.ReadUInt16LittleEndian(descriptor.AsSpan(2)));
            int owner = (int)BinaryPrimitives.ReadUInt32LittleEndian(descriptor.AsSpan(4));
            int group = (int)BinaryPrimitives.ReadUInt32LittleEndian(descriptor.AsSpan(8));
            int dacl = (int)BinaryPrimitives.ReadUInt32LittleEndian(descriptor.AsSpan(16));
            Assert.Equal(administrators, descriptor.AsSpan(owner, 16).ToArray());
            Assert.Equal(administrators, descriptor.AsSpan(group, 16).ToArray());
            Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(descriptor.AsSpan(dacl + 4)));
            Assert.Equal(0x001F01FFu, BinaryPrimitives.ReadUInt32LittleEndian(descriptor.AsSpan(dacl + 8 + 4)));
            Assert.Equal(system, descriptor.AsSpan(dacl + 8 + 8, 12).ToArray());
            Assert.Equal(administrators, descriptor.AsSpan(dacl + 8 + 20 + 8, 16).ToArray());
        }

        Assert.Equal(0x13, root[20 + 8 + 1]);
        Assert.Equal(0x10, file[20 + 8 + 1]);
    }

    [Fact]
    public void OutputIsDeterministicForTheSameInputsGuidAndTimes()
    {
        Assert.Equal(_wim, WimTestData.Write(WimTestData.TypicalPackage()));

        byte[] otherGuid = WimWriter.WriteToArray(WimTestData.TypicalPackage(), Guid.NewGuid());
        Assert.Equal(_wim.Length, otherGuid.Length);
        Assert.False(_wim.AsSpan(24, 16).SequenceEqual(otherGuid.AsSpan(24, 16)));
        Assert.True(_wim.AsSpan(40).SequenceEqual(otherGuid.AsSpan(40)));
    }

    [Fact]
    public void ForwardOnlyAndOffsetDestinationsGetTheSameBytes()
    {
        using var forwardOnly = new ForwardOnlyStream();
        WimWriter.Write(forwardOnly, WimTestData.TypicalPackage(), WimTestData.FixedGuid);
        Assert.Equal(_wim, forwardOnly.ToArray());

        using var offset = new MemoryStream();
        offset.Write(new byte[] { 1, 2, 3 }, 0, 3);
        WimWriter.Write(offset, WimTestData.TypicalPackage(), WimTestData.FixedGuid);
        Assert.Equal(_wim, offset.ToArray().Skip(3).ToArray());

        offset.Position = 3;
        using var reader = new WimReader(offset, leaveOpen: true);
        Assert.Equal(10, reader.Files.Count);
    }

    [Fact]
    public void IdenticalContentIsStoredOnceAndEmptyFilesHaveNoBlob()
    {
        var image = new WimImageDefinition { CreationTimeUtc = WimTestData.FixedTime };
        byte[] content = WimTestData.Utf8(WimTestData.Customizations(1, 3000));
        image.AddFile("a/one.xml", content).AddFile("b/two.xml", content).AddFile("c/empty.xml", Array.Empty<byte>());

        using var reader = new WimReader(new MemoryStream(WimTestData.Write(image)));

        Assert.Equal(2, reader.Blobs.Count);
        Assert.Equal(2u, reader.Blobs[1].ReferenceCount);
        WimEntry empty = reader.Files.Single(f => f.Path == "c/empty.xml");
        Assert.Equal(new string('0', 40), empty.Sha1);
        Assert.Equal(0, empty.Size);
        Assert.Empty(reader.ReadFile("c/empty.xml"));
        Assert.Equal(content, reader.ReadFile("B\\TWO.XML"));
        Assert.Equal("3", reader.GetImage(1).GetProperty("FILECOUNT"));
        Assert.Equal("3", reader.GetImage(1).GetProperty("DIRCOUNT"));
    }

    [Fact]
    public void ChildrenAreListedInNtfsOrder()
    {
        var image = new WimImageDefinition { CreationTimeUtc = WimTestData.FixedTime };
        foreach (string name in new[] { "b.xml", "A.xml", "10__x.provxml", "1__y.provxml", "a_dir/z.txt", "_under.txt" })
        {
            image.AddFile(name, new byte[] { 1 });
        }

        using var reader = new WimReader(new MemoryStream(WimTestData.Write(image)));

        Assert.Equal(
            new[] { "10__x.provxml", "1__y.provxml", "A.xml", "a_dir", "a_dir/z.txt", "b.xml", "_under.txt" },
            reader.GetImage(1).Entries.Select(e => e.Path));
    }

    [Theory]
    [InlineData("a.xml", "A.XML")]
    [InlineData("dir", "dir/file.txt")]
    [InlineData("dir/file.txt", "dir")]
    [InlineData("x/y.txt", "x/y.txt")]
    public void ConflictingPathsAreRefused(string first, string second)
    {
        var image = new WimImageDefinition();
        image.AddFile(first, new byte[1]).AddFile(second, new byte[1]);

        Assert.Throws<ArgumentException>(() => WimTestData.Write(image));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a//b.txt")]
    [InlineData("a/../b.txt")]
    [InlineData("a/b?.txt")]
    [InlineData("a/b.txt.")]
    [InlineData("a/b:stream")]
    public void InvalidPathsAreRefused(string path) =>
        Assert.Throws<ArgumentException>(() => new WimFile(path, Array.Empty<byte>()));

    [Fact]
    public void PathsAreNormalizedToForwardSlashes() =>
        Assert.Equal("Multivariant/0/Prov/RunTime.xml", new WimFile("\\Multivariant\\0\\Prov\\RunTime.xml", Array.Empty<byte>()).Path);

    [Theory]
    [InlineData("DIRCOUNT")]
    [InlineData("creationtime")]
    [InlineData("NOT VALID")]
    [InlineData("1NAME")]
    public void ComputedOrInvalidPropertyNamesAreRefused(string name)
    {
        var image = new WimImageDefinition();
        image.AddProperty(name, "x");

        Assert.Throws<ArgumentException>(() => WimTestData.Write(image));
    }

    [Fact]
    public void PropertyValuesAreEscaped()
    {
        var image = new WimImageDefinition { CreationTimeUtc = WimTestData.FixedTime };
        image.AddProperty("NAME", "R&D <test> \"quoted\"\r\nline");

        using var reader = new WimReader(new MemoryStream(WimTestData.Write(image)));

        Assert.Equal("R&D <test> \"quoted\"\r\nline", reader.GetImage(1).GetProperty("NAME"));
    }

    private static WimBlobEntry BlobOf(WimReader reader, string path)
    {
        Assert.True(reader.GetImage(1).TryGetEntry(path, out WimEntry entry));
        return reader.Blobs.Single(b => b.Sha1 == entry.Sha1);
    }

    private uint UInt32(int offset) => BinaryPrimitives.ReadUInt32LittleEndian(_wim.AsSpan(offset));

    private ushort UInt16(int offset) => BinaryPrimitives.ReadUInt16LittleEndian(_wim.AsSpan(offset));

    private static string Hex(byte[] hash) => Convert.ToHexString(hash).ToLowerInvariant();

    private sealed class ForwardOnlyStream : MemoryStream
    {
        public override bool CanSeek => false;
    }
}
