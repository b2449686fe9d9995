using System;
using System.Collections.Generic;

namespace BulkEnroll.Platform;

/// <summary>The registry hives the module reads; our own type so the abstraction carries no Windows-only one.</summary>
internal enum RegistryRoot
{
    LocalMachine,
    CurrentUser,
}

/// <summary>
/// One registry hive, read-only: the few reads the module needs (local MDM enrollments, finding ICD.exe), so the
/// code that reads runs over an in-memory tree in tests and on machines that have no registry.
/// </summary>
internal interface IRegistryView
{
    /// <summary>The key at <paramref name="path"/>, or null when it does not exist.</summary>
    /// <exception cref="UnauthorizedAccessException">The key exists but this account may not read it.</exception>
    /// <exception cref="System.Security.SecurityException">Same, as the .NET registry API reports it.</exception>
    IRegistryKeyView? OpenSubKey(string path);
}

/// <summary>One open key. Values come back as the registry API returns them (string, int, long, string[], byte[]).</summary>
internal interface IRegistryKeyView : IDisposable
{
    IReadOnlyList<string> GetSubKeyNames();

    /// <summary>The value, or null when there is no value of that name.</summary>
    object? GetValue(string name);
}
