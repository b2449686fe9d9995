using System.Collections.Generic;

namespace BulkEnroll.Provisioning.Icd;

/// <summary>The two registry roots the ICD search reads; our own type so the abstraction carries no Windows-only one.</summary>
internal enum RegistryRoot
{
    LocalMachine,
    CurrentUser,
}

/// <summary>The registry reads that find ICD.exe, behind an interface so the search is testable off Windows.</summary>
internal interface IRegistryReader
{
    /// <summary>A string value from the 64-bit view (paths given with WOW6432Node where the 32-bit one is meant), or null.</summary>
    string? GetString(RegistryRoot root, string keyPath, string valueName);

    IReadOnlyList<string> GetSubKeyNames(RegistryRoot root, string keyPath);
}
