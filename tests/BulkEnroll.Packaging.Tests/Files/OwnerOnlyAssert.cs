using System;
using System.IO;
using System.Linq;
using System.Security.AccessControl;
using System.Security.Principal;
using Xunit;

namespace BulkEnroll.Packaging.Tests.Files;

/// <summary>Checks on files that hold secrets; shared with the module's package tests (linked there).</summary>
internal static class OwnerOnlyAssert
{
    /// <summary>The owner-only promise: mode 600 (700 for a folder) on Unix, a protected DACL for owner, SYSTEM and Administrators on Windows.</summary>
    public static void OwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            AssertProtectedDacl(path);
            return;
        }

        string expected = Directory.Exists(path) ? "700" : "600";
        Assert.Equal(expected, Convert.ToString((int)File.GetUnixFileMode(path) & 0x1FF, 8));
    }

    /// <summary>No stray temporary file or staging folder may be left next to what was written.</summary>
    public static void OnlyFiles(string folder, params string[] names) =>
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal),
            Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));

    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    private static void AssertProtectedDacl(string path)
    {
        FileSystemSecurity security = Directory.Exists(path) ? new DirectoryInfo(path).GetAccessControl() : new FileInfo(path).GetAccessControl();
        Assert.True(security.AreAccessRulesProtected, $"{path} inherits access rules");
        var allowed = new[]
        {
            WindowsIdentity.GetCurrent().User!,
            new SecurityIdentifier(WellKnownSidType.LocalSystemSid, null),
            new SecurityIdentifier(WellKnownSidType.BuiltinAdministratorsSid, null),
        };
        foreach (FileSystemAccessRule rule in security.GetAccessRules(true, true, typeof(SecurityIdentifier)))
        {
            Assert.Contains((SecurityIdentifier)rule.IdentityReference, allowed);
        }
    }
}
