using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BulkEnroll.Packaging.Payload;
using BulkEnroll.Packaging.Tests.Wim;
using BulkEnroll.Packaging.Wim;
using Xunit;

namespace BulkEnroll.Packaging.Tests.Payload;

/// <summary>The payload as it travels: into the WIM container and back out, by our reader and by wimlib.</summary>
public class PackageContainerRoundTripTests
{
    private static byte[] Package(PackagePayload payload)
    {
        var image = new WimImageDefinition { CreationTimeUtc = payload.BuildTimeUtc };
        foreach (PayloadFile file in payload.Files)
        {
            image.AddFile(file.Path, file.Content);
        }

        foreach (ImageProperty property in payload.ImageProperties)
        {
            image.AddProperty(property.Name, property.Value);
        }

        return WimWriter.WriteToArray(image, Guid.NewGuid());
    }

    [Fact]
    public void A_built_package_reads_back_to_the_same_definition()
    {
        using PackagePayload payload = Samples.Build(Samples.Full());
        byte[] ppkg = Package(payload);

        using var reader = new WimReader(new MemoryStream(ppkg));
        WimImage image = reader.GetImage(1);
        var files = image.Files.ToDictionary(f => f.Path, f => reader.ReadEntry(f));
        var properties = image.Properties.Select(p => new ImageProperty(p.Key, p.Value)).ToList();

        Assert.Equal(payload.Files.Select(f => f.Path).OrderBy(p => p, StringComparer.Ordinal), files.Keys.OrderBy(p => p, StringComparer.Ordinal));
        Assert.All(payload.Files, f => Assert.Equal(f.Content, files[f.Path]));
        Assert.Equal("{6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b}", image.GetProperty("PACKAGEID"));
        Assert.Equal("5000", image.GetProperty("ALTITUDE"));

        files.Remove(PayloadPaths.CustomizationsXml);
        PackageReadResult result = PackagePayloadReader.Read(files, properties);
        Assert.Empty(PackageDefinitionComparer.Differences(Samples.Full(), result.Definition, includePackageConfig: true));
    }

    [Fact]
    public void Wimlib_verifies_the_package_and_extracts_the_same_bytes()
    {
        // No early return when wimlib is missing: Wimlib fails the test and says how to install it.
        using PackagePayload payload = Samples.Build(Samples.Full());
        using var temp = new TempDirectory();
        string ppkg = temp.Combine("test.ppkg");
        File.WriteAllBytes(ppkg, Package(payload));
        Wimlib.Run("verify", ppkg);
        string extracted = temp.Combine("out");
        Wimlib.Run("apply", ppkg, "1", extracted, "--no-acls");

        var files = new Dictionary<string, byte[]>();
        foreach (string path in Directory.GetFiles(extracted, "*", SearchOption.AllDirectories))
        {
            files.Add(Path.GetRelativePath(extracted, path).Replace('\\', '/'), File.ReadAllBytes(path));
        }

        Assert.Equal(payload.Files.Select(f => f.Path).OrderBy(p => p, StringComparer.Ordinal), files.Keys.OrderBy(p => p, StringComparer.Ordinal));
        Assert.All(payload.Files, f => Assert.Equal(f.Content, files[f.Path]));
        Assert.Empty(PackagePayloadReader.Read(files).Discrepancies);
    }
}
