using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BulkEnroll.Platform;

namespace BulkEnroll.Packages.Icd;

/// <summary>
/// Finds ICD.exe: the Windows ADK's "Configuration Designer" feature (its kit root is in the registry), then the
/// Store app Windows Configuration Designer, whose package folder the AppModel repository in the registry names.
/// </summary>
internal sealed class IcdLocator : IIcdLocator
{
    internal const string KitsRootKey = @"SOFTWARE\WOW6432Node\Microsoft\Windows Kits\Installed Roots";
    internal const string KitsRootValue = "KitsRoot10";
    internal const string AppModelPackagesKey = @"Software\Classes\Local Settings\Software\Microsoft\Windows\CurrentVersion\AppModel\Repository\Packages";
    internal const string StorePackagePrefix = "Microsoft.WindowsConfigurationDesigner_";
    internal const string PackageRootValue = "PackageRootFolder";

    internal static readonly string[] AdkRelativePath = { "Assessment and Deployment Kit", "Imaging and Configuration Designer", "x86", "ICD.exe" };
    internal static readonly string[] StoreRelativePath = { "icd", "ICD.exe" };

    private readonly IRegistryView _machine;
    private readonly IRegistryView _user;

    public IcdLocator(IRegistryView machine, IRegistryView user)
    {
        _machine = machine;
        _user = user;
    }

    public IcdInstallation? Find(out IReadOnlyList<string> searched)
    {
        var candidates = new List<(string Path, string Source)>();
        string? kitsRoot = _machine.ReadStringOrNull(KitsRootKey, KitsRootValue);
        if (!string.IsNullOrEmpty(kitsRoot))
        {
            candidates.Add((Combine(kitsRoot!, AdkRelativePath), "Windows ADK"));
        }

        foreach (string package in _user.ReadSubKeyNamesOrEmpty(AppModelPackagesKey)
            .Where(name => name.StartsWith(StorePackagePrefix, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(name => name, StringComparer.OrdinalIgnoreCase))
        {
            string? root = _user.ReadStringOrNull(AppModelPackagesKey + @"\" + package, PackageRootValue);
            if (!string.IsNullOrEmpty(root))
            {
                candidates.Add((Combine(root!, StoreRelativePath), "Windows Configuration Designer (Store)"));
            }
        }

        searched = candidates.Select(c => c.Path).ToList();
        foreach ((string path, string source) in candidates)
        {
            if (File.Exists(path))
            {
                string store = Path.Combine(Path.GetDirectoryName(path)!, IcdInstallation.DesktopStoreFileName);
                return new IcdInstallation(path, store, source);
            }
        }

        return null;
    }

    private static string Combine(string root, string[] relative) => Path.Combine(new[] { root }.Concat(relative).ToArray());
}
