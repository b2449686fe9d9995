using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using BulkEnroll.Packaging.Wim;
using Xunit;

namespace BulkEnroll.Packaging.Tests.Wim;

/// <summary>Our writer checked by wimlib, an independent implementation of the format.</summary>
public sealed class WimWriterWimlibTests
{
    [Fact]
    public void TypicalPackagePassesWimlibVerify()
    {
        using var temp = new TempDirectory();
        string wim = WimTestData.WriteFile(WimTestData.TypicalPackage(), temp.Combine("typical.ppkg"));

        Wimlib.Result result = Wimlib.Run("verify", wim);

        Assert.Contains("verif", result.Text + result.StandardError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void WimlibReportsTheHeaderIcdWrites()
    {
        using var temp = new TempDirectory();
        string wim = WimTestData.WriteFile(WimTestData.TypicalPackage(), temp.Combine("typical.ppkg"));

        string header = Wimlib.Run("info", "--header", wim).Text;

        Assert.Matches(@"Version\s+= 0x10d00", header);
        Assert.Matches(@"Flags\s+= 0x20082", header);
        Assert.Contains("WIM_HDR_FLAG_COMPRESS_XPRESS is set", header, StringComparison.Ordinal);
        Assert.Contains("WIM_HDR_FLAG_RP_FIX is set", header, StringComparison.Ordinal);
        Assert.Matches(@"Chunk Size\s+= 32768", header);
        Assert.Matches(@"Image Count\s+= 1", header);
        Assert.Matches(@"Part Number\s+= 1", header);
        Assert.Matches(@"Total Parts\s+= 1", header);
        Assert.Matches(@"GUID\s+= 3c2d1e0f5a4b7869", header);
        Assert.Matches(@"Blob Table Flags\s+= 0x2", header);
        Assert.Matches(@"XML Data Flags\s+= 0x2", header);
        Assert.Matches(@"Integrity Size\s+= 0", header);
        Assert.Matches(@"Boot Metadata Size\s+= 0", header);
    }

    [Fact]
    public void WimlibReadsOurImageXmlAndProperties()
    {
        using var temp = new TempDirectory();
        WimImageDefinition image = WimTestData.TypicalPackage();
        byte[] bytes = WimTestData.Write(image);
        string wim = temp.Combine("typical.ppkg");
        File.WriteAllBytes(wim, bytes);

        byte[] xml = Wimlib.Run("info", "--xml", wim).StandardOutput;
        string info = Wimlib.Run("info", wim, "1").Text;

        using var reader = new WimReader(new MemoryStream(bytes));
        Assert.Equal(reader.Xml, Encoding.Unicode.GetString(xml).TrimStart('\uFEFF'));
        Assert.Matches(@"Name:\s+Contoso-BulkEnroll", info);
        Assert.Matches(@"Directory Count:\s+6", info);
        Assert.Matches(@"File Count:\s+10", info);
        Assert.Matches($@"Total Bytes:\s+{image.Files.Sum(f => f.Content.Length)}", info);
        Assert.Contains("Creation Time:          Fri Apr 18 09:30:15 2025 UTC", info, StringComparison.Ordinal);
    }

    [Fact]
    public void WimlibExtractsExactlyTheFilesWeWrote()
    {
        WimImageDefinition image = WimTestData.TypicalPackage();
        image.AddFile("DataAsset/2/0_abc/empty.txt", Array.Empty<byte>());
        image.AddFile("DataAsset/2/1_def/random.bin", WimTestData.RandomBytes(40_000, 1));
        image.AddFile("DataAsset/2/2_ghi/Large Text.xml", WimTestData.Utf8(WimTestData.Customizations(5, 100 * 1024)));
        image.AddFile("DataAsset/2/3_jkl/zeros.bin", new byte[200_000]);
        image.AddFile("DataAsset/2/3_jkl/copy-of-customizations.xml", image.Files[1].Content);
        image.AddFile("DataAsset/2/4_mno/boundary-32768.bin", WimTestData.MixedData(32768, 2));
        image.AddFile("DataAsset/2/4_mno/boundary-32769.bin", WimTestData.MixedData(32769, 3));
        image.AddFile("DataAsset/2/4_mno/boundary-32767.bin", WimTestData.MixedData(32767, 4));
        image.AddFile("DataAsset/DataAsset.xml", WimTestData.Utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<Elements Type=\"DataAsset\" />"));

        using var temp = new TempDirectory();
        string wim = WimTestData.WriteFile(image, temp.Combine("assets.ppkg"));
        string target = temp.Combine("applied");

        Wimlib.Run("verify", wim);
        Wimlib.Run("apply", wim, "1", target);

        AssertTreeEquals(WimTestData.FilesOf(image), target);
    }

    [Fact]
    public void WimlibAcceptsAPackageWithOnlyAnEmptyFileAndOneWithNoFiles()
    {
        using var temp = new TempDirectory();
        var emptyFile = new WimImageDefinition { CreationTimeUtc = WimTestData.FixedTime };
        emptyFile.AddProperty("NAME", "empty").AddFile("a/b/empty.xml", Array.Empty<byte>());
        string wim = WimTestData.WriteFile(emptyFile, temp.Combine("empty-file.wim"));
        Wimlib.Run("verify", wim);
        Wimlib.Run("apply", wim, "1", temp.Combine("out1"));
        AssertTreeEquals(WimTestData.FilesOf(emptyFile), temp.Combine("out1"));

        var nothing = new WimImageDefinition { CreationTimeUtc = WimTestData.FixedTime };
        string wim2 = WimTestData.WriteFile(nothing, temp.Combine("nothing.wim"));
        Wimlib.Run("verify", wim2);
        Assert.Matches(@"File Count:\s+0", Wimlib.Run("info", wim2, "1").Text);
    }

    [Fact]
    public void WimlibSeesArchiveAttributesHashesTimesAndSecurityDescriptors()
    {
        using var temp = new TempDirectory();
        WimImageDefinition image = WimTestData.TypicalPackage();
        string wim = WimTestData.WriteFile(image, temp.Combine("typical.ppkg"));

        string listing = Wimlib.Run("dir", wim, "1", "--detailed").Text;

        string runTime = Section(listing, "/Multivariant/0/Prov/RunTime.xml");
        Assert.Contains("Attributes          = 0x00000020", runTime, StringComparison.Ordinal);
        string expectedHash = Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(image.Files[3].Content)).ToLowerInvariant();
        Assert.Contains("Hash              = 0x" + expectedHash, runTime, StringComparison.Ordinal);
        Assert.Contains("Security Descriptor = " + Convert.ToHexString(WimSecurityDescriptors.CreateFile()).ToLowerInvariant(), runTime, StringComparison.Ordinal);
        Assert.Contains("Creation Time       = Fri Apr 18 09:30:15 2025 UTC", runTime, StringComparison.Ordinal);
        Assert.Contains("Last Write Time     = Fri Apr 18 09:30:15 2025 UTC", runTime, StringComparison.Ordinal);
        Assert.Contains("Flags             = WIM_RESHDR_FLAG_COMPRESSED", runTime, StringComparison.Ordinal);

        // Under 261 bytes XPRESS can never win, so such files are stored raw.
        string multivariant = Section(listing, "/Multivariant/Multivariant.xml");
        Assert.Contains("Compressed size   = 120 bytes", multivariant, StringComparison.Ordinal);
        Assert.DoesNotContain("COMPRESSED", multivariant, StringComparison.Ordinal);

        string root = Section(listing, "/");
        Assert.Contains("Attributes          = 0x00000010", root, StringComparison.Ordinal);
        Assert.Contains("Security Descriptor = " + Convert.ToHexString(WimSecurityDescriptors.CreateRoot()).ToLowerInvariant(), root, StringComparison.Ordinal);

        string directory = Section(listing, "/Multivariant/0/Prov");
        Assert.Contains("Attributes          = 0x00000010", directory, StringComparison.Ordinal);
        Assert.DoesNotContain("Security Descriptor", directory, StringComparison.Ordinal);
    }

