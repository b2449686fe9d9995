using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BulkEnroll.Packaging.Wim;
using Xunit;

namespace BulkEnroll.Packaging.Tests.Wim;

/// <summary>Our reader on WIMs wimlib wrote: its XPRESS encoder is independent of ours, so this checks our decoder.</summary>
public sealed class WimReaderWimlibTests
{
    [Theory]
    [InlineData("xpress")]
    [InlineData("none")]
    public void ReadsEveryFileOfAWimlibCapture(string compression)
    {
        using var temp = new TempDirectory();
        IReadOnlyDictionary<string, byte[]> files = CreateSourceTree(temp.Combine("src"));
        string wim = temp.Combine("captured.wim");
        Wimlib.Run("capture", temp.Combine("src"), wim, "Captured", "--compress=" + compression);

        using WimReader reader = WimReader.Open(wim);

        Assert.Equal(compression == "none" ? WimCompression.None : WimCompression.Xpress, reader.Compression);
        Assert.Equal(1, reader.ImageCount);
        Assert.Equal("Captured", reader.GetImage(1).GetProperty("NAME"));
        Assert.Equal(files.Keys.OrderBy(k => k, StringComparer.Ordinal), reader.Files.Select(f => f.Path).OrderBy(k => k, StringComparer.Ordinal));
        foreach (WimEntry entry in reader.Files)
        {
            byte[] expected = files[entry.Path];
            Assert.Equal(expected.Length, entry.Size);
            Assert.True(expected.AsSpan().SequenceEqual(reader.ReadFile(entry.Path)), $"{entry.Path} differs");
        }

        using Stream stream = reader.OpenFile("docs/big text.xml");
        Assert.Equal(files["docs/big text.xml"].Length, stream.Length);
        Assert.Contains(reader.GetImage(1).Entries, e => e.IsDirectory && e.Path == "docs/nested/deeper");
    }

    [Fact]
    public void CompressedChunksOfWimlibAreReallyDecodedByOurDecoder()
    {
        using var temp = new TempDirectory();
        CreateSourceTree(temp.Combine("src"));
        string wim = temp.Combine("captured.wim");
        Wimlib.Run("capture", temp.Combine("src"), wim, "--compress=xpress");

        using WimReader reader = WimReader.Open(wim);

        // Guards the test above against wimlib storing everything raw.
        Assert.Contains(reader.Blobs, b => !b.IsMetadata && b.Resource.IsCompressed && b.Resource.OriginalSize > 32768);
        Assert.Contains(reader.Blobs, b => b.IsMetadata && b.Resource.IsCompressed);
    }

