using System;
using System.Collections.Generic;
using System.IO;
using System.Security;

namespace BulkEnroll.Platform
{
    /// <summary>Reads where a missing or unreadable key simply means "not there" (searching for an installed tool).</summary>
    internal static class RegistryViewReads
    {
        public static string? ReadStringOrNull(this IRegistryView registry, string keyPath, string valueName)
        {
            try
            {
                using IRegistryKeyView? key = registry.OpenSubKey(keyPath);
                return key?.GetValue(valueName) as string;
            }
            catch (Exception e) when (e is SecurityException || e is UnauthorizedAccessException || e is IOException)
            {
                return null;
            }
        }

        public static IReadOnlyList<string> ReadSubKeyNamesOrEmpty(this IRegistryView registry, string keyPath)
        {
            try
            {
                using IRegistryKeyView? key = registry.OpenSubKey(keyPath);
                return key?.GetSubKeyNames() ?? Array.Empty<string>();
            }
            catch (Exception e) when (e is SecurityException || e is UnauthorizedAccessException || e is IOException)
            {
                return Array.Empty<string>();
            }
        }
    }
}
