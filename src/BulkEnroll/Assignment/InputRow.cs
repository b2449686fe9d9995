using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;

namespace BulkEnroll.Assignment;

/// <summary>
/// One row piped into Set-DeviceAssignment as a spreadsheet made it (Import-Csv, ConvertFrom-Csv, a hand-built
/// object). PowerShell binds a column only when its header is exactly a parameter name or alias; headers that Excel,
/// a BOM or a hand edit bent ("Serial Number " with a trailing or non-breaking space, "ï»¿SerialNumber",
/// "assigned_user") are matched here instead, and a row that still names no user or device is explained: its number,
/// the columns it has, the ones that are read, and the fix.
/// </summary>
internal sealed class InputRow
{
    private static readonly char[] OtherDelimiters = { ';', '\t', '|' };

    private readonly PSObject _row;

    public InputRow(PSObject row, int number)
    {
        _row = row;
        Number = number;
        Columns = row.Properties.Where(p => p.IsGettable).Select(p => p.Name).ToList();
    }

    /// <summary>1 for the first row piped in (line 2 of a CSV file, after its header).</summary>
    public int Number { get; }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>A row made of nothing (the blank lines a spreadsheet leaves at the end of a file).</summary>
    public bool IsBlank => Columns.All(c => string.IsNullOrWhiteSpace(Cell(c)));

    /// <summary>Rows only a program that is not PowerShell can have made: objects with properties but no type of their own.</summary>
    public static bool IsRow(PSObject? input) => input?.BaseObject is PSCustomObject;

    /// <summary>
    /// The trimmed value of the first column whose header matches one of <paramref name="accepted"/> once both are
    /// reduced to letters and digits; null when there is none or it is empty.
    /// </summary>
    public string? Value(IEnumerable<string> accepted)
    {
        var wanted = new HashSet<string>(accepted.Select(Normalize), StringComparer.Ordinal);
        string? column = Columns.FirstOrDefault(c => wanted.Contains(Normalize(c)));
        string? value = column == null ? null : Cell(column);
        return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }

    /// <summary>Whether some column matches <paramref name="accepted"/>, empty or not.</summary>
    public bool Has(IEnumerable<string> accepted)
    {
        var wanted = new HashSet<string>(accepted.Select(Normalize), StringComparer.Ordinal);
        return Columns.Any(c => wanted.Contains(Normalize(c)));
    }

    /// <summary>Why the row names no <paramref name="what"/>, and what to do: the message of its error.</summary>
    public string Explain(string what, IReadOnlyCollection<string> accepted, string fix)
    {
        var text = new StringBuilder($"Row {Number} (line {Number + 1} of a CSV file) names no {what}. ");
        char? delimiter = SeparatedBy();
        if (delimiter != null)
        {
            string shown = delimiter == '\t' ? "`t" : delimiter.ToString();
            text.Append($"Its one column '{Columns[0]}' looks like a whole line separated by '{shown}', as Excel saves CSV files in many locales: read the file with Import-Csv -Delimiter '{shown}'.");
            return text.ToString();
        }

        if (Has(accepted))
        {
            text.Append($"Its {string.Join("/", Columns.Where(c => accepted.Select(Normalize).Contains(Normalize(c))).Select(c => $"'{c}'"))} cell is empty: {fix}");
            return text.ToString();
        }

        text.Append($"Columns found: {Quote(Columns)}. Read for the {what}: {Quote(accepted)} (any case, spaces and punctuation ignored). {fix}");
        return text.ToString();
    }

    private char? SeparatedBy()
    {
        if (Columns.Count != 1)
        {
            return null;
        }

        foreach (char delimiter in OtherDelimiters)
        {
            if (Columns[0].IndexOf(delimiter) >= 0)
            {
                return delimiter;
            }
        }

        return null;
    }

    private string? Cell(string column) => _row.Properties[column]?.Value?.ToString();

    private static string Quote(IEnumerable<string> names) => names.Any() ? string.Join(", ", names.Select(n => $"'{n}'")) : "none";

    /// <summary>Letters and digits only, lower case: "Serial Number", "serial_number" and "\uFEFFSerialNumber" meet.</summary>
    internal static string Normalize(string header)
    {
        // A UTF-8 BOM read as the ANSI code page (Windows PowerShell 5.1 on a BOM-less read) shows as these three.
        string text = header.Replace("\u00EF\u00BB\u00BF", string.Empty);
        var letters = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                letters.Append(char.ToLowerInvariant(c));
            }
        }

        return letters.ToString();
    }
}
