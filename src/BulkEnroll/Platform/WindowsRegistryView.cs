using System.Collections.Generic;
using Microsoft.Win32;

namespace BulkEnroll.Platform;

/// <summary>
/// The real registry. The only place the module touches Microsoft.Win32 types, and only constructed after a
/// Windows check, so those types are never loaded or JIT-compiled on other systems.
/// </summary>
internal sealed class WindowsRegistryView : IRegistryView
{
    private readonly RegistryHive _hive;

    public WindowsRegistryView(RegistryRoot root = RegistryRoot.LocalMachine)
        => _hive = root == RegistryRoot.CurrentUser ? RegistryHive.CurrentUser : RegistryHive.LocalMachine;

    public IRegistryKeyView? OpenSubKey(string path)
    {
        // Always the 64-bit view: Intune runs remediation scripts in 32-bit PowerShell unless told otherwise, and
        // a 32-bit process asking for HKLM\SOFTWARE is redirected to WOW6432Node, where no enrollment is recorded.
        // On 32-bit Windows the 64-bit view falls back to the only one there is.
        using RegistryKey root = RegistryKey.OpenBaseKey(_hive, RegistryView.Registry64);
        RegistryKey? key = root.OpenSubKey(path, writable: false);
        return key == null ? null : new Key(key);
    }

    private sealed class Key : IRegistryKeyView
    {
        private readonly RegistryKey _key;

        public Key(RegistryKey key) => _key = key;

        public IReadOnlyList<string> GetSubKeyNames() => _key.GetSubKeyNames();

        // Not expanded: the values read here are names and URLs, and what is stored is what we report.
        public object? GetValue(string name) => _key.GetValue(name, null, RegistryValueOptions.DoNotExpandEnvironmentNames);

        public void Dispose() => _key.Dispose();
    }
}
