using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.AccessControl;

namespace BulkEnroll.Packaging.Files;

/// <summary>
/// Writes files that hold secrets (.ppkg, customizations.xml): readable by their owner only, from the first byte,
/// and atomically, so a reader never sees half a package and a failed write never leaves a broken one behind.
/// The content goes to a temporary file in the destination folder (same volume, so the final move is a rename)
/// that is owner-only before anything is written to it.
/// </summary>
internal static class OwnerOnlyFile
{
    private const string StagingPrefix = ".bulkenroll-";

    private const FileSystemRights RightsForWriting = FileSystemRights.Write | FileSystemRights.Synchronize;

    private static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    /// <returns>
    /// False when the file could not be restricted (a file system without permissions, such as a FAT USB stick on
    /// Linux, or no working ACL library on Windows); the file is written anyway and the caller warns.
    /// </returns>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false, or writing failed.</exception>
    public static bool Write(string path, byte[] content, bool overwrite)
    {
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));
        if (!overwrite && File.Exists(fullPath))
        {
            throw new IOException($"The file '{fullPath}' already exists.");
        }

        return IsWindows ? WriteOnWindows(fullPath, folder, content, overwrite) : WriteOnUnix(fullPath, folder, content, overwrite);
    }

    /// <summary>A folder only the current user (and on Windows SYSTEM and Administrators) can enter.</summary>
    /// <returns>False when it could not be restricted (see <see cref="Write"/>); it is created anyway.</returns>
    public static bool CreateDirectory(string path)
    {
        if (IsWindows)
        {
            try
            {
                WindowsOwnerOnlySecurity.ForDirectory().CreateDirectory(path);
                return true;
            }
            catch (PlatformNotSupportedException)
            {
                Directory.CreateDirectory(path);
                return false;
            }
        }
        else
        {
            UnixFilePermissions.CreatePrivateDirectory(path);
            return true;
        }
    }

    private static bool WriteOnWindows(string fullPath, string folder, byte[] content, bool overwrite)
    {
        string temp = Path.Combine(folder, StagingPrefix + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            bool restricted;
            using (FileStream stream = CreateOnWindows(temp, out restricted))
            {
                stream.Write(content, 0, content.Length);
                stream.Flush(flushToDisk: true);
            }

            if (overwrite && File.Exists(fullPath))
            {
                // ReplaceFile carries the replaced file's DACL over, which may be looser than ours.
                File.Replace(temp, fullPath, null);
                if (restricted)
                {
                    new FileInfo(fullPath).SetAccessControl(WindowsOwnerOnlySecurity.ForFile());
                }
            }
            else
            {
                File.Move(temp, fullPath);
            }

            return restricted;
        }
        finally
        {
            DeleteQuietly(() => File.Delete(temp));
        }
    }

    /// <summary>
    /// The temporary file, created with the owner-only DACL. When the ACL library at hand cannot set one (the
    /// portable build of System.IO.FileSystem.AccessControl throws PlatformNotSupportedException), the file is
    /// still written, and the caller says it could not be restricted rather than failing the package.
    /// </summary>
    private static FileStream CreateOnWindows(string temp, out bool restricted)
    {
        try
        {
            restricted = true;
            return new FileInfo(temp).Create(FileMode.CreateNew, RightsForWriting, FileShare.None, 4096, FileOptions.None, WindowsOwnerOnlySecurity.ForFile());
        }
        catch (PlatformNotSupportedException)
        {
            restricted = false;
            return new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }
    }

    private static bool WriteOnUnix(string fullPath, string folder, byte[] content, bool overwrite)
    {
        // A 0700 folder hides the file from everyone else even in the instant before its own mode is set.
        string staging = Path.Combine(folder, StagingPrefix + Guid.NewGuid().ToString("N"));
        UnixFilePermissions.CreatePrivateDirectory(staging);
        try
        {
            string temp = Path.Combine(staging, Path.GetFileName(fullPath));
            bool restricted;
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                restricted = UnixFilePermissions.TrySetOwnerOnly(temp);
                stream.Write(content, 0, content.Length);
                stream.Flush(flushToDisk: true);
            }

            if (overwrite)
            {
                UnixFilePermissions.Replace(temp, fullPath);
            }
            else
            {
                File.Move(temp, fullPath);
            }

            return restricted;
        }
        finally
        {
            DeleteDirectoryQuietly(staging);
        }
    }

    /// <summary>Removes a private folder (<see cref="CreateDirectory"/>) and what is in it; a failure to clean up is not an error.</summary>
    public static void DeleteDirectoryQuietly(string path) => DeleteQuietly(() => Directory.Delete(path, recursive: true));

    private static void DeleteQuietly(Action delete)
    {
        try
        {
            delete();
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
