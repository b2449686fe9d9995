using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BulkEnroll.Packaging.Tests.Wim;
using BulkEnroll.Sandbox.VirtualDevices.Wim;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.VirtualDevices;

/// <summary>
/// The sandbox reads packages with its own WIM reader, not the module's, so that each side checks the other: packages
/// the module writes must read back in the sandbox exactly as wimlib (a third, independent implementation) extracts them.
/// </summary>
public sealed class PackageWimTests
{
    private const string Upn = "windows-bulkenroll-paris@contoso.com";
    private const string Secret = "Gener1c-S3cret&<pw>";

    [Fact]
    public void A_package_the_module_wrote_reads_exactly_as_wimlib_extracts_it()
    {
        using var temp = new TempDirectory();
        string ppkg = temp.Combine("paris.ppkg");
        File.WriteAllBytes(ppkg, TestPackages.Build("https://127.0.0.1:5443/", Upn, Secret));

        AssertReadsAsWimlibExtracts(ppkg, temp);
        PackageWim wim = Open(ppkg);
        Assert.Equal("Paris bulk enroll", wim.ImageProperty(1, "NAME"));
    }

    [Fact]
    public void The_same_package_with_uncompressed_resources_reads_the_same()
    {
        using var temp = new TempDirectory();
        string ppkg = temp.Combine("paris.ppkg");
        File.WriteAllBytes(ppkg, TestPackages.Build("https://127.0.0.1:5443/", Upn, Secret));
        string raw = temp.Combine("raw.wim");
        Wimlib.Run("export", ppkg, "1", raw, "--compress=none");

        AssertReadsAsWimlibExtracts(raw, temp);
        PackageWim compressed = Open(ppkg), uncompressed = Open(raw);
        Assert.Equal(compressed.FilePaths().Order(StringComparer.Ordinal), uncompressed.FilePaths().Order(StringComparer.Ordinal));
        foreach (string path in compressed.FilePaths())
        {
            Assert.Equal(compressed.ReadFile(path), uncompressed.ReadFile(path));
        }
    }

    [Theory]
    [InlineData("xpress")]
    [InlineData("none")]
    public void Files_of_many_chunks_captured_by_wimlib_read_exactly(string compression)
    {
        // wimlib's XPRESS encoder is not ours: long matches, many chunks, incompressible chunks stored raw, an empty file.
        using var temp = new TempDirectory();
        string source = temp.Combine("src");
        Directory.CreateDirectory(Path.Combine(source, "Multivariant", "0", "Prov", "RunTime"));
        var random = new Random(11);
        byte[] noise = new byte[70_000];
        random.NextBytes(noise);
        File.WriteAllBytes(Path.Combine(source, "noise.bin"), noise);
        File.WriteAllText(Path.Combine(source, "Multivariant", "0", "Prov", "RunTime", "long.xml"),
            string.Concat(Enumerable.Range(0, 6000).Select(i => $"<parm name=\"Setting{i % 37}\" value=\"{i}\"/>\n")));
        File.WriteAllText(Path.Combine(source, "Multivariant", "repeat.txt"), new string('A', 100_000));
        File.WriteAllBytes(Path.Combine(source, "empty.txt"), []);
        string wim = temp.Combine("captured.wim");
        Wimlib.Run("capture", source, wim, "Captured", "--compress=" + compression);

        AssertReadsAsWimlibExtracts(wim, temp);
        Assert.Equal("Captured", Open(wim).ImageProperty(1, "NAME"));
    }

    [Fact]
    public void A_file_the_image_does_not_hold_is_not_found()
    {
        PackageWim wim = PackageWim.Read(new MemoryStream(TestPackages.Build("https://127.0.0.1:5443/", Upn, Secret)));
        Assert.Throws<FileNotFoundException>(() => wim.ReadFile("Multivariant/0/Prov/nothing.xml"));
        Assert.Throws<ArgumentOutOfRangeException>(() => wim.FilePaths(2));
    }

