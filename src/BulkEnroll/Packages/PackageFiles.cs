using System;
using BulkEnroll.Packaging;

namespace BulkEnroll.Packages;

/// <summary>
/// The library's <see cref="PackageFileReader"/>, with whatever it runs into turned into one error with a stable id
/// (<see cref="PackageReadErrors"/>), as the cmdlets report it.
/// </summary>
internal static class PackageFiles
{
    /// <exception cref="BulkEnrollException">The file is missing, unreadable or not a package or project.</exception>
    public static PackageFileContent Read(string path)
    {
        try
        {
            return PackageFileReader.Read(path);
        }
        catch (Exception error) when (PackageReadErrors.IsReadError(error))
        {
            throw PackageReadErrors.From(error, path);
        }
    }

    /// <summary>A file already in memory, e.g. what ICD built before it is delivered; <paramref name="path"/> names it.</summary>
    /// <exception cref="BulkEnrollException">The bytes are not a readable package.</exception>
    public static PackageFileContent Read(string path, byte[] content)
    {
        try
        {
            return PackageFileReader.Read(path, content);
        }
        catch (Exception error) when (PackageReadErrors.IsReadError(error))
        {
            throw PackageReadErrors.From(error, path);
        }
    }
}
