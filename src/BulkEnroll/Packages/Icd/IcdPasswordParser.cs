using System;
using System.Text.RegularExpressions;

namespace BulkEnroll.Packages.Icd;

/// <summary>
/// Finds the decryption password ICD prints for +Encrypted. Microsoft documents only that the password is "included
/// in the output", not its wording, so this takes the value after the first "password ... :" (or "=" or "is") on a line.
/// </summary>
internal static class IcdPasswordParser
{
    private static readonly Regex PasswordLine = new(
        @"password\b[^:=\r\n]*?(?:[:=]|\bis\b)\s*[""']?(?<value>[^\s""']+)[""']?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant);

    public static bool TryFind(string output, out string password)
    {
        Match match = PasswordLine.Match(output ?? string.Empty);
        password = match.Success ? match.Groups["value"].Value : string.Empty;
        return match.Success;
    }

    /// <summary>True for a line that may carry the password, so that it never reaches an error message.</summary>
    public static bool MayHoldPassword(string line) => line.IndexOf("password", StringComparison.OrdinalIgnoreCase) >= 0;
}
