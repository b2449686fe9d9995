using System;
using System.Collections.Generic;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// What goes into the package image: the files in ICD's write order and the image properties. Several files
/// hold secrets in plain text; dispose the payload as soon as the package is written to wipe them.
/// </summary>
internal sealed class PackagePayload : IDisposable
{
    public PackagePayload(Guid packageId, DateTime buildTimeUtc, IReadOnlyList<PayloadFile> files, IReadOnlyList<ImageProperty> imageProperties)
    {
        PackageId = packageId;
        BuildTimeUtc = buildTimeUtc;
        Files = files;
        ImageProperties = imageProperties;
    }

    public Guid PackageId { get; }

    /// <summary>For the image's CREATIONTIME and the files' times.</summary>
    public DateTime BuildTimeUtc { get; }

    /// <summary>In the order ICD writes the blobs (docs/reference/package-format.md#blob-write-order).</summary>
    public IReadOnlyList<PayloadFile> Files { get; }

    /// <summary>NAME, DESCRIPTION, NOTES, AUTHOR, VERSION, ALTITUDE, RESETCLEAR, PACKAGEID, in this order.</summary>
    public IReadOnlyList<ImageProperty> ImageProperties { get; }

    public void Dispose()
    {
        foreach (PayloadFile file in Files)
        {
            Array.Clear(file.Content, 0, file.Content.Length);
        }
    }
}
