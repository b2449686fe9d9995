using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using BulkEnroll.Packaging.Payload;

namespace BulkEnroll.Packages;

/// <summary>
/// Reads and writes the saved definitions (&lt;package name&gt;.bulkenroll.json) beside the packages. A file that is
/// not a definition this module wrote is refused with the file and the reason named: a rebuild that guessed could
/// put the wrong settings on every PC of a rollout.
/// </summary>
internal static class PackageDefinitionFile
{
    /// <summary>A definition is a few hundred bytes; anything far larger is not one, and is not read into memory.</summary>
    public const int MaximumSize = 64 * 1024;

    public const string InvalidId = "InvalidPackageDefinition";

    private static readonly JsonSerializerOptions WriteOptions = new(Neurons.Json.Options) { WriteIndented = true };

    public static void Write(string path, SavedPackageDefinition definition)
        => File.WriteAllText(path, JsonSerializer.Serialize(definition, WriteOptions), new UTF8Encoding(false));

    public static SavedPackageDefinition Read(string path)
    {
        var file = new FileInfo(path);
        if (file.Length > MaximumSize)
        {
            throw Invalid(path, $"it has {file.Length:N0} bytes, far more than a definition ({MaximumSize / 1024} KiB at most)");
        }

        SavedPackageDefinition? saved;
        try
        {
            saved = JsonSerializer.Deserialize<SavedPackageDefinition>(File.ReadAllText(path), Neurons.Json.Options);
        }
        catch (JsonException e)
        {
            throw Invalid(path, $"it is not valid JSON ({e.Message})");
        }

        if (saved is null || !string.Equals(saved.Schema, SavedPackageDefinition.CurrentSchema, StringComparison.Ordinal))
        {
            throw Invalid(path, $"its schema is '{saved?.Schema}', not '{SavedPackageDefinition.CurrentSchema}'");
        }

        if (!GenericUser.IsGeneric(saved.UserPrincipalName ?? string.Empty))
        {
            throw Invalid(path, $"its userPrincipalName '{saved.UserPrincipalName}' is not a generic {GenericUser.Prefix}* user");
        }

        if (string.IsNullOrWhiteSpace(saved.Name) || string.IsNullOrWhiteSpace(saved.DiscoveryServiceUrl))
        {
            throw Invalid(path, "it has no name or no discoveryServiceUrl");
        }

        if (!SettingDisplayText.TryParseOwnerType(saved.OwnerType ?? string.Empty, out PackageOwnerType _))
        {
            throw Invalid(path, $"its ownerType '{saved.OwnerType}' is not one New-BulkEnrollPackage takes");
        }

        if (saved.WifiSsid != null && !SettingDisplayText.TryParseWifiSecurity(saved.WifiSecurity ?? string.Empty, out WifiSecurity _))
        {
            throw Invalid(path, $"its wifiSecurity '{saved.WifiSecurity}' is neither Open nor WPA2-Personal");
        }

        if (!Enum.TryParse(saved.Builder, ignoreCase: true, out PackageBuilder _))
        {
            throw Invalid(path, $"its builder '{saved.Builder}' is neither Native nor Icd");
        }

        return saved;
    }

    /// <summary>
    /// The definition files a -Path names: a definition file itself, or every definition in a folder (and below it
    /// with <paramref name="recurse"/>). Wildcards were resolved by the caller.
    /// </summary>
    public static IEnumerable<string> Find(string path, bool recurse)
    {
        if (File.Exists(path))
        {
            return new[] { path };
        }

        return Directory.EnumerateFiles(path, "*" + PackageOutputPaths.DefinitionSuffix, recurse ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly);
    }

    private static BulkEnrollException Invalid(string path, string reason) =>
        new(InvalidId, ErrorCategory.InvalidData, $"'{path}' is not a package definition BulkEnroll can rebuild from: {reason}. Nothing was changed.", path)
        {
            RecommendedAction = "Remove the file or write it again with New-BulkEnrollPackage, or pass a -Path without it.",
        };
}
