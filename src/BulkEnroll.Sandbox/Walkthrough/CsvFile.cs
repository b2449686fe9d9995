using System.Management.Automation;
using System.Text;

namespace BulkEnroll.Sandbox.Walkthrough;

/// <summary>
/// Import-Csv for the walkthrough's hosted engine, which carries only PowerShell's core commands (the SDK with
/// Microsoft.PowerShell.Utility is not available here). Same shape as the real one: a header row, one
/// PSCustomObject per line with string properties, quoted fields with doubled quotes. The walkthrough defines an
/// `Import-Csv` function over it in its own runspace only, so the script reads exactly as an admin would type it.
/// </summary>
public static class CsvFile
{
    /// <summary>The body of the <c>Import-Csv</c> function the walkthrough's runspace gets.</summary>
    internal const string ImportCsvFunctionBody =
        "param([Parameter(Mandatory, Position = 0)] [string] $Path) " +
        "[BulkEnroll.Sandbox.Walkthrough.CsvFile]::Read($ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path))";

    public static IEnumerable<PSObject> Read(string path)
    {
        string[]? header = null;
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0)
            {
                continue;
            }

            List<string> fields = Split(line);
            if (header == null)
            {
                header = fields.ToArray();
                continue;
            }

            var row = new PSObject();
            for (int i = 0; i < header.Length; i++)
            {
                row.Properties.Add(new PSNoteProperty(header[i], i < fields.Count ? fields[i] : null));
            }

            yield return row;
        }
    }

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
