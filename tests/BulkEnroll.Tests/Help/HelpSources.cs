using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using BulkEnroll.HelpCompiler;
using BulkEnroll.HelpCompiler.Markdown;
using Xunit;

namespace BulkEnroll.Tests.Help;

/// <summary>Where the help's sources and the committed MAML live, which cmdlets the manifest exports, and their markdown as read.</summary>
internal static class HelpSources
{
    public const string RegenerateCommand =
        "./build.ps1 -Task Docs  (or: dotnet run --project tools/BulkEnroll.HelpCompiler -- docs/en-US en-US/BulkEnroll.dll-Help.xml)";

    public static string DocsFolder { get; } = RepositoryFiles.Path("docs", "en-US");

    public static string CommittedMaml { get; } = RepositoryFiles.Path("en-US", "BulkEnroll.dll-Help.xml");

    public static string AboutTopic { get; } = RepositoryFiles.Path("en-US", "about_BulkEnroll.help.txt");

    private static readonly ConcurrentDictionary<string, CommandHelpDocument> MarkdownCache = new(StringComparer.Ordinal);

    private static readonly Lazy<HelpCompilation> LazyCompilation =
        new(() => HelpCompilation.Compile(DocsFolder, typeof(BulkEnroll.Commands.AsyncCmdlet).Assembly));

    /// <summary>docs/en-US compiled against the built BulkEnroll.dll, once per test run.</summary>
    public static HelpCompilation Compilation => LazyCompilation.Value;

    /// <summary>CmdletsToExport of BulkEnroll.psd1, read with PowerShell's parser (no runspace needed).</summary>
    public static IReadOnlyList<string> ExportedCmdlets { get; } = ReadExportedCmdlets();

    /// <summary>The exported cmdlets as xunit theory data, one case per cmdlet.</summary>
    public static TheoryData<string> ExportedCmdletData()
    {
        var data = new TheoryData<string>();
        foreach (string name in ExportedCmdlets)
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>
    /// A cmdlet's docs/en-US/&lt;cmdlet&gt;.md as the compiler reads it, which must read without a problem. Each file is
    /// read once per test run, however many tests look at it.
    /// </summary>
    public static CommandHelpDocument Markdown(string cmdlet) => MarkdownCache.GetOrAdd(cmdlet, ReadMarkdown);

    private static CommandHelpDocument ReadMarkdown(string cmdlet)
    {
        string path = Path.Combine(DocsFolder, cmdlet + ".md");
        Assert.True(File.Exists(path), $"{cmdlet} has no docs/en-US/{cmdlet}.md.");
        var problems = new List<HelpProblem>();
        CommandHelpDocument document = CommandHelpReader.Read(path, problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        return document;
    }

    private static IReadOnlyList<string> ReadExportedCmdlets()
    {
        ScriptBlockAst manifest = Parser.ParseFile(RepositoryFiles.Path("BulkEnroll.psd1"), out _, out ParseError[] errors);
        if (errors.Length > 0)
        {
            throw new InvalidOperationException("BulkEnroll.psd1 does not parse: " + errors[0].Message);
        }

        var table = (HashtableAst)manifest.Find(a => a is HashtableAst, false)!;
        var exports = table.KeyValuePairs.Single(p => p.Item1 is StringConstantExpressionAst key && key.Value == "CmdletsToExport").Item2;
        return exports.FindAll(a => a is StringConstantExpressionAst, true).Cast<StringConstantExpressionAst>().Select(s => s.Value).ToList();
    }
}
