using System;
using System.Globalization;
using System.Linq;
using System.Text;
using BulkEnroll.Packaging.Wim;
using Xunit;

namespace BulkEnroll.Packaging.Tests.Wim;

public sealed class XpressDecompressorTests
{
    [Fact]
    public void DecodesTheAlphabetExampleOfMsXca()
    {
        // MS-XCA §3.2: "abcdefghijklmnopqrstuvwxyz" as 26 literals and the end-of-data symbol.
        var compressed = new byte[256 + 20];
        Hex("50 55 55 55 55 55 55 55 55 55 55 45 44 04").CopyTo(compressed, 48);
        compressed[128] = 0x04;
        Hex("d8 52 3e d7 94 11 5b e9 19 5f f9 d6 7c df 8d 04 00 00 00 00").CopyTo(compressed, 256);

        byte[] output = XpressDecompressor.Decompress(compressed, 26);

        Assert.Equal("abcdefghijklmnopqrstuvwxyz", Encoding.ASCII.GetString(output));
    }

    [Fact]
    public void RoundTripsTheRepeatedAbcExampleOfMsXca()
    {
        // MS-XCA §3.2's second input: "abc" then one 297-byte match at distance 3 (a 16-bit length escape).
        byte[] input = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("abc", 100)));

        byte[] compressed = XpressCompressor.Compress(input)!;

        Assert.True(compressed.Length < 256 + 16, $"{compressed.Length} bytes");
        Assert.Equal(input, XpressDecompressor.Decompress(compressed, input.Length));
    }

    [Fact]
    public void RejectsInputTooShortForTheTable() =>
        AssertCorrupt(() => XpressDecompressor.Decompress(new byte[100], 10));

    [Fact]
    public void RejectsAnEmptyTable() =>
        AssertCorrupt(() => XpressDecompressor.Decompress(new byte[300], 10));

    [Fact]
    public void RejectsOverSubscribedCodeLengths()
    {
        var compressed = new byte[300];
        compressed[0] = 0x11; // symbols 0 and 1 with length 1
        compressed[1] = 0x01; // symbol 2 with length 1 as well: three codes of one bit
        AssertCorrupt(() => XpressDecompressor.Decompress(compressed, 10));
    }

    [Fact]
    public void RejectsAMatchBeforeTheStartOfTheChunk()
    {
        // Only symbol 256 (match, length 3, offset 1) with a 1-bit code: the first symbol already reaches back.
        var compressed = new byte[300];
        compressed[128] = 0x01;
        compressed[0] = 0x01; // literal 0 too, so the code is complete; bit 1 selects the match
        compressed[257] = 0x80;
        AssertCorrupt(() => XpressDecompressor.Decompress(compressed, 10));
    }

    [Fact]
    public void RejectsAMatchRunningPastTheEnd()
    {
        byte[] data = new byte[5000];
        byte[] compressed = XpressCompressor.Compress(data)!;

        AssertCorrupt(() => XpressDecompressor.Decompress(compressed, 10));
    }

    [Fact]
    public void TruncatedOrMutatedChunksFailCleanlyOrDecodeToSomething()
    {
        byte[] data = WimTestData.MixedData(32768, 77);
        byte[] compressed = XpressCompressor.Compress(data)!;
        var random = new Random(77);

        for (int cut = 0; cut < compressed.Length; cut += 37)
        {
            DecodeTolerantly(compressed.AsSpan(0, cut).ToArray(), data.Length);
        }

        for (int round = 0; round < 400; round++)
        {
            byte[] mutated = (byte[])compressed.Clone();
            int flips = random.Next(1, 4);
            for (int i = 0; i < flips; i++)
            {
                mutated[random.Next(mutated.Length)] ^= (byte)(1 << random.Next(8));
            }

            DecodeTolerantly(mutated, data.Length);
        }

        for (int round = 0; round < 100; round++)
        {
            DecodeTolerantly(WimTestData.RandomBytes(random.Next(0, 2000), round), random.Next(1, 65537));
        }
    }

    private static void DecodeTolerantly(byte[] compressed, int size)
    {
        try
        {
            XpressDecompressor.Decompress(compressed, size);
        }
        catch (WimFormatException ex)
        {
            Assert.Equal(WimFormatReason.Corrupt, ex.Reason);
        }
    }

    private static void AssertCorrupt(Action action)
    {
        WimFormatException ex = Assert.Throws<WimFormatException>(action);
        Assert.Equal(WimFormatReason.Corrupt, ex.Reason);
    }

    private static byte[] Hex(string text) =>
        text.Split(' ').Select(b => byte.Parse(b, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
}
