using System.Globalization;
using System.Text;

namespace BulkEnroll.Benchmarks;

/// <summary>Collects figures as markdown table rows, ready for the README.</summary>
internal sealed class Report
{
    private readonly StringBuilder _rows = new();

    public void Add(string benchmark, string figure, string value, string note = "")
    {
        string row = $"| {Cell(benchmark)} | {Cell(figure)} | {Cell(value)} | {Cell(note)} |";
        _rows.AppendLine(row);
        Console.WriteLine(row);
    }

    /// <summary>A pipeline in a cell (`a | b`) must not end the cell.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|");

    public static string F(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);

    public string ToMarkdown()
        => "| Benchmark | Figure | Value | Note |\n|---|---|---|---|\n" + _rows;
}