    [Fact]
    public void A_changed_byte_in_a_file_is_refused_with_its_path_and_never_its_content()
    {
        byte[] package = TestPackages.Build("https://127.0.0.1:5443/", Upn, Secret);
        PackageWim intact = PackageWim.Read(new MemoryStream(package));
        string target = intact.FilePaths().Single(p => p.Contains("Workplace_Enrollments", StringComparison.Ordinal));

        // Damage every blob that is not metadata: flip one byte in the middle of each resource of the blob table.
        byte[] damaged = (byte[])package.Clone();
        foreach (var (offset, size) in FileResources(package))
        {
            damaged[offset + size / 2] ^= 0x5A;
        }

        PackageWim wim = PackageWim.Read(new MemoryStream(damaged));
        var error = Assert.Throws<PackageWimException>(() => wim.ReadFile(target));
        Assert.Contains(target, error.Message);
        Assert.True(error.Message.Contains("SHA-1", StringComparison.Ordinal) || error.Message.Contains("XPRESS", StringComparison.Ordinal), error.Message);
        Assert.DoesNotContain(Secret, error.Message);
    }

    [Theory]
    [InlineData("not a wim", "does not start with a WIM header")]
    [InlineData("truncated", "outside the file")]
    [InlineData("blob table", "blob table")]
    public void A_damaged_container_is_refused_with_a_clear_error(string damage, string expected)
    {
        byte[] package = TestPackages.Build("https://127.0.0.1:5443/", Upn, Secret);
        byte[] bytes = damage switch
        {
            "not a wim" => "PK\u0003\u0004 this is a zip, not a wim"u8.ToArray(),
            "truncated" => package[..(package.Length / 2)],
            _ => WithBlobTableSize(package, 49),
        };

        var error = Assert.Throws<PackageWimException>(() => PackageWim.Read(new MemoryStream(bytes)));
        Assert.Contains(expected, error.Message);
    }

    private static void AssertReadsAsWimlibExtracts(string wimPath, TempDirectory temp)
    {
        string extracted = temp.Combine("extracted-" + Guid.NewGuid().ToString("N"));
        Wimlib.Run("extract", wimPath, "1", "--dest-dir=" + extracted, "--no-acls");
        Dictionary<string, byte[]> expected = Directory.GetFiles(extracted, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(extracted, f).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal);
        Assert.NotEmpty(expected);

        PackageWim wim = Open(wimPath);
        Assert.Equal(1, wim.ImageCount);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), wim.FilePaths().Order(StringComparer.Ordinal));
        foreach (var (path, content) in expected)
        {
            byte[] read = wim.ReadFile(path);
            Assert.True(content.AsSpan().SequenceEqual(read), $"{path}: {read.Length} bytes read, wimlib extracted {content.Length}");
        }
    }

    private static PackageWim Open(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return PackageWim.Read(stream);
    }

    /// <summary>Where each file blob lies, from the blob table the header points at (entries of 50 bytes, resource header first).</summary>
    private static IEnumerable<(int Offset, int Size)> FileResources(byte[] wim)
    {
        long tableOffset = BitConverter.ToInt64(wim, 48 + 8);
        long tableSize = BitConverter.ToInt64(wim, 48) & 0x00FF_FFFF_FFFF_FFFF;
        for (long entry = tableOffset; entry < tableOffset + tableSize; entry += 50)
        {
            ulong sizeAndFlags = BitConverter.ToUInt64(wim, (int)entry);
            bool metadata = (sizeAndFlags >> 56 & 0x02) != 0;
            if (!metadata)
            {
                yield return ((int)BitConverter.ToInt64(wim, (int)entry + 8), (int)(sizeAndFlags & 0x00FF_FFFF_FFFF_FFFF));
            }
        }
    }

    /// <summary>The header's blob table resource with a size that is not a whole number of 50-byte entries.</summary>
    private static byte[] WithBlobTableSize(byte[] wim, long size)
    {
        byte[] copy = (byte[])wim.Clone();
        ulong flags = BitConverter.ToUInt64(copy, 48) & 0xFF00_0000_0000_0000;
        BitConverter.TryWriteBytes(copy.AsSpan(48), flags | (ulong)size);
        BitConverter.TryWriteBytes(copy.AsSpan(48 + 16), size);
        return copy;
    }
}
