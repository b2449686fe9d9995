using System.Management.Automation;

namespace BulkEnroll.Runtime;

/// <summary>
/// The one place a -Name that takes wildcards becomes a pattern. PowerShell's WildcardPattern throws a bare
/// WildcardPatternException on first use for text such as 'CTS-[' (a '[' that opens no closed range), which an admin
/// sees as a RuntimeException from deep inside; here it is a parameter error that names the value and both ways to
/// match it as it is (escape with a backtick, or the -Literal parameter, whose values never go through wildcards).
/// </summary>
internal static class NamePatterns
{
    public const string InvalidPatternId = "InvalidWildcardPattern";

    private const WildcardOptions Options = WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant;

    public static WildcardPattern Compile(string value, string parameter, bool literal, string? literalParameter)
    {
        WildcardPattern pattern = WildcardPattern.Get(literal ? WildcardPattern.Escape(value) : value, Options);
        try
        {
            pattern.IsMatch(string.Empty); // parses the pattern, which Get does not
        }
        catch (WildcardPatternException)
        {
            string literalHint = literalParameter == null ? string.Empty : $", or pass it to -{literalParameter}";
            throw new BulkEnrollException(InvalidPatternId, ErrorCategory.InvalidArgument,
                $"-{parameter} '{value}' is not a valid wildcard pattern ('[' opens a range of characters that ']' must close). "
                + $"To match the brackets as they are, escape them with a backtick ('{WildcardPattern.Escape(value)}'){literalHint}.", value);
        }

        return pattern;
    }

    /// <summary>Whether a value matches exactly one text, as typed (no wildcard, no escape), so a server-side equality filter can carry it.</summary>
    public static bool IsPlain(string value) => !WildcardPattern.ContainsWildcardCharacters(value) && value.IndexOf('`') < 0;
}
