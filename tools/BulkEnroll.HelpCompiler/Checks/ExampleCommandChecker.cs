using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Language;
using BulkEnroll.HelpCompiler.Metadata;

namespace BulkEnroll.HelpCompiler.Checks;

/// <summary>
/// Parses an example with PowerShell's own parser and checks every call to one of the module's cmdlets: each
/// -Parameter must bind (full name, alias or unambiguous prefix), so examples break the build, not the reader,
/// when a parameter is renamed or removed.
/// </summary>
internal static class ExampleCommandChecker
{
    public static IEnumerable<string> Check(string code, IReadOnlyDictionary<string, CmdletDescription> cmdlets)
    {
        ScriptBlockAst ast = Parser.ParseInput(code, out Token[] _, out ParseError[] errors);
        foreach (ParseError error in errors)
        {
            yield return $"does not parse as PowerShell (line {error.Extent.StartLineNumber}: {error.Message})";
        }

        if (errors.Length > 0)
        {
            yield break;
        }

        foreach (CommandAst command in ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>())
        {
            string? name = command.GetCommandName();
            if (name == null || !cmdlets.TryGetValue(name, out CmdletDescription? cmdlet))
            {
                continue;
            }

            if (name != cmdlet.Name)
            {
                yield return $"writes '{name}'; spell it '{cmdlet.Name}'";
            }

            foreach (CommandParameterAst parameter in command.CommandElements.OfType<CommandParameterAst>())
            {
                string? problem = Resolve(cmdlet, parameter.ParameterName);
                if (problem != null)
                {
                    yield return $"{cmdlet.Name} -{parameter.ParameterName}: {problem}";
                }
            }
        }
    }

    private static string? Resolve(CmdletDescription cmdlet, string given)
    {
        var names = cmdlet.Parameters.Select(p => (p.Name, p.Aliases))
            .Concat(CommonParameterCatalog.Common.Select(p => (p.Name, p.Aliases)))
            .ToList();
        if (names.Any(n => Is(n.Name, given) || n.Aliases.Any(a => Is(a, given))))
        {
            return null;
        }

        List<string> candidates = names
            .Where(n => n.Name.StartsWith(given, StringComparison.OrdinalIgnoreCase) || n.Aliases.Any(a => a.StartsWith(given, StringComparison.OrdinalIgnoreCase)))
            .Select(n => n.Name)
            .Distinct()
            .ToList();
        return candidates.Count switch
        {
            0 => "the cmdlet has no such parameter",
            1 => null,
            _ => "ambiguous: " + string.Join(", ", candidates.Select(c => "-" + c)),
        };
    }

    private static bool Is(string name, string given) => string.Equals(name, given, StringComparison.OrdinalIgnoreCase);
}
