using System;
using BulkEnroll.Packaging.Files;
using BulkEnroll.Packaging.Payload;
using BulkEnroll.Packaging.Wim;

namespace BulkEnroll.Packaging;

/// <summary>
/// Builds a .ppkg without Windows or the ADK: the payload ICD would write for the definition, in a WIM laid out as
/// ICD lays it out, written owner-only.
/// </summary>
internal static class NativePackageBuilder
{
    /// <summary>What NOTES carries as VERSION=…; ICD puts its own version there.</summary>
    public static string BuilderVersion { get; } = typeof(NativePackageBuilder).Assembly.GetName().Version!.ToString();

    /// <exception cref="PackageDefinitionInvalidException">The definition has errors.</exception>
    public static WrittenFile Build(ValidatedPackageDefinition validated, string path, bool overwrite, DateTime buildTimeUtc)
    {
        return SecretFileWriter.Write(path, BuildBytes(validated, buildTimeUtc), overwrite);
    }

    /// <summary>Validates <paramref name="definition"/>, then builds it in memory.</summary>
    /// <exception cref="PackageDefinitionInvalidException">The definition has errors.</exception>
    public static byte[] BuildBytes(PackageDefinition definition, PackageValidationOptions options, DateTime buildTimeUtc) =>
        BuildBytes(PackageDefinitionValidator.EnsureValid(definition, options), buildTimeUtc);

    /// <summary>The whole package in memory (a few KB): hashing and an atomic write need it whole anyway.</summary>
    public static byte[] BuildBytes(ValidatedPackageDefinition validated, DateTime buildTimeUtc)
    {
        using PackagePayload payload = PackagePayloadBuilder.Build(validated, BuilderVersion, buildTimeUtc);
        var image = new WimImageDefinition { CreationTimeUtc = payload.BuildTimeUtc };
        foreach (PayloadFile file in payload.Files)
        {
            image.AddFile(file.Path, file.Content);
        }

        foreach (ImageProperty property in payload.ImageProperties)
        {
            image.AddProperty(property.Name, property.Value);
        }

        // A fresh random WIM GUID for every package, as WIMGAPI gives.
        return WimWriter.WriteToArray(image, Guid.NewGuid());
    }
}
