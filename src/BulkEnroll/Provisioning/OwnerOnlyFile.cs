using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.AccessControl;

namespace BulkEnroll.Provisioning;

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

    /// <returns>False when the file system keeps no permissions (e.g. a FAT USB stick on Linux); the file is written anyway.</returns>
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
    public static void CreateDirectory(string path)
    {
        if (IsWindows)
        {
            WindowsOwnerOnlySecurity.ForDirectory().CreateDirectory(path);
        }
        else
        {
            UnixFilePermissions.CreatePrivateDirectory(path);
        }
    }

    private static bool WriteOnWindows(string fullPath, string folder, byte[] content, bool overwrite)
    {
        string temp = Path.Combine(folder, StagingPrefix + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            var file = new FileInfo(temp);
            using (FileStream stream = file.Create(FileMode.CreateNew, RightsForWriting, FileShare.None, 4096, FileOptions.None, WindowsOwnerOnlySecurity.ForFile()))
            {
                stream.Write(content, 0, content.Length);
                stream.Flush(flushToDisk: true);
            }

            if (overwrite && File.Exists(fullPath))
            {
                // ReplaceFile carries the replaced file's DACL over, which may be looser than ours.
                File.Replace(temp, fullPath, null);
                new FileInfo(fullPath).SetAccessControl(WindowsOwnerOnlySecurity.ForFile());
            }
            else
            {
                File.Move(temp, fullPath);
            }

            return true;
        }
        finally
        {
            DeleteQuietly(temp);
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
            try
            {
                Directory.Delete(staging, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
