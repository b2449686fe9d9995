using System;
using System.Text.RegularExpressions;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// The UPN rules a package's enrollment must meet: Ivanti bulk-enrolls only under accounts whose UPN starts with
/// <c>windows-bulkenroll</c>, and the UPN must fit the package's Provisioning/Enrollments/&lt;UPN&gt; node. The
/// module's public BulkEnroll.GenericUser answers from here, so users it creates always fit in a package.
/// </summary>
internal static class GenericUpn
{
    public const string Prefix = "windows-bulkenroll";

    // The UPN becomes the package's Provisioning/Enrollments/<UPN> node, which a '/' would split; dot-atoms only,
    // at most 64 characters before the @ (RFC 5321), as the enrollment client expects.
    private static readonly Regex EnrollableShape = new Regex(
        @"^(?<local>[A-Za-z0-9_+'-]+(\.[A-Za-z0-9_+'-]+)*)@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$",
        RegexOptions.CultureInvariant);

    public static bool IsGeneric(string? userPrincipalName)
        => userPrincipalName != null && userPrincipalName.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>A UPN a provisioning package can enroll with.</summary>
    public static bool IsEnrollable(string? userPrincipalName)
    {
        if (userPrincipalName == null || userPrincipalName.Length > 256)
        {
            return false;
        }

        Match match = EnrollableShape.Match(userPrincipalName);
        return match.Success && match.Groups["local"].Length <= 64;
    }
}
