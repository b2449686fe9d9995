using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BulkEnroll.HelpCompiler.Markdown;
using BulkEnroll.HelpCompiler.Metadata;

namespace BulkEnroll.HelpCompiler.Checks;

/// <summary>
/// Holds each markdown file against the cmdlet it documents: every cmdlet documented, every parameter described
/// (and none that does not exist), enough examples whose commands bind, outputs that match [OutputType], links that
/// lead somewhere. What the assembly knows is never asked of the markdown.
/// </summary>
public sealed class HelpValidator
{
    public const int MinimumExamples = 2;

    private readonly IReadOnlyDictionary<string, CmdletDescription> _cmdlets;
    private readonly string _moduleName;
    private readonly string _helpFileName;

    public HelpValidator(IReadOnlyList<CmdletDescription> cmdlets, string moduleName, string helpFileName)
    {
        _cmdlets = cmdlets.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        _moduleName = moduleName;
        _helpFileName = helpFileName;
    }

    public IEnumerable<HelpProblem> Validate(IReadOnlyList<CommandHelpDocument> documents)
    {
        var documented = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (CommandHelpDocument document in documents)
        {
            foreach (HelpProblem problem in ValidateDocument(document))
            {
                yield return problem;
            }

            if (document.Name != null)
            {
                documented.Add(document.Name);
            }
        }

        foreach (CmdletDescription cmdlet in _cmdlets.Values.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase))
        {
            if (!documented.Contains(cmdlet.Name))
            {
                yield return new HelpProblem(cmdlet.Name + ".md", 0, $"{cmdlet.Name} has no help: write docs/en-US/{cmdlet.Name}.md.");
            }
        }
    }

    private IEnumerable<HelpProblem> ValidateDocument(CommandHelpDocument document)
    {
        string file = Path.GetFileName(document.Path);
        HelpProblem At(int line, string message) => new(file, line, message);

        if (document.Name == null)
        {
            yield return At(1, "no '# Verb-Noun' title naming the cmdlet.");
            yield break;
        }

        if (!string.Equals(Path.GetFileNameWithoutExtension(file), document.Name, StringComparison.Ordinal))
        {
            yield return At(document.NameLine, $"the title '{document.Name}' and the file name differ; name the file {document.Name}.md.");
        }

        if (!_cmdlets.TryGetValue(document.Name, out CmdletDescription? cmdlet))
        {
            yield return At(document.NameLine, $"documents '{document.Name}', which {_moduleName}.dll does not define.");
            yield break;
        }

        if (document.Name != cmdlet.Name)
        {
            yield return At(document.NameLine, $"spell the title '{cmdlet.Name}', as the cmdlet is named.");
        }

        IEnumerable<HelpProblem> problems = FrontMatter(document, At)
            .Concat(Prose(document, At))
            .Concat(Examples(document, At))
            .Concat(Parameters(document, cmdlet, At))
            .Concat(Outputs(document, cmdlet, At))
            .Concat(Links(document, At));
        foreach (HelpProblem problem in problems)
        {
            yield return problem;
        }
    }

    private IEnumerable<HelpProblem> FrontMatter(CommandHelpDocument document, Func<int, string, HelpProblem> at)
    {
        if (!document.FrontMatter.TryGetValue("Module Name", out string? module) || module != _moduleName)
        {
            yield return at(1, $"the front matter needs 'Module Name: {_moduleName}'.");
        }

        if (!document.FrontMatter.TryGetValue("external help file", out string? help) || help != _helpFileName)
        {
            yield return at(1, $"the front matter needs 'external help file: {_helpFileName}'.");
        }
    }

    private static IEnumerable<HelpProblem> Prose(CommandHelpDocument document, Func<int, string, HelpProblem> at)
    {
        if (document.Synopsis.Count == 0)
        {
            yield return at(document.LineOf(CommandHelpReader.Synopsis), "no synopsis: one sentence under ## SYNOPSIS says what the cmdlet does.");
        }
        else if (document.Synopsis.Count > 1)
        {
            yield return at(document.LineOf(CommandHelpReader.Synopsis), "the synopsis is one paragraph; move the rest to ## DESCRIPTION.");
        }

        if (document.Description.Count == 0)
        {
            yield return at(document.LineOf(CommandHelpReader.Description), "no description under ## DESCRIPTION.");
        }

        if (document.Inputs.Count == 0)
        {
            yield return at(document.LineOf(CommandHelpReader.Inputs), "no input type under ## INPUTS ('### None' when nothing is taken from the pipeline).");
        }

        if (document.Outputs.Count == 0)
        {
            yield return at(document.LineOf(CommandHelpReader.Outputs), "no output type under ## OUTPUTS.");
        }

        foreach (TypeHelp type in document.Inputs.Concat(document.Outputs).Where(t => t.Description.Count == 0))
        {
            yield return at(type.Line, $"'{type.TypeName}' has no description.");
        }

        if (document.Notes.Count == 0)
        {
            yield return at(document.LineOf(CommandHelpReader.Notes), "no notes under ## NOTES.");
        }
    }

    private IEnumerable<HelpProblem> Examples(CommandHelpDocument document, Func<int, string, HelpProblem> at)
    {
        if (document.Examples.Count < MinimumExamples)
        {
            yield return at(document.LineOf(CommandHelpReader.Examples), $"{document.Examples.Count} example(s); every cmdlet needs at least {MinimumExamples}.");
        }

        foreach (HelpExample example in document.Examples)
        {
            foreach (string problem in ExampleCommandChecker.Check(example.Code, _cmdlets))
            {
                yield return at(example.Line, $"example {example.Number} {problem}.");
            }
        }
    }

    private static IEnumerable<HelpProblem> Parameters(CommandHelpDocument document, CmdletDescription cmdlet, Func<int, string, HelpProblem> at)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (ParameterHelp help in document.Parameters)
        {
            ParameterDescription? parameter = cmdlet.FindParameter(help.Name);
            if (parameter == null)
            {
                yield return at(help.Line, $"-{help.Name} is not a parameter of {cmdlet.Name}"
                    + (CommonParameterCatalog.Common.Any(c => string.Equals(c.Name, help.Name, StringComparison.OrdinalIgnoreCase))
                        ? " of its own: common parameters are implied, leave it out."
                        : "; remove it or fix the name."));
                continue;
            }

            if (!seen.Add(parameter.Name))
            {
                yield return at(help.Line, $"-{parameter.Name} is described twice.");
                continue;
            }

            if (help.Name != parameter.Name)
            {
                yield return at(help.Line, $"write -{parameter.Name}, as the code spells it (not -{help.Name}).");
            }

            if (help.Description.Count == 0)
            {
                yield return at(help.Line, $"-{parameter.Name} has no description.");
            }
        }

        int sectionLine = document.LineOf(CommandHelpReader.Parameters);
        foreach (ParameterDescription parameter in cmdlet.Parameters.Where(p => !seen.Contains(p.Name)))
        {
            yield return at(sectionLine, $"-{parameter.Name} has no description: add '### -{parameter.Name}' under ## PARAMETERS.");
        }
    }

    private static IEnumerable<HelpProblem> Outputs(CommandHelpDocument document, CmdletDescription cmdlet, Func<int, string, HelpProblem> at)
    {
        var declared = cmdlet.OutputTypes.Select(t => t == typeof(void) ? "None" : t.FullName!).ToList();
        foreach (TypeHelp output in document.Outputs.Where(o => !declared.Contains(o.TypeName)))
        {
            yield return at(output.Line, $"'{output.TypeName}' is not in {cmdlet.Name}'s [OutputType] ({string.Join(", ", declared)}).");
        }

        foreach (string type in declared.Where(d => document.Outputs.All(o => o.TypeName != d)))
        {
            yield return at(document.LineOf(CommandHelpReader.Outputs), $"[OutputType] declares {type}; describe it with '### {type}' under ## OUTPUTS.");
        }
    }

    private IEnumerable<HelpProblem> Links(CommandHelpDocument document, Func<int, string, HelpProblem> at)
    {
        foreach (RelatedLink link in document.Links)
        {
            if (link.IsWeb)
            {
                continue;
            }

            if (link.Text.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
            {
                if (link.Uri.Length > 0)
                {
                    yield return at(link.Line, $"[{link.Text}] is an about topic, found by Get-Help by name: write [{link.Text}]().");
                }

                continue;
            }

            if (!_cmdlets.ContainsKey(link.Text))
            {
                yield return at(link.Line, $"the link [{link.Text}] names no cmdlet of {_moduleName} and no web page.");
            }
            else if (link.Uri.Length > 0 && !string.Equals(link.Uri, link.Text + ".md", StringComparison.Ordinal))
            {
                yield return at(link.Line, $"the link to {link.Text} should point at {link.Text}.md.");
            }
        }
    }
}
