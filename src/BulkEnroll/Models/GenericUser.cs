using System;
using System.Text.RegularExpressions;

namespace BulkEnroll
{
    /// <summary>
    /// The one rule Ivanti applies to bulk enrollment: the generic account's UPN starts with
    /// <c>windows-bulkenroll</c> (docs/reference/ivanti-api.md#generic-users). Everything that checks it calls here.
    /// </summary>
    public static class GenericUser
    {
        public const string Prefix = "windows-bulkenroll";

        // Pragmatic UPN shape: local part and a dotted domain, no spaces; the tenant validates the rest.
        private static readonly Regex UpnShape = new Regex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$",
            RegexOptions.CultureInvariant);

        public static bool IsGeneric(string? userPrincipalName)
            => userPrincipalName != null && userPrincipalName.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

        // Stricter than UpnShape: the UPN becomes the package's Provisioning/Enrollments/<UPN> node, which a '/' would
        // split; dot-atoms only, at most 64 characters before the @ (RFC 5321), as the enrollment client expects.
        private static readonly Regex EnrollableShape = new Regex(
            @"^(?<local>[A-Za-z0-9_+'-]+(\.[A-Za-z0-9_+'-]+)*)@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$",
            RegexOptions.CultureInvariant);

        public static bool IsWellFormedUpn(string? userPrincipalName)
            => userPrincipalName != null && userPrincipalName.Length <= 256 && UpnShape.IsMatch(userPrincipalName);

        /// <summary>
        /// A UPN a provisioning package can enroll with. New-BulkEnrollUser creates only such users and the package
        /// validator accepts only such UPNs, so a user created here can always be put in a package.
        /// </summary>
        public static bool IsEnrollableUpn(string? userPrincipalName)
        {
            if (userPrincipalName == null || userPrincipalName.Length > 256)
            {
                return false;
            }

            Match match = EnrollableShape.Match(userPrincipalName);
            return match.Success && match.Groups["local"].Length <= 64;
        }

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
        public static string ComposeUpn(string name, string domain) => $"{Prefix}-{name}@{domain}";
    }
}
