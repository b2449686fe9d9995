using System.Management.Automation;
using System.Text;

namespace BulkEnroll.Sandbox.Walkthrough;

/// <summary>
/// Import-Csv for the walkthrough's hosted engine, which carries only PowerShell's core commands (the SDK with
/// Microsoft.PowerShell.Utility is not available here). Same shape as the real one: a header row, one
/// PSCustomObject per line with string properties, quoted fields with doubled quotes. Registered only in
/// the walkthrough's runspace, so the script reads exactly as an admin would type it.
/// </summary>
[Cmdlet(VerbsData.Import, "Csv")]
[OutputType(typeof(PSObject))]
public sealed class ImportCsvCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    public string Path { get; set; } = null!;

    protected override void EndProcessing()
    {
        string resolved = GetUnresolvedProviderPathFromPSPath(Path);
        string[]? header = null;
        foreach (string line in File.ReadLines(resolved))
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

            WriteObject(row);
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
