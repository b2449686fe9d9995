using System;
using System.IO;
using BulkEnroll.Packaging;
using BulkEnroll.Packaging.Payload;
using BulkEnroll.Packaging.Tests.Wim;
using BulkEnroll.Packaging.Wim;

namespace BulkEnroll.Tests.Packages;

/// <summary>Packages altered after they were built, as someone patching a .ppkg with a WIM tool would leave them.</summary>
internal static class TamperedPackages
{
    /// <summary>A package whose customizations.xml carries another enrollment secret than the provxml Windows applies.</summary>
    public static string WithCustomizationsSecret(TempDirectory temp, string otherSecret)
    {
        var id = Guid.NewGuid();
        using PackagePayload real = PackagePayloadBuilder.Build(PackageKit.FullDefinition(id), NativePackageBuilder.BuilderVersion, DateTime.UtcNow);
        PackageDefinition altered = PackageKit.FullDefinition(id);
        altered.Enrollment!.Secret = PackageKit.Secure(otherSecret);
        using PackagePayload fake = PackagePayloadBuilder.Build(altered, NativePackageBuilder.BuilderVersion, DateTime.UtcNow);

        var image = new WimImageDefinition();
        foreach (PayloadFile file in real.Files)
        {
            image.AddFile(file.Path, file.Path == PayloadPaths.CustomizationsXml ? Content(fake, PayloadPaths.CustomizationsXml) : file.Content);
        }

        foreach (ImageProperty property in real.ImageProperties)
        {
            image.AddProperty(property.Name, property.Value);
        }

        string path = temp.Combine("altered.ppkg");
        File.WriteAllBytes(path, WimWriter.WriteToArray(image, Guid.NewGuid()));
        return path;
    }

    /// <summary>A WIM with only the given files of the package for <paramref name="definition"/>, e.g. without its runtime index.</summary>
    public static string WithOnly(TempDirectory temp, PackageDefinition definition, params string[] paths)
    {
        using PackagePayload payload = PackagePayloadBuilder.Build(definition, NativePackageBuilder.BuilderVersion, DateTime.UtcNow);
        var image = new WimImageDefinition();
        foreach (string path in paths)
        {
            image.AddFile(path, Content(payload, path));
        }

        string file = temp.Combine("partial.ppkg");
        File.WriteAllBytes(file, WimWriter.WriteToArray(image, Guid.NewGuid()));
        return file;
    }

    private static byte[] Content(PackagePayload payload, string path)
    {
        foreach (PayloadFile file in payload.Files)
        {
            if (file.Path == path)
            {
                return (byte[])file.Content.Clone();
            }
        }

        throw new FileNotFoundException(path);
    }
}
