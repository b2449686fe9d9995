using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace BulkEnroll.Tests.BadInput;

/// <summary>
/// One malformed input: the PowerShell an admin might type (variables $D_* are filled in by the suite with
/// real ids from the sandbox, $Work is a scratch folder), the stable error id it must produce, and what the message
/// must name so the admin can find the culprit (the value, the parameter or the row; "$Name" stands for the value of
/// that session variable). Every text passed to <c>Secure '...'</c> in the script is a secret that must appear in no
/// stream, and so are the suite's own.
/// </summary>
public sealed record BadInputCase(string Name, string Script, string ErrorId, string Names)
{
    private static readonly Regex SecureLiteral = new(@"Secure\s+\(?'([^']+)'", RegexOptions.CultureInvariant);

    /// <summary>The passwords this row types: none of them may come back in any output.</summary>
    public IEnumerable<string> Secrets => SecureLiteral.Matches(Script).Select(m => m.Groups[1].Value).Where(s => s.Length > 3);

    public override string ToString() => Name;
}
