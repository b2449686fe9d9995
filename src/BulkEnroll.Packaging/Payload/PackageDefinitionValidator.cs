using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using BulkEnroll.Packaging.Secrets;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// Every rule a <see cref="PackageDefinition"/> must meet before it is written, in one place. Returns all
/// findings instead of stopping at the first, so that a user can fix everything in one go.
/// </summary>
internal static class PackageDefinitionValidator
{
    public const int MaxRank = 99;
    public const int MaxLocalUserNameLength = 20;
    public const int MaxSsidBytes = 32;

    // PackageConfig.xsd: N.N or N.N.N.N.
    private static readonly Regex VersionPattern = new Regex(@"^[0-9]{1,9}\.[0-9]{1,9}(\.[0-9]{1,9}\.[0-9]{1,9})?$", RegexOptions.CultureInvariant);

    private const string FileNameInvalidCharacters = "<>:\"/\\|?*";
    private const string LocalUserNameInvalidCharacters = "\"/\\[]:;|=,+*?<>@";

    public static IReadOnlyList<PackageProblem> Validate(PackageDefinition definition, PackageValidationOptions? options = null)
    {
        if (definition is null)
        {
            throw new ArgumentNullException(nameof(definition));
        }

        options ??= PackageValidationOptions.Default;
        ValidationPassCounter.Passed();
        var problems = new List<PackageProblem>();
        CheckPackageConfig(definition, problems);
        if (definition.ComputerNameTemplate != null)
        {
            problems.AddRange(DeviceNameRules.Check(definition.ComputerNameTemplate));
        }

        CheckLocalAccount(definition, problems);
        CheckWifi(definition.Wifi, problems);
        CheckEnrollment(definition.Enrollment, options, problems);
        return problems;
    }

    /// <summary>Validates before something is built from the definition: warnings pass, errors throw.</summary>
    /// <exception cref="PackageDefinitionInvalidException">The definition has errors.</exception>
    public static ValidatedPackageDefinition EnsureValid(PackageDefinition definition, PackageValidationOptions? options)
    {
        ValidatedPackageDefinition validated = ValidatedPackageDefinition.Validate(definition, options);
        validated.ForBuild();
        return validated;
    }

    private static void CheckPackageConfig(PackageDefinition definition, List<PackageProblem> problems)
    {
        if (definition.PackageId == Guid.Empty)
        {
            problems.Add(Error(PackageProblemIds.PackageIdEmpty, "The package ID must not be the empty GUID; Windows identifies installed packages by it."));
        }

        string? name = definition.Name;
        if (string.IsNullOrWhiteSpace(name) || name!.Length > 100 || name.Trim().Length != name.Length
            || TextRules.HasUnsafeCharacter(name) || name.IndexOfAny(FileNameInvalidCharacters.ToCharArray()) >= 0)
        {
            problems.Add(Error(PackageProblemIds.NameInvalid,
                "The package name must be 1 to 100 characters without leading or trailing spaces, control characters or any of < > : \" / \\ | ? *."));
        }

        if (definition.Version is null || !VersionPattern.IsMatch(definition.Version))
        {
            problems.Add(Error(PackageProblemIds.VersionInvalid,
                $"The package version '{TextRules.Printable(definition.Version ?? string.Empty)}' must have the form N.N or N.N.N.N, e.g. 1.0 or 1.0.0.0."));
        }

        if (!Enum.IsDefined(typeof(PackageOwnerType), definition.OwnerType))
        {
            problems.Add(Error(PackageProblemIds.OwnerTypeInvalid, $"The owner type {(int)definition.OwnerType} is not one Windows knows."));
        }

        if (definition.Rank < 0 || definition.Rank > MaxRank)
        {
            problems.Add(Error(PackageProblemIds.RankOutOfRange, $"The rank {definition.Rank} must be from 0 to {MaxRank}."));
        }

        if (definition.Notes != null && TextRules.HasUnsafeCharacter(definition.Notes))
        {
            problems.Add(Error(PackageProblemIds.NotesInvalid, "The package notes must be a single line without control characters."));
        }
    }

