using System;
using System.IO;
using System.Linq;
using BulkEnroll.Packaging.Payload;
using BulkEnroll.Packaging.Tests.Payload;
using BulkEnroll.Packaging.Tests.Wim;
using BulkEnroll.Packaging.Wim;
using Xunit;

namespace BulkEnroll.Packaging.Tests;

/// <summary>
/// Files that are not what they seem, and files built to hurt (issue 14): each is refused, or read, with work
/// bounded by the file and a fixed total. Memory is measured as the bytes the reading thread allocates, which
/// bounds its peak and does not depend on timing or on other tests.
/// </summary>
public sealed class PackageFileReaderHostileTests
{
    private const long ThreeGigabytes = 3L * 1024 * 1024 * 1024;
    private const long AllocationBound = 64L * 1024 * 1024;

    private static readonly byte[] Genuine = HostilePackages.Package(Samples.Full());

    [Fact]
    public void A_huge_file_with_a_genuine_wim_header_is_too_large_and_only_its_header_is_read()
    {
        using var temp = new TempDirectory();
        string path = HostilePackages.SparseFile(temp, "huge.ppkg", ThreeGigabytes, Genuine.AsSpan(0, WimHeader.Size).ToArray());
        using var stream = new CountingStream(File.OpenRead(path));

        WimFormatException e = Assert.Throws<WimFormatException>(() => PackageFileReader.Read(path, stream));

        Assert.Equal(WimFormatReason.LimitExceeded, e.Reason);
        Assert.Contains(ThreeGigabytes.ToString(), e.Message);
        Assert.True(stream.BytesRead <= WimHeader.Size, $"{stream.BytesRead} bytes were read");
    }

    [Fact]
    public void A_huge_file_that_is_not_a_wim_is_refused_by_its_magic_without_hashing()
    {
        using var temp = new TempDirectory();
        string path = HostilePackages.SparseFile(temp, "disk.ppkg", ThreeGigabytes, "PK\u0003\u0004"u8.ToArray());
        using var stream = new CountingStream(File.OpenRead(path));

        WimFormatException e = Assert.Throws<WimFormatException>(() => PackageFileReader.Read(path, stream));

        Assert.Equal(WimFormatReason.NotAWim, e.Reason);
        Assert.True(stream.BytesRead <= WimHeader.Size, $"{stream.BytesRead} bytes were read");
    }

    [Fact]
    public void A_huge_project_file_is_too_large_without_being_read()
    {
        using var temp = new TempDirectory();
        string path = HostilePackages.SparseFile(temp, "customizations.xml", ThreeGigabytes, "<?xml"u8.ToArray());
        using var stream = new CountingStream(File.OpenRead(path));

        PackageFormatException e = Assert.Throws<PackageFormatException>(() => PackageFileReader.Read(path, stream));

        Assert.Equal(PackageFormatReasons.TooLarge, e.Reason);
        Assert.Equal(0, stream.BytesRead);
    }

    [Fact]
    public void A_truncated_package_names_what_it_lacks()
    {
        byte[] half = Genuine.AsSpan(0, Genuine.Length / 2).ToArray();

        WimFormatException e = Assert.Throws<WimFormatException>(() => PackageFileReader.Read("half.ppkg", half));

        Assert.Equal(WimFormatReason.Truncated, e.Reason);
        Assert.Contains("extends past the end of the file", e.Message);
    }

    [Fact]
    public void A_genuine_package_still_reads_and_is_hashed()
    {
        PackageFileContent content = PackageFileReader.Read("full.ppkg", Genuine);

        Assert.Equal(Samples.Upn, content.Definition.Enrollment!.Upn);
        Assert.Equal(Sha256Hex.Of(new MemoryStream(Genuine)), content.Sha256);
    }

    [Fact]
    public void Deep_nesting_in_the_image_xml_is_refused_in_bounded_memory()
    {
        byte[] deep = HostilePackages.WithImageXml(Genuine, HostilePackages.DeepImageXml(4000));

        WimFormatException e = AssertBounded(() => Assert.Throws<WimFormatException>(() => PackageFileReader.Read("deep.ppkg", deep)));

        Assert.Equal(WimFormatReason.LimitExceeded, e.Reason);
        Assert.Contains($"more than {WimLimits.MaxXmlDepth} elements deep", e.Message);
    }

    [Fact]
    public void Image_xml_nested_as_deep_as_allowed_still_reads()
    {
        byte[] deep = HostilePackages.WithImageXml(Genuine, HostilePackages.DeepImageXml(WimLimits.MaxXmlDepth));

        PackageFileContent content = PackageFileReader.Read("deep.ppkg", deep);

        Assert.Single(content.ImageProperties);
    }

    [Fact]
    public void Many_entries_sharing_one_blob_are_decompressed_once_and_bounded_in_total()
    {
        byte[] shared = HostilePackages.SharedBlob(entries: 300, blobBytes: 256 * 1024);
        Assert.True(shared.Length < 64 * 1024, $"the hostile package is {shared.Length} bytes");

        PackageFormatException e = AssertBounded(() => Assert.Throws<PackageFormatException>(() => PackageFileReader.Read("shared.ppkg", shared)));

        Assert.Equal(PackageFormatReasons.TooLarge, e.Reason);
        Assert.Contains("add up to more than", e.Message);
    }

    [Fact]
    public void A_resource_that_claims_far_more_than_its_stored_bytes_can_hold_is_refused_before_allocating()
    {
        byte[] claims = (byte[])Genuine.Clone();
        WimHeader header = WimHeader.Parse(claims);
        header.Xml = new WimResourceHeader(8192, WimResourceFlags.Compressed, header.Xml.Offset, WimLimits.MaxXmlBytes - 2);
        header.Write(claims);
        Array.Resize(ref claims, Math.Max(claims.Length, (int)header.Xml.Offset + 8192));

        WimFormatException e = AssertBounded(() => Assert.Throws<WimFormatException>(() => PackageFileReader.Read("claims.ppkg", claims)), 4 * 1024 * 1024);

        Assert.Equal(WimFormatReason.Corrupt, e.Reason);
        Assert.Contains("too small for", e.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Megabyte_keys_are_shortened_in_setting_paths(bool underCommon)
    {
        byte[] project = HostilePackages.LongKeyProject(underCommon, keyLength: 1024 * 1024, settings: 2000);

        PackageFileContent content = AssertBounded(() => PackageFileReader.Read("customizations.xml", project));

        OtherSetting[] hostile = content.Settings.OtherSettings.Where(s => s.Path.Contains("Item[")).ToArray();
        Assert.Equal(2000, hostile.Length);
        Assert.All(hostile, s => Assert.True(s.Path.Length <= SettingLimits.MaxPathLength, s.Path.Length.ToString()));
    }

    [Fact]
    public void More_settings_than_any_real_file_holds_are_refused()
    {
        byte[] project = HostilePackages.LongKeyProject(false, keyLength: 8, settings: SettingLimits.MaxSettings + 1);

        PackageFormatException e = AssertBounded(() => Assert.Throws<PackageFormatException>(() => PackageFileReader.Read("customizations.xml", project)));

        Assert.Equal(PackageFormatReasons.TooLarge, e.Reason);
        Assert.Contains($"more than {SettingLimits.MaxSettings} settings", e.Message);
    }

    /// <summary>Runs <paramref name="read"/> and asserts that it allocated less than <paramref name="bound"/> bytes on this thread.</summary>
    private static T AssertBounded<T>(Func<T> read, long bound = AllocationBound)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        T result = read();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < bound, $"reading allocated {allocated} bytes; the bound is {bound}");
        return result;
    }
}