    [Fact]
    public void ReadsEveryImageOfAMultiImageWim()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("one"));
        Directory.CreateDirectory(temp.Combine("two", "sub"));
        File.WriteAllText(temp.Combine("one", "a.txt"), "first image");
        File.WriteAllText(temp.Combine("two", "sub", "b.txt"), "second image");
        string wim = temp.Combine("multi.wim");
        Wimlib.Run("capture", temp.Combine("one"), wim, "One", "--compress=xpress");
        Wimlib.Run("append", temp.Combine("two"), wim, "Two");

        using WimReader reader = WimReader.Open(wim);

        Assert.Equal(2, reader.ImageCount);
        Assert.Equal("One", reader.GetImage(1).GetProperty("NAME"));
        Assert.Equal("Two", reader.GetImage(2).GetProperty("NAME"));
        Assert.Equal("first image", System.Text.Encoding.UTF8.GetString(reader.ReadFile("a.txt")));
        Assert.Equal("second image", System.Text.Encoding.UTF8.GetString(reader.ReadFile("sub/b.txt", image: 2)));
        Assert.Throws<FileNotFoundException>(() => reader.ReadFile("sub/b.txt", image: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.GetImage(3));
    }

    [Theory]
    [InlineData("lzx", "LZX")]
    [InlineData("lzms", "LZMS")]
    public void OtherCompressionsAreRefusedByName(string compression, string name)
    {
        using var temp = new TempDirectory();
        CreateSourceTree(temp.Combine("src"));
        string wim = temp.Combine("other.wim");
        Wimlib.Run("capture", temp.Combine("src"), wim, "--compress=" + compression);

        WimFormatException ex = Assert.Throws<WimFormatException>(() => WimReader.Open(wim));

        Assert.Equal(WimFormatReason.UnsupportedCompression, ex.Reason);
        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SolidXpressWimIsRefused()
    {
        using var temp = new TempDirectory();
        CreateSourceTree(temp.Combine("src"));
        string wim = temp.Combine("solid.wim");
        Wimlib.Run("capture", temp.Combine("src"), wim, "--solid", "--solid-compress=xpress", "--compress=xpress");

        WimFormatException ex = Assert.Throws<WimFormatException>(() => ReadEverything(wim));

        Assert.True(ex.Reason is WimFormatReason.UnsupportedFeature or WimFormatReason.UnsupportedCompression, ex.Reason + ": " + ex.Message);
    }

    [Fact]
    public void SplitWimPartsAreRefused()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("src"));
        File.WriteAllBytes(temp.Combine("src", "a.bin"), WimTestData.RandomBytes(1_500_000, 1));
        File.WriteAllBytes(temp.Combine("src", "b.bin"), WimTestData.RandomBytes(1_500_000, 2));
        string wim = temp.Combine("big.wim");
        Wimlib.Run("capture", temp.Combine("src"), wim, "--compress=none");
        Wimlib.Run("split", wim, temp.Combine("part.swm"), "1");

        WimFormatException ex = Assert.Throws<WimFormatException>(() => WimReader.Open(temp.Combine("part.swm")));

        Assert.Equal(WimFormatReason.MultipartUnsupported, ex.Reason);
    }

    [Fact]
    public void WimlibCanReadBackWhatItExtractedFromOurs()
    {
        // Our writer, wimlib's reader, wimlib's writer, our reader: both directions agree on the same bytes.
        using var temp = new TempDirectory();
        WimImageDefinition image = WimTestData.TypicalPackage();
        string ours = WimTestData.WriteFile(image, temp.Combine("ours.ppkg"));
        Wimlib.Run("apply", ours, "1", temp.Combine("applied"));
        string theirs = temp.Combine("theirs.wim");
        Wimlib.Run("capture", temp.Combine("applied"), theirs, "--compress=xpress");

        using WimReader reader = WimReader.Open(theirs);

        foreach (WimFile file in image.Files)
        {
            Assert.Equal(file.Content, reader.ReadFile(file.Path));
        }
    }

    internal static void ReadEverything(string path)
    {
        using WimReader reader = WimReader.Open(path);
        for (int index = 1; index <= reader.ImageCount; index++)
        {
            WimImage image = reader.GetImage(index);
            foreach (WimEntry entry in image.Files)
            {
                reader.ReadEntry(entry);
            }
        }
    }

    private static IReadOnlyDictionary<string, byte[]> CreateSourceTree(string root)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["empty.txt"] = Array.Empty<byte>(),
            ["one.txt"] = new byte[] { (byte)'x' },
            ["docs/big text.xml"] = WimTestData.Utf8(WimTestData.Customizations(11, 150 * 1024)),
            ["docs/zeros.bin"] = new byte[100_000],
            ["docs/random.bin"] = WimTestData.RandomBytes(70_000, 12),
            ["docs/nested/deeper/mixed.bin"] = WimTestData.MixedData(65_537, 13),
            ["docs/nested/small.xml"] = WimTestData.Utf8("<a><b>small</b></a>"),
        };
        foreach (KeyValuePair<string, byte[]> file in files)
        {
            string path = Path.Combine(root, file.Key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, file.Value);
        }

        return files;
    }
}
