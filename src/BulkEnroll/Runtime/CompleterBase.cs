using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using BulkEnroll.Commands;

namespace BulkEnroll.Completion;

/// <summary>
/// Shared by the module's completers: finds the connection the command will use (-Connection, or the
/// runspace's), and turns candidate values into completion results, quoted when they need it.
/// </summary>
public abstract class CompleterBase : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        BulkEnrollConnection? connection = fakeBoundParameters?["Connection"] as BulkEnrollConnection
            ?? (fakeBoundParameters?["Connection"] as PSObject)?.BaseObject as BulkEnrollConnection
            ?? ConnectionStore.Get(Runspace.DefaultRunspace);
        string typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
        if (connection == null || connection.IsDisconnected)
        {
            return Enumerable.Empty<CompletionResult>();
        }

        // Escaped: what was typed is text ('CTS-[' is a name, not an unclosed wildcard range that would throw).
        var pattern = WildcardPattern.Get(WildcardPattern.Escape(typed) + "*", WildcardOptions.IgnoreCase);
        return Candidates(connection, typed)
            .Where(value => pattern.IsMatch(value))
            .OrderBy(value => value, System.StringComparer.OrdinalIgnoreCase)
            .Take(100)
            .Select(value => new CompletionResult(Quote(value), value, CompletionResultType.ParameterValue, value))
            .ToList();
    }

    /// <summary>Values that may complete <paramref name="typed"/>; filtering by prefix is done here.</summary>
    internal abstract IEnumerable<string> Candidates(BulkEnrollConnection connection, string typed);

    // PowerShell needs quotes around spaces and its own syntax characters; '@' only matters up front.
    private static string Quote(string value)
        => value.Length == 0 || value[0] == '@' || value[0] == '-' || value.IndexOfAny(SpecialCharacters) >= 0
            ? "'" + value.Replace("'", "''") + "'"
            : value;

    private static readonly char[] SpecialCharacters = { ' ', '\t', '\'', '"', '$', '`', '(', ')', '{', '}', ';', ',', '&', '#', '|', '<', '>' };
}
