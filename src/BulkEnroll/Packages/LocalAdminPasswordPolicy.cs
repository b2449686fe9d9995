using System;
using System.Security;
using BulkEnroll.Packaging.Secrets;
using BulkEnroll.Users;

namespace BulkEnroll.Packages;

/// <summary>
/// The minimum for the local administrator password a package gives every PC it provisions: Windows' own "password
/// must meet complexity requirements" rule (3 of 4 classes: upper case, lower case, digits, symbols; not containing
/// the account name) with at least <see cref="PasswordPolicy.MinimumLength"/> characters. Windows itself applies the
/// rule only where the policy is on, so a package with a password like 'a' would build, apply and leave the same
/// trivial administrator on every PC. The length and class rule is the generic users' (<see cref="PasswordPolicy"/>);
/// this adds what is particular to a local account. Reasons name the rule, never the password.
/// </summary>
internal static class LocalAdminPasswordPolicy
{
    public const string WeakPasswordId = "WeakLocalAdminPassword";

    /// <summary>Windows ignores account names shorter than this when it looks for them in a password.</summary>
    private const int ShortestNameChecked = 3;

    public static bool IsStrongEnough(string userName, SecureString password, out string reason)
    {
        string text = SecretText.Reveal(password);
        if (!PasswordPolicy.IsComplexEnough(text, out reason))
        {
            return false;
        }

        if (userName.Length >= ShortestNameChecked && text.IndexOf(userName, StringComparison.OrdinalIgnoreCase) >= 0)
        {
            reason = $"it contains the account name '{userName}'";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    /// <summary>The sentence an admin reads when the password fails: the account, the rule, and the way out.</summary>
    public static string Describe(string userName, string reason)
        => $"The password of the local administrator '{userName}' is too weak: {reason}. Every PC provisioned with the package gets this administrator; "
            + $"use at least {PasswordPolicy.MinimumLength} characters from 3 of upper case, lower case, digits and symbols, without the account name.";

    /// <summary>Why the password is too weak, as the admin reads it; null when it is strong enough.</summary>
    public static string? Weakness(string userName, SecureString password)
        => IsStrongEnough(userName, password, out string reason) ? null : Describe(userName, reason);

    /// <summary>The warning for a weak password let through by -AllowWeakPassword (at build and at every rebuild).</summary>
    public static string LabOnly(string weakness, string what)
        => $"{weakness} {what} anyway because of -AllowWeakPassword: use such a package in a lab only.";
}
