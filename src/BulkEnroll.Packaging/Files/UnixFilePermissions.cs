using System.IO;
using System.Runtime.InteropServices;

namespace BulkEnroll.Packaging.Files;

/// <summary>
/// The few POSIX calls owner-only files need on Linux and macOS. netstandard2.0 has no File.SetUnixFileMode, and
/// open(2) is variadic (its mode travels on the stack on Apple silicon), so only non-variadic calls are used.
/// </summary>
internal static class UnixFilePermissions
{
    public const uint OwnerReadWrite = 0x180;        // 0600
    public const uint OwnerReadWriteExecute = 0x1C0; // 0700

    // errno values that mean "this file system keeps no permissions" (vfat, some network shares).
    private const int EPERM = 1;
    private const int ENOTSUP_LINUX = 95;
    private const int ENOTSUP_MACOS = 45;

    /// <summary>mkdir with mode 0700, so that nothing created inside is ever reachable by anyone else.</summary>
    public static void CreatePrivateDirectory(string path)
    {
        if (mkdir(path, OwnerReadWriteExecute) != 0)
        {
            throw Failure("create the folder", path);
        }
    }

    /// <returns>False when the file system does not keep permissions; other failures throw.</returns>
    public static bool TrySetOwnerOnly(string path)
    {
        if (chmod(path, OwnerReadWrite) == 0)
        {
            return true;
        }

        int errno = Marshal.GetLastWin32Error();
        if (errno == EPERM || errno == ENOTSUP_LINUX || errno == ENOTSUP_MACOS)
        {
            return false;
        }

        throw Failure("restrict the permissions of", path, errno);
    }

    /// <summary>rename(2): atomically replaces <paramref name="destination"/> if it exists.</summary>
    public static void Replace(string source, string destination)
    {
        if (rename(source, destination) != 0)
        {
            throw Failure("move a file onto", destination);
        }
    }

    private static IOException Failure(string what, string path, int? errno = null)
    {
        int code = errno ?? Marshal.GetLastWin32Error();
        return new IOException($"Could not {what} '{path}' ({Describe(code)}errno {code}).", code);
    }

    // The common causes, numbered alike on Linux and macOS; netstandard2.0 has no strerror.
    private static string Describe(int errno) => errno switch
    {
        EPERM => "operation not permitted, ",
        2 => "no such file or folder, ",
        13 => "permission denied, ",
        17 => "it already exists, ",
        28 => "no space left on the device, ",
        30 => "read-only file system, ",
        _ => string.Empty,
    };

    // netstandard2.0 has no LPUTF8Str; on Unix, .NET marshals "ANSI" strings as UTF-8, which is what the kernel takes.
    [DllImport("libc", SetLastError = true)]
    private static extern int mkdir(string path, uint mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int chmod(string path, uint mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int rename(string oldPath, string newPath);
}
