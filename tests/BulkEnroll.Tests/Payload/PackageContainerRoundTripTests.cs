using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using BulkEnroll.Provisioning.Payload;
using BulkEnroll.Provisioning.Wim;
using Xunit;

namespace BulkEnroll.Tests.Payload;

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
    public void Wimlib_extracts_the_same_bytes_when_it_is_installed()
    {
        string? wimlib = new[] { "/usr/bin/wimlib-imagex", "/usr/local/bin/wimlib-imagex" }.FirstOrDefault(File.Exists);
        if (wimlib is null)
        {
            return; // The independent check runs where Debian's wimtools are installed (CI, the dev container).
        }

        using PackagePayload payload = Samples.Build(Samples.Full());
        string folder = Path.Combine(Path.GetTempPath(), "bulkenroll-payload-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string ppkg = Path.Combine(folder, "test.ppkg");
            File.WriteAllBytes(ppkg, Package(payload));
            string extracted = Path.Combine(folder, "out");
            Run(wimlib, $"apply \"{ppkg}\" 1 \"{extracted}\" --no-acls");

            var files = new Dictionary<string, byte[]>();
            foreach (string path in Directory.GetFiles(extracted, "*", SearchOption.AllDirectories))
            {
                files.Add(Path.GetRelativePath(extracted, path).Replace('\\', '/'), File.ReadAllBytes(path));
            }

            Assert.All(payload.Files, f => Assert.Equal(f.Content, files[f.Path]));
            Assert.Empty(PackagePayloadReader.Read(files).Discrepancies);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Run(string fileName, string arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(30_000), "wimlib-imagex did not finish");
        Assert.True(process.ExitCode == 0, error);
    }
}
