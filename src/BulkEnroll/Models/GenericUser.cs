using System;
using System.Text.RegularExpressions;

namespace BulkEnroll
{
    /// <summary>
    /// The one rule Ivanti applies to bulk enrollment: the generic account's UPN starts with
    /// <c>windows-bulkenroll</c> (ivanti-api.md §6). Everything that checks it calls here.
    /// </summary>
    public static class GenericUser
    {
        public const string Prefix = "windows-bulkenroll";

        // Pragmatic UPN shape: local part and a dotted domain, no spaces; the tenant validates the rest.
        private static readonly Regex UpnShape = new Regex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$",
            RegexOptions.CultureInvariant);

        public static bool IsGeneric(string? userPrincipalName)
            => userPrincipalName != null && userPrincipalName.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

        public static bool IsWellFormedUpn(string? userPrincipalName)
            => userPrincipalName != null && userPrincipalName.Length <= 256 && UpnShape.IsMatch(userPrincipalName);

        /// <summary><c>windows-bulkenroll-&lt;name&gt;@&lt;domain&gt;</c>, the form the Ivanti article uses.</summary>
        public static string ComposeUpn(string name, string domain) => $"{Prefix}-{name}@{domain}";
    }
}
