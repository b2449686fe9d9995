using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Management.Automation;

namespace BulkEnroll.HelpCompiler.Metadata;

/// <summary>A parameter's initial value as help shows it; null for "nothing" (null, empty string, empty array).</summary>
internal static class DefaultValueText
{
    public static string? Of(object? value) => value switch
    {
        null => null,
        SwitchParameter s => s.IsPresent ? "True" : "False",
        string s => s.Length == 0 ? null : s,
        TimeSpan t => Shorten(t.ToString("c", CultureInfo.InvariantCulture)),
        Enum e => e.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => Join(items),
        _ => value.ToString(),
    };

    /// <summary>00:00:00.5000000 reads better as 00:00:00.5.</summary>
    private static string Shorten(string timeSpan) => timeSpan.Contains('.') ? timeSpan.TrimEnd('0') : timeSpan;

    private static string? Join(IEnumerable items)
    {
        string[] texts = items.Cast<object?>().Select(Of).Where(t => t != null).Select(t => t!).ToArray();
        return texts.Length == 0 ? null : string.Join(", ", texts);
    }
}
