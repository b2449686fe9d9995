using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace BulkEnroll.HelpCompiler.Markdown;

/// <summary>
/// Turns a platyPS-style markdown file into a <see cref="CommandHelpDocument"/>. Only the shape is checked here
/// (sections, example headings, code blocks); whether it fits the cmdlet is <see cref="Checks.HelpValidator"/>'s job.
/// </summary>
public static class CommandHelpReader
{
    public const string Synopsis = "SYNOPSIS";
    public const string Syntax = "SYNTAX";
    public const string Description = "DESCRIPTION";
    public const string Examples = "EXAMPLES";
    public const string Parameters = "PARAMETERS";
    public const string Inputs = "INPUTS";
    public const string Outputs = "OUTPUTS";
    public const string Notes = "NOTES";
    public const string RelatedLinks = "RELATED LINKS";

    /// <summary>platyPS's paragraph about -Verbose, -ErrorAction...; implied, so skipped if present.</summary>
    public const string CommonParametersHeading = "CommonParameters";

    private static readonly string[] KnownSections = { Synopsis, Syntax, Description, Examples, Parameters, Inputs, Outputs, Notes, RelatedLinks };

    private static readonly Regex ExampleHeading = new(@"^Example (?<number>\d+):\s*(?<title>\S.*)$", RegexOptions.CultureInvariant);

    private static readonly Regex LinkLine = new(@"^\[(?<text>[^\]]+)\]\((?<uri>[^)\s]*)\)$", RegexOptions.CultureInvariant);

    public static CommandHelpDocument Read(string path, List<HelpProblem> problems)
        => Parse(path, File.ReadAllText(path), problems);

    public static CommandHelpDocument Parse(string path, string text, List<HelpProblem> problems)
    {
        string file = System.IO.Path.GetFileName(path);
        void Problem(int line, string message) => problems.Add(new HelpProblem(file, line, message));

        MarkdownOutline outline = MarkdownOutline.Parse(text, Problem);
        var document = new CommandHelpDocument(path)
        {
            Name = outline.Title,
            NameLine = outline.TitleLine,
            FrontMatter = outline.FrontMatter,
        };

        foreach (MarkdownSection section in outline.Sections)
        {
            string name = section.Title.ToUpperInvariant();
            if (!KnownSections.Contains(name))
            {
                Problem(section.Line, $"unknown section '## {section.Title}'; cmdlet help has {string.Join(", ", KnownSections)}.");
                continue;
            }

            if (document.SectionLines.ContainsKey(name))
            {
                Problem(section.Line, $"a second '## {section.Title}' section.");
                continue;
            }

            document.SectionLines[name] = section.Line;
            switch (name)
            {
                case Synopsis:
                    ReadProse(section, document.Synopsis, Problem);
                    break;
                case Description:
                    ReadProse(section, document.Description, Problem);
                    break;
                case Notes:
                    ReadProse(section, document.Notes, Problem);
                    break;
                case Examples:
                    ReadExamples(section, document.Examples, Problem);
                    break;
                case Parameters:
                    ReadParameters(section, document.Parameters, Problem);
                    break;
                case Inputs:
                    ReadTypes(section, document.Inputs, Problem);
                    break;
                case Outputs:
                    ReadTypes(section, document.Outputs, Problem);
                    break;
                case RelatedLinks:
                    ReadLinks(section, document.Links, Problem);
                    break;
                default:
                    // SYNTAX: generated from the assembly's parameter sets; whatever is written here is not used.
                    break;
            }
        }

        return document;
    }

    private static void ReadProse(MarkdownSection section, List<string> target, Action<int, string> problem)
    {
        NoCode(section.Blocks, $"## {section.Title}", problem);
        target.AddRange(section.Paragraphs);
        foreach (MarkdownSection sub in section.Subsections)
        {
            problem(sub.Line, $"'### {sub.Title}' has no meaning under ## {section.Title}.");
        }
    }

