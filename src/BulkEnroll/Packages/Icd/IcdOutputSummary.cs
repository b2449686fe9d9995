using System;
using System.Collections.Generic;
using System.Linq;

namespace BulkEnroll.Packages.Icd;

/// <summary>
/// The last lines ICD printed, for an error message: enough to see why it failed, with every line that might
/// carry the decryption password dropped and every secret of the package masked.
/// </summary>
internal static class IcdOutputSummary
{
    private const int MaxLines = 12;
    private const string Mask = "********";

    public static string Of(ProcessResult result, IEnumerable<string> secrets)
    {
        // ICD may echo a value as it appears in customizations.xml, i.e. XML-escaped.
        string[] secretValues = secrets.Where(s => s.Length > 0)
            .SelectMany(s => new[] { s, System.Security.SecurityElement.Escape(s) ?? s })
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ToArray();
        List<string> lines = (result.StandardOutput + "\n" + result.StandardError)
            .Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !IcdPasswordParser.MayHoldPassword(line))
            .Select(line => secretValues.Aggregate(line, (text, secret) => text.Replace(secret, Mask)))
            .ToList();
        if (lines.Count == 0)
        {
            return "ICD printed nothing.";
        }

        return "ICD said: " + string.Join(" | ", lines.Skip(Math.Max(0, lines.Count - MaxLines)));
    }
}
