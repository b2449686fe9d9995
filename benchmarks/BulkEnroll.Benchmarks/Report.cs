using System.Globalization;
using System.Text;

namespace BulkEnroll.Benchmarks;

/// <summary>Collects figures as markdown table rows, ready for the README.</summary>
internal sealed class Report
{
    private readonly StringBuilder _rows = new();

    public void Add(string benchmark, string figure, string value, string note = "")
    {
        string row = $"| {benchmark} | {figure} | {value} | {note} |";
        _rows.AppendLine(row);
        Console.WriteLine(row);
    }

    public static string F(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);

    public string ToMarkdown()
        => "| Benchmark | Figure | Value | Note |\n|---|---|---|---|\n" + _rows;
}