    private static void CheckLocalAccount(PackageDefinition definition, List<PackageProblem> problems)
    {
        LocalAccountDefinition? account = definition.LocalAccount;
        if (account is null)
        {
            if (definition.HideOobe)
            {
                problems.Add(Error(PackageProblemIds.HideOobeWithoutAccount,
                    "Hiding OOBE without creating a local account would leave the PC with no account to sign in with. Add a local account or show OOBE."));
            }

            return;
        }

        string? userName = account.UserName;
        if (string.IsNullOrEmpty(userName) || userName!.Length > MaxLocalUserNameLength || userName.Trim().Length != userName.Length
            || userName.Trim('.').Length == 0 || TextRules.HasUnsafeCharacter(userName)
            || userName.IndexOfAny(LocalUserNameInvalidCharacters.ToCharArray()) >= 0)
        {
            problems.Add(Error(PackageProblemIds.LocalAccountNameInvalid,
                $"The local account name must be 1 to {MaxLocalUserNameLength} characters, not only periods, without leading or trailing spaces "
                + "and without any of \" / \\ [ ] : ; | = , + * ? < > @."));
        }

        if (!Enum.IsDefined(typeof(LocalUserGroup), account.Group))
        {
            problems.Add(Error(PackageProblemIds.LocalAccountGroupInvalid, "The local account group must be Administrators or Standard Users."));
        }

        if (SecretText.IsNullOrEmpty(account.Password))
        {
            problems.Add(Error(PackageProblemIds.LocalAccountPasswordMissing, "The local account needs a password; Windows requires one for accounts created by a package."));
        }
        else if (TextRules.HasUnsafeCharacter(SecretText.Reveal(account.Password)))
        {
            problems.Add(Error(PackageProblemIds.LocalAccountPasswordInvalid, "The local account password contains a control character, which a provisioning package cannot carry."));
        }
    }

    private static void CheckWifi(WifiDefinition? wifi, List<PackageProblem> problems)
    {
        if (wifi is null)
        {
            problems.Add(new PackageProblem(PackageProblemIds.NoNetwork, ProblemSeverity.Warning,
                "The package sets no Wi-Fi network. Enrollment at OOBE needs a network, so this is fine only for PCs on a cable."));
            return;
        }

        string? ssid = wifi.Ssid;
        int ssidBytes = ssid is null ? 0 : SafeUtf8ByteCount(ssid);
        if (ssid is null || ssidBytes < 1 || ssidBytes > MaxSsidBytes || TextRules.HasUnsafeCharacter(ssid) || ssid.IndexOf('/') >= 0)
        {
            // '/' would split the WiFi/Profile/<SSID> node in the settings path.
            problems.Add(Error(PackageProblemIds.SsidInvalid, $"The SSID must be 1 to {MaxSsidBytes} bytes in UTF-8, without control characters or '/'."));
        }

        switch (wifi.Security)
        {
            case WifiSecurity.WPA2Personal:
                if (SecretText.IsNullOrEmpty(wifi.Key))
                {
                    problems.Add(Error(PackageProblemIds.WifiKeyMissing, "A WPA2-Personal network needs a key."));
                }
                else if (!IsValidWpa2Key(SecretText.Reveal(wifi.Key!)))
                {
                    problems.Add(Error(PackageProblemIds.WifiKeyInvalid, "The Wi-Fi key must be 8 to 63 printable ASCII characters, or exactly 64 hexadecimal digits."));
                }

                break;
            case WifiSecurity.Open:
                if (!SecretText.IsNullOrEmpty(wifi.Key))
                {
                    problems.Add(new PackageProblem(PackageProblemIds.WifiKeyIgnored, ProblemSeverity.Warning, "The Wi-Fi network is open, so its key is not written."));
                }

                break;
            default:
                problems.Add(Error(PackageProblemIds.WifiKeyInvalid, "The Wi-Fi security must be Open or WPA2-Personal."));
                break;
        }
    }

