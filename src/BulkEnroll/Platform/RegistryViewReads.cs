using System;
using System.Collections.Generic;
using System.IO;
using System.Security;

namespace BulkEnroll.Platform;

/// <summary>
/// Reads where a missing or unreadable key simply means "not there" (searching for an installed tool), and the one
/// rule for what counts as an unreadable key.
/// </summary>
internal static class RegistryViewReads
{
    public static string? ReadStringOrNull(this IRegistryView registry, string keyPath, string valueName)
    {
        try
        {
            using IRegistryKeyView? key = registry.OpenSubKey(keyPath);
            return key?.GetValue(valueName) as string;
        }
        catch (Exception e) when (IsAccessProblem(e))
        {
            return null;
        }
    }

    /// <summary>What opening or reading a key throws when it exists but this account may not read it (or it vanished meanwhile).</summary>
    public static bool IsAccessProblem(Exception e) => e is SecurityException || e is UnauthorizedAccessException || e is IOException;

    public static IReadOnlyList<string> ReadSubKeyNamesOrEmpty(this IRegistryView registry, string keyPath)
    {
        try
        {
            using IRegistryKeyView? key = registry.OpenSubKey(keyPath);
            return key?.GetSubKeyNames() ?? Array.Empty<string>();
        }
        catch (Exception e) when (IsAccessProblem(e))
        {
            return Array.Empty<string>();
        }
    }
}
