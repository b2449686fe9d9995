using System.Text.RegularExpressions;
using BulkEnroll.Packaging.Payload;

namespace BulkEnroll;

/// <summary>
/// The one rule Ivanti applies to bulk enrollment: the generic account's UPN starts with
/// <c>windows-bulkenroll</c> (docs/reference/ivanti-api.md#generic-users). Everything that checks it calls here.
/// </summary>
public static class GenericUser
{
    public const string Prefix = GenericUpn.Prefix;

    // Pragmatic UPN shape: local part and a dotted domain, no spaces; the tenant validates the rest.
    private static readonly Regex UpnShape = new Regex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$",
        RegexOptions.CultureInvariant);

    public static bool IsGeneric(string? userPrincipalName) => GenericUpn.IsGeneric(userPrincipalName);

    public static bool IsWellFormedUpn(string? userPrincipalName)
        => userPrincipalName != null && userPrincipalName.Length <= 256 && UpnShape.IsMatch(userPrincipalName);

    /// <summary>
    /// A UPN a provisioning package can enroll with. New-BulkEnrollUser creates only such users and the package
    /// validator accepts only such UPNs (the one rule, kept with the package code), so a user created here can
    /// always be put in a package. Stricter than <see cref="IsWellFormedUpn"/>.
    /// </summary>
    public static bool IsEnrollableUpn(string? userPrincipalName) => GenericUpn.IsEnrollable(userPrincipalName);

    /// <summary>
    /// A generic UPN as the narrow table views show it: the prefix every generic user shares (and the dash after
    /// it) becomes an ellipsis, so the part that tells them apart fits an 80-column console. Other UPNs unchanged.
    /// </summary>
    public static string? Abbreviate(string? userPrincipalName)
    {
        if (!IsGeneric(userPrincipalName))
        {
            return userPrincipalName;
        }

        int start = Prefix.Length;
        if (start < userPrincipalName!.Length && userPrincipalName[start] == '-')
        {
            start++;
        }

        return "\u2026" + userPrincipalName.Substring(start);
    }

    /// <summary><c>windows-bulkenroll-&lt;name&gt;@&lt;domain&gt;</c>, the form the Ivanti article uses.</summary>
    /// <summary>
    /// windows-bulkenroll-&lt;name&gt;@&lt;domain&gt;. A name that already starts with the prefix (an admin who typed the
    /// whole local part) is taken as it is, so the prefix is never doubled.
    /// </summary>
    public static string ComposeUpn(string name, string domain)
        => IsGeneric(name) ? $"{name}@{domain}" : $"{Prefix}-{name}@{domain}";
}