    internal static void AssertTreeEquals(IReadOnlyDictionary<string, byte[]> expected, string root)
    {
        var actualFiles = Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected.Keys.OrderBy(p => p, StringComparer.Ordinal), actualFiles);
        foreach (KeyValuePair<string, byte[]> file in expected)
        {
            Assert.True(file.Value.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(root, file.Key))), $"{file.Key} differs");
        }

        var expectedDirectories = expected.Keys
            .SelectMany(p => Enumerable.Range(1, p.Count(c => c == '/')).Select(n => string.Join('/', p.Split('/').Take(n))))
            .Distinct()
            .OrderBy(p => p, StringComparer.Ordinal);
        var actualDirectories = Directory.GetDirectories(root, "*", SearchOption.AllDirectories)
            .Select(d => Path.GetRelativePath(root, d).Replace('\\', '/'))
            .OrderBy(p => p, StringComparer.Ordinal);
        Assert.Equal(expectedDirectories, actualDirectories);
    }

    private static string Section(string listing, string path)
    {
        int start = listing.IndexOf("= \"" + path + "\"\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{path}' is not in the listing:\n{listing}");
        int end = listing.IndexOf("----", start, StringComparison.Ordinal);
        return end < 0 ? listing.Substring(start) : listing.Substring(start, end - start);
    }
}
