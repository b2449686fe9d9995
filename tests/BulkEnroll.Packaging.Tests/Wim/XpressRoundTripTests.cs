using System;
using System.Linq;
using BulkEnroll.Packaging.Wim;
using Xunit;

namespace BulkEnroll.Packaging.Tests.Wim;

public sealed class XpressRoundTripTests
{
    [Fact]
    public void EmptyAndTinyInputsAreNeverSmallerCompressed()
    {
        Assert.Null(XpressCompressor.Compress(ReadOnlySpan<byte>.Empty));
        Assert.Null(XpressCompressor.Compress(new byte[] { 42 }));

        // A block is at least its 256-byte table plus two words, so 260 bytes can never shrink.
        Assert.Null(XpressCompressor.Compress(new byte[260]));
        Assert.Null(XpressCompressor.Compress(new byte[261]));   // literal + match + its length byte = 261
        Assert.NotNull(XpressCompressor.Compress(new byte[262]));

        Assert.Empty(XpressDecompressor.Decompress(ReadOnlySpan<byte>.Empty, 0));
    }

    [Theory]
    [InlineData("zeros", 32768)]
    [InlineData("zeros", 65536)]
    [InlineData("repeat", 32768)]
    [InlineData("repeat", 1000)]
    [InlineData("text", 32768)]
    [InlineData("text", 6000)]
    [InlineData("text", 1000)]
    [InlineData("mixed", 32767)]
    [InlineData("mixed", 32768)]
    [InlineData("mixed", 32769)]
    [InlineData("mixed", 65536)]
    public void RoundTrips(string kind, int length)
    {
        byte[] data = Make(kind, length, seed: length);
        byte[]? compressed = XpressCompressor.Compress(data);

        Assert.NotNull(compressed);
        Assert.True(compressed!.Length < data.Length);
        Assert.Equal(data, XpressDecompressor.Decompress(compressed, data.Length));
    }

    [Fact]
    public void HighlyRepetitiveDataShrinksToAlmostNothing()
    {
        byte[] compressed = XpressCompressor.Compress(new byte[32768])!;

        // Table, one literal, one long match, end-of-data, padding.
        Assert.True(compressed.Length < 300, $"{compressed.Length} bytes");
    }

    [Theory]
    [InlineData(261)]
    [InlineData(4096)]
    [InlineData(32768)]
    public void IncompressibleDataIsReportedNotSmaller(int length)
    {
        byte[] data = WimTestData.RandomBytes(length, length);

        Assert.Null(XpressCompressor.Compress(data));
        Assert.False(XpressCompressor.TryCompress(data, new byte[length * 2], out int written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void ADestinationTooSmallIsReportedNotAnOverrun()
    {
        byte[] data = Make("text", 8000, 3);
        int needed = XpressCompressor.Compress(data)!.Length;

        Assert.False(XpressCompressor.TryCompress(data, new byte[needed - 1], out _));
        Assert.True(XpressCompressor.TryCompress(data, new byte[needed], out int written));
        Assert.Equal(needed, written);
    }

    [Fact]
    public void ManyRandomShapesRoundTrip()
    {
        var random = new Random(20250418);
        for (int round = 0; round < 150; round++)
        {
            int length = random.Next(261, 65537);
            byte[] data = WimTestData.MixedData(length, random.Next());
            byte[]? compressed = XpressCompressor.Compress(data);
            if (compressed is null)
            {
                continue;
            }

            Assert.Equal(data, XpressDecompressor.Decompress(compressed, length));
        }
    }

    [Fact]
    public void EveryMatchLengthEncodingRoundTrips()
    {
        // Runs whose match length hits each boundary: 4-bit field (<18), one escape byte (<270), 16-bit escape.
        foreach (int run in new[] { 3, 4, 17, 18, 19, 269, 270, 271, 1000, 30000, 65000 })
        {
            var data = new byte[Math.Min(65536, run + 600)];
            WimTestData.RandomBytes(300, run).CopyTo(data, 0);
            for (int i = 300; i < 300 + run && i < data.Length; i++)
            {
                data[i] = data[i - 300];
            }

            WimTestData.RandomBytes(data.Length - Math.Min(data.Length, 300 + run), run + 1).CopyTo(data, Math.Min(data.Length, 300 + run));
            byte[]? compressed = XpressCompressor.Compress(data);
            if (compressed is not null)
            {
                Assert.Equal(data, XpressDecompressor.Decompress(compressed, data.Length));
            }
        }
    }

    [Fact]
    public void CompressionIsDeterministic()
    {
        byte[] data = Make("text", 20000, 9);

        Assert.Equal(XpressCompressor.Compress(data), XpressCompressor.Compress(data));
    }

    [Fact]
    public void ResourceEncoderRoundTripsAcrossChunkBoundaries()
    {
        var encoder = new WimResourceEncoder(32768);
        foreach (int length in new[] { 32767, 32768, 32769, 65536, 100 * 1024, 300 * 1024 + 7 })
        {
            byte[] data = Make("text", length, length);
            Assert.True(encoder.TryEncode(data, out ArraySegment<byte> encoded));
            Assert.True(encoded.Count < length);

            using var stream = new System.IO.MemoryStream(encoded.ToArray());
            var reader = new WimResourceReader(stream, 0, stream.Length, WimCompression.Xpress, 32768);
            var resource = new WimResourceHeader((ulong)encoded.Count, WimResourceFlags.Compressed, 0, (ulong)length);
            Assert.Equal(data, reader.Read(resource, int.MaxValue, "test resource"));
        }
    }

    [Fact]
    public void ResourceEncoderStoresIncompressibleChunksRawAndGivesUpWhenNothingShrinks()
    {
        var encoder = new WimResourceEncoder(32768);
        Assert.False(encoder.TryEncode(WimTestData.RandomBytes(100_000, 5), out _));

        // One random chunk between compressible ones: stored at full size inside a compressed resource.
        byte[] data = Make("text", 98304, 1);
        WimTestData.RandomBytes(32768, 6).CopyTo(data, 32768);
        Assert.True(encoder.TryEncode(data, out ArraySegment<byte> encoded));
        uint secondStart = BitConverter.ToUInt32(encoded.Array!, encoded.Offset);
        uint thirdStart = BitConverter.ToUInt32(encoded.Array!, encoded.Offset + 4);
        Assert.Equal(32768u, thirdStart - secondStart);

        using var stream = new System.IO.MemoryStream(encoded.ToArray());
        var reader = new WimResourceReader(stream, 0, stream.Length, WimCompression.Xpress, 32768);
        Assert.Equal(data, reader.Read(new WimResourceHeader((ulong)encoded.Count, WimResourceFlags.Compressed, 0, (ulong)data.Length), int.MaxValue, "t"));
    }

    private static byte[] Make(string kind, int length, int seed) => kind switch
    {
        "zeros" => new byte[length],
        "repeat" => Enumerable.Range(0, length).Select(i => (byte)"provisioning!"[i % 13]).ToArray(),
        "text" => WimTestData.Utf8(WimTestData.Customizations(seed, length)).Take(length).ToArray(),
        "mixed" => WimTestData.MixedData(length, seed),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