    private static void CheckEnrollment(EnrollmentDefinition? enrollment, PackageValidationOptions options, List<PackageProblem> problems)
    {
        if (enrollment is null)
        {
            problems.Add(Error(PackageProblemIds.EnrollmentMissing, "The package has no MDM enrollment (UPN, secret and discovery URL)."));
            return;
        }

        string upn = enrollment.Upn ?? string.Empty;
        if (!GenericUpn.IsEnrollable(upn))
        {
            problems.Add(Error(PackageProblemIds.UpnMalformed, $"The enrollment UPN '{TextRules.Printable(upn)}' is not of the form user@domain.example."));
        }

        if (!GenericUpn.IsGeneric(upn))
        {
            problems.Add(Error(PackageProblemIds.UpnNotBulkEnroll,
                $"The enrollment UPN '{TextRules.Printable(upn)}' must start with '{GenericUpn.Prefix}': only such generic users may bulk-enroll devices that are later assigned to their real users."));
        }

        if (SecretText.IsNullOrEmpty(enrollment.Secret))
        {
            problems.Add(Error(PackageProblemIds.EnrollmentSecretMissing, "The enrollment needs the generic user's password (Secret)."));
        }
        else if (TextRules.HasUnsafeCharacter(SecretText.Reveal(enrollment.Secret)))
        {
            problems.Add(Error(PackageProblemIds.EnrollmentSecretInvalid, "The enrollment secret contains a control character, which a provisioning package cannot carry."));
        }

        CheckServiceUrl(enrollment.DiscoveryServiceFullUrl, "discovery", PackageProblemIds.DiscoveryUrlMalformed, PackageProblemIds.DiscoveryUrlNotHttps, options, problems);
        if (enrollment.PolicyServiceFullUrl != null)
        {
            CheckServiceUrl(enrollment.PolicyServiceFullUrl, "policy", PackageProblemIds.PolicyUrlMalformed, PackageProblemIds.PolicyUrlNotHttps, options, problems);
        }

        if (enrollment.EnrollmentServiceFullUrl != null)
        {
            CheckServiceUrl(enrollment.EnrollmentServiceFullUrl, "enrollment", PackageProblemIds.EnrollmentUrlMalformed, PackageProblemIds.EnrollmentUrlNotHttps, options, problems);
        }

        if (enrollment.AuthPolicy != EnrollmentAuthPolicy.OnPremise)
        {
            problems.Add(new PackageProblem(PackageProblemIds.AuthPolicyNotOnPremise, ProblemSeverity.Warning,
                $"The enrollment AuthPolicy is {enrollment.AuthPolicy}; bulk enrollment with a generic user and password uses OnPremise."));
        }
    }

    private static void CheckServiceUrl(string? url, string what, string malformedId, string notHttpsId, PackageValidationOptions options, List<PackageProblem> problems)
    {
        if (string.IsNullOrEmpty(url) || TextRules.HasUnsafeCharacter(url!) || url!.Any(char.IsWhiteSpace)
            || !Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || string.IsNullOrEmpty(uri.Host) || uri.UserInfo.Length > 0
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add(Error(malformedId, $"The {what} service URL '{TextRules.Printable(url ?? string.Empty)}' is not an absolute https:// URL without user name or password."));
            return;
        }

        if (uri.Scheme == Uri.UriSchemeHttps || (options.AllowHttpLoopback && uri.IsLoopback))
        {
            return;
        }

        problems.Add(Error(notHttpsId, $"The {what} service URL '{TextRules.Printable(url!)}' must use https://; Windows does not enroll over plain HTTP."));
    }

    /// <summary>
    /// What to tell the user about a discovery URL that is plain HTTP to this machine, which validation lets through
    /// only with <see cref="PackageValidationOptions.AllowHttpLoopback"/> (the local sandbox); null for any other URL.
    /// </summary>
    public static string? LoopbackHttpNotice(string? discoveryUrl) =>
        Uri.TryCreate(discoveryUrl, UriKind.Absolute, out Uri? uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback
            ? $"The discovery URL '{TextRules.Printable(discoveryUrl!)}' is plain HTTP on this machine: right for the local sandbox, but no real PC enrolls over HTTP."
            : null;

    /// <summary>A raw 256-bit key, or a passphrase of 8 to 63 printable ASCII characters.</summary>
    private static bool IsValidWpa2Key(string key) =>
        WlanProfileXml.IsRawKey(key) || (key.Length >= 8 && key.Length <= 63 && key.All(c => c >= 0x20 && c <= 0x7E));

    private static int SafeUtf8ByteCount(string text)
    {
        try
        {
            return new UTF8Encoding(false, true).GetByteCount(text);
        }
        catch (ArgumentException)
        {
            return int.MaxValue;
        }
    }

    private static PackageProblem Error(string id, string message) => new PackageProblem(id, ProblemSeverity.Error, message);
}
