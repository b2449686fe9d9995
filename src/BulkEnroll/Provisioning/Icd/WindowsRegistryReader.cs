using System;
using System.Collections.Generic;
using System.Security;
using Microsoft.Win32;

namespace BulkEnroll.Provisioning.Icd;

/// <summary>The real registry; a key or value that is missing or unreadable reads as absent.</summary>
internal sealed class WindowsRegistryReader : IRegistryReader
{
    public string? GetString(RegistryRoot root, string keyPath, string valueName)
    {
        try
        {
            using RegistryKey baseKey = Open(root);
            using RegistryKey? key = baseKey.OpenSubKey(keyPath);
            return key?.GetValue(valueName) as string;
        }
        catch (Exception e) when (e is SecurityException or UnauthorizedAccessException or System.IO.IOException)
        {
            return null;
        }
    }

    public IReadOnlyList<string> GetSubKeyNames(RegistryRoot root, string keyPath)
    {
        try
        {
            using RegistryKey baseKey = Open(root);
            using RegistryKey? key = baseKey.OpenSubKey(keyPath);
            return key?.GetSubKeyNames() ?? Array.Empty<string>();
        }
        catch (Exception e) when (e is SecurityException or UnauthorizedAccessException or System.IO.IOException)
        {
            return Array.Empty<string>();
        }
    }

    private static RegistryKey Open(RegistryRoot root) =>
        RegistryKey.OpenBaseKey(root == RegistryRoot.LocalMachine ? RegistryHive.LocalMachine : RegistryHive.CurrentUser, RegistryView.Registry64);
}
