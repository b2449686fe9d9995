using Xunit;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;

namespace BulkEnroll.Tests.Help;

/// <summary>Where the help's sources and the committed MAML live, and which cmdlets the manifest exports.</summary>
internal static class HelpSources
{
    public const string RegenerateCommand =
        "./build.ps1 -Task Docs  (or: dotnet run --project tools/BulkEnroll.HelpCompiler -- docs/en-US en-US/BulkEnroll.dll-Help.xml)";

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string DocsFolder => Path.Combine(RepoRoot, "docs", "en-US");

    public static string CommittedMaml => Path.Combine(RepoRoot, "en-US", "BulkEnroll.dll-Help.xml");

    public static string AboutTopic => Path.Combine(RepoRoot, "en-US", "about_BulkEnroll.help.txt");

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

    private static IReadOnlyList<string> ReadExportedCmdlets()
    {
        ScriptBlockAst manifest = Parser.ParseFile(Path.Combine(RepoRoot, "BulkEnroll.psd1"), out _, out ParseError[] errors);
        if (errors.Length > 0)
        {
            throw new InvalidOperationException("BulkEnroll.psd1 does not parse: " + errors[0].Message);
        }

        var table = (HashtableAst)manifest.Find(a => a is HashtableAst, false)!;
        var exports = table.KeyValuePairs.Single(p => p.Item1 is StringConstantExpressionAst key && key.Value == "CmdletsToExport").Item2;
        return exports.FindAll(a => a is StringConstantExpressionAst, true).Cast<StringConstantExpressionAst>().Select(s => s.Value).ToList();
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BulkEnroll.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("No BulkEnroll.sln above " + AppContext.BaseDirectory);
    }
}
