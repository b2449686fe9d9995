using System;
using System.Collections.Generic;
using System.Linq;
using BulkEnroll.Packaging;
using BulkEnroll.Packaging.Payload;

namespace BulkEnroll.Packages.Checks;

/// <summary>
/// The checks that need nothing but the package: its structure and the rules of
/// <see cref="PackageDefinitionValidator"/>, each validator finding filed under the check it belongs to.
/// </summary>
internal static class OfflinePackageChecks
{
    // The sandbox is reached over plain HTTP on loopback; flagged below rather than failed.
    private static readonly PackageValidationOptions Options = new(allowHttpLoopback: true);

    public static IEnumerable<PackageTestResult> Run(PackageFileContent content)
    {
        string path = content.Path;
        PackageDefinition definition = content.Definition;
        ILookup<string, PackageProblem> problems = PackageDefinitionValidator.Validate(definition, Options).ToLookup(p => CheckOf(p.Id));

        yield return Structure(content, problems[PackageCheckNames.Structure].ToList());

        yield return definition.ComputerNameTemplate is null
            ? PackageCheck.Skipped(path, PackageCheckNames.DeviceNameTemplate, "The package does not name the PC; Windows keeps the name it generates.")
            : FromProblems(path, PackageCheckNames.DeviceNameTemplate, problems, $"The device name template '{definition.ComputerNameTemplate}' gives valid Windows names.");

        yield return definition.Enrollment is null
            ? PackageCheck.Skipped(path, PackageCheckNames.UpnPrefix, "The package enrolls no user (see Structure).")
            : FromProblems(path, PackageCheckNames.UpnPrefix, problems, $"'{definition.Enrollment.Upn}' is a generic {GenericUser.Prefix} user.");

        yield return FromProblems(path, PackageCheckNames.HideOobeWithoutAccount, problems,
            definition.HideOobe ? $"OOBE is hidden and the package creates the local account '{definition.LocalAccount?.UserName}'." : "OOBE is shown.");

        yield return FromProblems(path, PackageCheckNames.Network, problems,
            $"The PC joins the Wi-Fi network '{definition.Wifi?.Ssid}' ({(definition.Wifi is null ? string.Empty : SettingDisplayText.Of(definition.Wifi.Security))}) before it enrolls.");

        yield return LocalAdminPassword(path, definition.LocalAccount);
    }

    /// <summary>A package built elsewhere (or with -AllowWeakPassword) may carry a weak administrator password to every PC.</summary>
    private static PackageTestResult LocalAdminPassword(string path, LocalAccountDefinition? account)
    {
        if (account is null)
        {
            return PackageCheck.Skipped(path, PackageCheckNames.LocalAdminPassword, "The package creates no local account.");
        }

        return LocalAdminPasswordPolicy.IsStrongEnough(account.UserName, account.Password, out string reason)
            ? PackageCheck.Passed(path, PackageCheckNames.LocalAdminPassword, $"The password of the local administrator '{account.UserName}' meets the complexity rule.")
            : PackageCheck.Failed(path, PackageCheckNames.LocalAdminPassword, LocalAdminPasswordPolicy.Describe(account.UserName, reason));
    }

    private static PackageTestResult Structure(PackageFileContent content, IReadOnlyList<PackageProblem> problems)
    {
        var failures = problems.Where(p => p.IsError).Select(Describe).ToList();
        var warnings = problems.Where(p => !p.IsError).Select(Describe).ToList();
        if (!content.IsProject && !content.HasRuntimeIndex)
        {
            failures.Add($"The package has no {PayloadPaths.RunTimeXml}, so Windows would apply none of its settings.");
        }

        if (content.Settings.Discrepancies.Count > 0)
        {
            failures.Add("The package's customizations.xml and the settings Windows applies disagree on "
                + string.Join(", ", content.Settings.Discrepancies) + "; the package was altered after it was built.");
        }

        if (content.ImageCount > 1)
        {
            warnings.Add($"The package holds {content.ImageCount} images; only the first was checked.");
        }

        if (PackageDefinitionValidator.LoopbackHttpNotice(content.Definition.Enrollment?.DiscoveryServiceFullUrl) is string notice)
        {
            warnings.Add(notice);
        }

        string what = content.IsProject ? "The project file" : "The package";
        return Outcome(content.Path, PackageCheckNames.Structure, failures, warnings,
            $"{what} is readable and holds a Workplace enrollment (AuthPolicy {AuthPolicyOf(content.Definition)}).");
    }

    private static PackageTestResult FromProblems(string path, string check, ILookup<string, PackageProblem> problems, string passedMessage)
    {
        List<PackageProblem> mine = problems[check].ToList();
        return Outcome(path, check, mine.Where(p => p.IsError).Select(Describe).ToList(), mine.Where(p => !p.IsError).Select(Describe).ToList(), passedMessage);
    }

    private static PackageTestResult Outcome(string path, string check, IReadOnlyList<string> failures, IReadOnlyList<string> warnings, string passedMessage)
    {
        if (failures.Count > 0)
        {
            return PackageCheck.Failed(path, check, string.Join(" ", failures.Concat(warnings)));
        }

        return warnings.Count > 0
            ? PackageCheck.Warning(path, check, string.Join(" ", warnings))
            : PackageCheck.Passed(path, check, passedMessage);
    }

    /// <summary>Which check a validator finding belongs to; whatever is not about a named check is structure.</summary>
    private static string CheckOf(string problemId) => problemId switch
    {
        PackageProblemIds.HideOobeWithoutAccount => PackageCheckNames.HideOobeWithoutAccount,
        PackageProblemIds.UpnMalformed or PackageProblemIds.UpnNotBulkEnroll => PackageCheckNames.UpnPrefix,
        PackageProblemIds.SsidInvalid or PackageProblemIds.WifiKeyMissing or PackageProblemIds.WifiKeyInvalid
            or PackageProblemIds.WifiKeyIgnored or PackageProblemIds.NoNetwork => PackageCheckNames.Network,
        _ when problemId.StartsWith("DeviceName", StringComparison.Ordinal) => PackageCheckNames.DeviceNameTemplate,
        _ => PackageCheckNames.Structure,
    };

    private static string Describe(PackageProblem problem) => $"[{problem.Id}] {problem.Message}";

    private static string AuthPolicyOf(PackageDefinition definition) =>
        definition.Enrollment is null ? "none" : SettingDisplayText.Of(definition.Enrollment.AuthPolicy);
}
