using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using BulkEnroll.Provisioning.Wim;
using Xunit;
using Xunit.Abstractions;

namespace BulkEnroll.Tests.Wim;

/// <summary>
/// Guards the budget: 1,000 packages must build in well under 10 s together with everything else.
/// Bounds are loose (debug builds, shared CI machines); the output reports the real figures.
/// </summary>
public sealed class WimPerformanceTests
{
    private readonly ITestOutputHelper _output;

    public WimPerformanceTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void ManyTypicalPackagesAreWrittenQuickly()
    {
        // The JIT starts unoptimized and tiers up while this runs, as it would in a real session.
        var packages = Enumerable.Range(0, 500).Select(WimTestData.TypicalPackage).ToList();
        var clock = Stopwatch.StartNew();
        double lastHundredStart = 0;
        long written = 0;
        for (int i = 0; i < packages.Count; i++)
        {
            if (i == packages.Count - 100)
            {
                lastHundredStart = clock.Elapsed.TotalMilliseconds;
            }

            using var stream = new MemoryStream();
            WimWriter.Write(stream, packages[i], Guid.NewGuid());
            written += stream.Length;
        }

        double total = clock.Elapsed.TotalMilliseconds;
        _output.WriteLine(
            $"{packages.Count} packages of {packages[0].Files.Sum(f => f.Content.Length)} bytes in 10 files: {total:F0} ms, " +
            $"last 100 at {(total - lastHundredStart) / 100:F2} ms each; {written / packages.Count} bytes written per package");
        Assert.True(total < 5000, $"{total:F0} ms for {packages.Count} packages");
    }

    [Fact]
    public void ChunksCompressAndDecompressWithinAFewMilliseconds()
    {
        byte[] text = WimTestData.Utf8(WimTestData.Customizations(3, 40_000)).Take(32768).ToArray();
        byte[] random = WimTestData.RandomBytes(32768, 3);
        XpressCompressor.Compress(text);

        const int rounds = 40;
        var clock = Stopwatch.StartNew();
        byte[]? compressed = null;
        for (int i = 0; i < rounds; i++)
        {
            compressed = XpressCompressor.Compress(text);
            XpressCompressor.Compress(random);
        }

        double compressMs = clock.Elapsed.TotalMilliseconds / (2 * rounds);
        clock.Restart();
        for (int i = 0; i < rounds; i++)
        {
            XpressDecompressor.Decompress(compressed!, text.Length);
        }

        double decompressMs = clock.Elapsed.TotalMilliseconds / rounds;
        _output.WriteLine($"compress {compressMs:F3} ms/chunk, decompress {decompressMs:F3} ms/chunk, text ratio {(double)compressed!.Length / text.Length:F3}");
        Assert.True(compressMs < 10, $"compress {compressMs:F3} ms per 32 KiB chunk");
        Assert.True(decompressMs < 10, $"decompress {decompressMs:F3} ms per 32 KiB chunk");
    }
}
