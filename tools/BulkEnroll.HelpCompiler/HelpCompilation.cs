using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using BulkEnroll.HelpCompiler.Checks;
using BulkEnroll.HelpCompiler.Maml;
using BulkEnroll.HelpCompiler.Markdown;
using BulkEnroll.HelpCompiler.Metadata;

namespace BulkEnroll.HelpCompiler;

/// <summary>
/// docs/en-US/*.md + the cmdlets of an assembly → MAML. Nothing is written here: callers (the command line, the
/// tests) decide what to do with <see cref="Xml"/>, which is null whenever there is a problem.
/// </summary>
public sealed class HelpCompilation
{
    private HelpCompilation(IReadOnlyList<CmdletDescription> cmdlets, IReadOnlyList<CommandHelpDocument> documents, IReadOnlyList<HelpProblem> problems, string? xml)
    {
        Cmdlets = cmdlets;
        Documents = documents;
        Problems = problems;
        Xml = xml;
    }

    public IReadOnlyList<CmdletDescription> Cmdlets { get; }

    public IReadOnlyList<CommandHelpDocument> Documents { get; }

    public IReadOnlyList<HelpProblem> Problems { get; }

    public string? Xml { get; }

    public bool Succeeded => Problems.Count == 0;

    /// <summary>The file Get-Help looks for beside a binary module: &lt;AssemblyName&gt;.dll-Help.xml in a culture folder.</summary>
    public static string HelpFileName(Assembly assembly) => assembly.GetName().Name + ".dll-Help.xml";

    public static HelpCompilation Compile(string docsFolder, Assembly assembly)
    {
        if (!Directory.Exists(docsFolder))
        {
            throw new DirectoryNotFoundException($"The docs folder '{docsFolder}' does not exist.");
        }

        string moduleName = assembly.GetName().Name!;
        IReadOnlyList<CmdletDescription> cmdlets = CmdletReflector.Read(assembly);
        var problems = new List<HelpProblem>();
        List<CommandHelpDocument> documents = Directory.GetFiles(docsFolder, "*.md")
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => CommandHelpReader.Read(f, problems))
            .ToList();

        problems.AddRange(new HelpValidator(cmdlets, moduleName, HelpFileName(assembly)).Validate(documents));
        problems = problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ToList();
        if (problems.Count > 0)
        {
            return new HelpCompilation(cmdlets, documents, problems, null);
        }

        var pairs = cmdlets.Select(c => (c, documents.Single(d => string.Equals(d.Name, c.Name, StringComparison.OrdinalIgnoreCase))));
        return new HelpCompilation(cmdlets, documents, problems, MamlWriter.Write(pairs));
    }
}