    private static void ReadExamples(MarkdownSection section, List<HelpExample> examples, Action<int, string> problem)
    {
        foreach (MarkdownBlock stray in section.Blocks)
        {
            problem(stray.Line, "text under ## EXAMPLES belongs to an example: start one with '### Example N: title'.");
        }

        foreach (MarkdownSection sub in section.Subsections)
        {
            Match heading = ExampleHeading.Match(sub.Title);
            if (!heading.Success)
            {
                problem(sub.Line, $"example heading '### {sub.Title}' is not '### Example N: title'.");
                continue;
            }

            int number = int.Parse(heading.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (number != examples.Count + 1)
            {
                problem(sub.Line, $"example {number} should be numbered {examples.Count + 1}.");
            }

            List<MarkdownBlock> code = sub.Blocks.Where(b => b.IsCode).ToList();
            if (code.Count != 1)
            {
                problem(sub.Line, $"example {number} needs exactly one ```powershell code block (it has {code.Count}).");
                continue;
            }

            if (!string.Equals(code[0].CodeLanguage, "powershell", StringComparison.OrdinalIgnoreCase))
            {
                problem(code[0].Line, $"example {number}'s code block is '{code[0].CodeLanguage}', not 'powershell'.");
            }

            if (code[0].Text.Trim().Length == 0)
            {
                problem(code[0].Line, $"example {number}'s code block is empty.");
            }

            int codeIndex = sub.Blocks.IndexOf(code[0]);
            if (codeIndex > 0)
            {
                problem(sub.Blocks[0].Line, $"example {number} has text before its code; Get-Help shows the code first, so explain after it.");
            }

            List<string> remarks = sub.Blocks.Skip(codeIndex + 1).Select(b => b.Text).ToList();
            if (remarks.Count == 0)
            {
                problem(sub.Line, $"example {number} has no explanation after its code.");
            }

            examples.Add(new HelpExample(sub.Line, number, heading.Groups["title"].Value.Trim(), code[0].Text, remarks));
        }
    }

    private static void ReadParameters(MarkdownSection section, List<ParameterHelp> parameters, Action<int, string> problem)
    {
        foreach (MarkdownBlock stray in section.Blocks)
        {
            problem(stray.Line, "text under ## PARAMETERS belongs to a parameter: start one with '### -Name'.");
        }

        foreach (MarkdownSection sub in section.Subsections)
        {
            if (sub.Title == CommonParametersHeading)
            {
                continue;
            }

            if (!sub.Title.StartsWith("-", StringComparison.Ordinal) || sub.Title.Length < 2 || sub.Title.Contains(' '))
            {
                problem(sub.Line, $"parameter heading '### {sub.Title}' is not '### -Name'.");
                continue;
            }

            // Type, sets, position, pipeline input... come from the assembly; a ```yaml block here could only drift.
            NoCode(sub.Blocks, $"### {sub.Title}", problem);
            parameters.Add(new ParameterHelp(sub.Line, sub.Title.Substring(1), sub.Paragraphs.ToList()));
        }
    }

    private static void ReadTypes(MarkdownSection section, List<TypeHelp> types, Action<int, string> problem)
    {
        foreach (MarkdownBlock stray in section.Blocks)
        {
            problem(stray.Line, $"text under ## {section.Title} belongs to a type: start one with '### TypeName' (or '### None').");
        }

        foreach (MarkdownSection sub in section.Subsections)
        {
            NoCode(sub.Blocks, $"### {sub.Title}", problem);
            types.Add(new TypeHelp(sub.Line, sub.Title, sub.Paragraphs.ToList()));
        }
    }

    private static void ReadLinks(MarkdownSection section, List<RelatedLink> links, Action<int, string> problem)
    {
        NoCode(section.Blocks, "## RELATED LINKS", problem);
        foreach (MarkdownBlock block in section.Blocks.Where(b => !b.IsCode))
        {
            string text = block.Text.StartsWith("- ", StringComparison.Ordinal) ? block.Text.Substring(2).Trim() : block.Text;
            Match link = LinkLine.Match(text);
            if (!link.Success)
            {
                problem(block.Line, $"'{block.Text}' is not a link line '[text](uri)' (one per paragraph or list item).");
                continue;
            }

            links.Add(new RelatedLink(block.Line, link.Groups["text"].Value.Trim(), link.Groups["uri"].Value.Trim()));
        }
    }

    private static void NoCode(IEnumerable<MarkdownBlock> blocks, string where, Action<int, string> problem)
    {
        foreach (MarkdownBlock code in blocks.Where(b => b.IsCode))
        {
            problem(code.Line, $"a code block under {where}: only examples hold code (parameter facts come from the assembly).");
        }
    }
}
