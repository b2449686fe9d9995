using System;
using System.Collections.Generic;
using BulkEnroll.Packaging.Payload;

namespace BulkEnroll.Packaging;

/// <summary>What <see cref="PackageFileReader"/> found in a .ppkg or a project file.</summary>
internal sealed class PackageFileContent
{
    public PackageFileContent(string path, bool isProject, PackageReadResult settings, IReadOnlyList<ImageProperty> imageProperties,
        int imageCount, bool hasRuntimeIndex, long size, string sha256)
    {
        Path = path;
        IsProject = isProject;
        Settings = settings;
        ImageProperties = imageProperties;
        ImageCount = imageCount;
        HasRuntimeIndex = hasRuntimeIndex;
        Size = size;
        Sha256 = sha256;
    }

    public string Path { get; }

    /// <summary>A customizations.xml, not a built package.</summary>
    public bool IsProject { get; }

    public PackageReadResult Settings { get; }

    public PackageDefinition Definition => Settings.Definition;

    /// <summary>Image 1's properties (NAME, NOTES, ALTITUDE…); empty for a project file.</summary>
    public IReadOnlyList<ImageProperty> ImageProperties { get; }

    public int ImageCount { get; }

    /// <summary>Whether the package holds RunTime.xml, the index of what Windows applies; always false for a project.</summary>
    public bool HasRuntimeIndex { get; }

    public long Size { get; }

    public string Sha256 { get; }

    /// <summary>The same content with its hash, which the reader computes last.</summary>
    public PackageFileContent WithSha256(string sha256) =>
        new(Path, IsProject, Settings, ImageProperties, ImageCount, HasRuntimeIndex, Size, sha256);

    public string? ImageProperty(string name)
    {
        foreach (ImageProperty property in ImageProperties)
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
