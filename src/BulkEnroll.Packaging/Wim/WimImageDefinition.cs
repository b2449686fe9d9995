using System;
using System.Collections.Generic;

namespace BulkEnroll.Packaging.Wim;

/// <summary>Everything <see cref="WimWriter"/> needs for the single image of a package.</summary>
internal sealed class WimImageDefinition
{
    /// <summary>Files in blob write order (docs/reference/package-format.md#blob-write-order). Empty files are allowed and get no blob.</summary>
    public IList<WimFile> Files { get; } = new List<WimFile>();

    /// <summary>
    /// Image XML elements written before the computed ones, in this order; ICD writes NAME, DESCRIPTION,
    /// NOTES, AUTHOR, VERSION, ALTITUDE, RESETCLEAR, PACKAGEID. DIRCOUNT, FILECOUNT, TOTALBYTES,
    /// HARDLINKBYTES, CREATIONTIME, LASTMODIFICATIONTIME and WIMBOOT are computed by the writer.
    /// </summary>
    public IList<KeyValuePair<string, string>> Properties { get; } = new List<KeyValuePair<string, string>>();

    /// <summary>Build time: every dentry's times and the image CREATIONTIME. Unspecified kinds are taken as UTC.</summary>
    public DateTime CreationTimeUtc { get; set; } = DateTime.UtcNow;

    /// <summary>Image LASTMODIFICATIONTIME; defaults to <see cref="CreationTimeUtc"/>.</summary>
    public DateTime? LastModificationTimeUtc { get; set; }

    public WimImageDefinition AddFile(string path, byte[] content)
    {
        Files.Add(new WimFile(path, content));
        return this;
    }

    public WimImageDefinition AddProperty(string name, string value)
    {
        Properties.Add(new KeyValuePair<string, string>(name, value));
        return this;
    }
}
