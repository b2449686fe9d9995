using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;

namespace BulkEnroll.Packages;

/// <summary>One saved definition and where its rebuilt files go: beside the definition, as the first build wrote them.</summary>
internal sealed class SavedDefinitionFile
{
    public SavedDefinitionFile(string path, SavedPackageDefinition definition)
    {
        Path = path;
        Definition = definition;
        Outputs = definition.Outputs;
        OutputPaths = PackageOutputPaths.For(System.IO.Path.GetDirectoryName(path)!, definition.Name);
    }

    public string Path { get; }

    public SavedPackageDefinition Definition { get; }

    public PackageOutputs Outputs { get; }

    public PackageOutputPaths OutputPaths { get; }

    /// <summary>The file an admin knows the package by: the .ppkg, or the project for a project-only build.</summary>
    public string MainTarget => Outputs.Targets(OutputPaths)[0];

    /// <summary>
    /// Why this package cannot be rebuilt with the secrets given, or null: the Wi-Fi key and the local administrator's
    /// password are not saved, so they must be given again, and the local administrator must be the one the package had.
    /// </summary>
    public BulkEnrollException? MissingSecret(SecureString? wifiKey, PSCredential? localAdmin)
    {
        SavedPackageDefinition d = Definition;
        if (d.WifiKeyRequired && (wifiKey is null || wifiKey.Length == 0))
        {
            return Refuse("WifiKeyRequired", $"the package joins the Wi-Fi network '{d.WifiSsid}' with a key, which is not saved", "Pass the network's key with -WifiKey.");
        }

        if (d.LocalAdminUserName is null)
        {
            return null;
        }

        if (localAdmin is null)
        {
            return Refuse("LocalAdminCredentialRequired", $"the package creates the local administrator '{d.LocalAdminUserName}', whose password is not saved",
                $"Pass -LocalAdminCredential with the user name '{d.LocalAdminUserName}' and its password.");
        }

        if (!string.Equals(localAdmin.UserName, d.LocalAdminUserName, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse("LocalAdminMismatch", $"the package creates the local administrator '{d.LocalAdminUserName}', but -LocalAdminCredential is for '{localAdmin.UserName}'",
                $"Pass -LocalAdminCredential for '{d.LocalAdminUserName}', or rebuild this package with New-BulkEnrollPackage.");
        }

        if (!d.AllowWeakPassword && LocalAdminPasswordPolicy.Weakness(localAdmin.UserName, localAdmin.Password) is string weakness)
        {
            return Refuse(LocalAdminPasswordPolicy.WeakPasswordId, weakness.TrimEnd('.'), "Pass the local administrator's strong password.");
        }

        return null;
    }

    private BulkEnrollException Refuse(string id, string why, string what) =>
        new(id, ErrorCategory.InvalidArgument,
            $"'{Definition.UserPrincipalName}' keeps its password: {MainTarget} could not be rebuilt because {why} (definition {Path}). Nothing was changed.",
            Definition.UserPrincipalName)
        {
            RecommendedAction = what,
        };
}

/// <summary>The saved definitions a -Path names, by generic user: read and checked at once, before anything changes.</summary>
internal sealed class SavedDefinitions
{
    private readonly Dictionary<string, List<SavedDefinitionFile>> _byUser;

    private SavedDefinitions(Dictionary<string, List<SavedDefinitionFile>> byUser, int count)
    {
        _byUser = byUser;
        Count = count;
    }

    public int Count { get; }

    public int UserCount => _byUser.Count;

    /// <exception cref="BulkEnrollException">InvalidPackageDefinition: a file is not a definition this module wrote.</exception>
    public static SavedDefinitions Read(IEnumerable<string> files)
    {
        var byUser = new Dictionary<string, List<SavedDefinitionFile>>(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int count = 0;
        foreach (string file in files.Select(System.IO.Path.GetFullPath))
        {
            if (!seen.Add(file))
            {
                continue;
            }

            var saved = new SavedDefinitionFile(file, PackageDefinitionFile.Read(file));
            string upn = saved.Definition.UserPrincipalName.Trim();
            if (!byUser.TryGetValue(upn, out List<SavedDefinitionFile>? list))
            {
                byUser[upn] = list = new List<SavedDefinitionFile>();
            }

            list.Add(saved);
            count++;
        }

        return new SavedDefinitions(byUser, count);
    }

    public IReadOnlyList<SavedDefinitionFile> For(string userPrincipalName)
        => _byUser.TryGetValue(userPrincipalName, out List<SavedDefinitionFile>? list) ? list : Array.Empty<SavedDefinitionFile>();

    /// <summary>Whether any package would need ICD.exe, which must be found before a password is changed.</summary>
    public bool NeedIcd => _byUser.Values.SelectMany(l => l).Any(f => !f.Outputs.ProjectOnly && f.Outputs.Builder == PackageBuilder.Icd);
}
