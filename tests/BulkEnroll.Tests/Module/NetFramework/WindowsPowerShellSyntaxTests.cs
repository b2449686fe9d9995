using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using Xunit;

namespace BulkEnroll.Tests.Module.NetFramework;

/// <summary>
/// Scripts meant for Windows PowerShell 5.1 (the examples admins paste into Intune remediations and GPO scripts, and
/// the module's own pre-import check) must not use syntax PowerShell 7 added: 5.1 would not even parse them. An
/// example claims 5.1 unless it says <c>#Requires -Version 6</c> or later, or <c>-PSEdition Core</c>.
/// </summary>
public sealed class WindowsPowerShellSyntaxTests
{
    public static IEnumerable<object[]> ScriptsFor51()
    {
        IEnumerable<string> examples = Directory.EnumerateFiles(RepositoryFiles.Path("examples"), "*.ps*1", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".psm1", StringComparison.OrdinalIgnoreCase))
            .Where(ClaimsWindowsPowerShell);
        return examples.Append(RepositoryFiles.Path("src", "BulkEnroll", "Loading", "BulkEnroll.Requirements.ps1"))
            .Select(f => new object[] { System.IO.Path.GetRelativePath(RepositoryFiles.Root, f) });
    }

    [Theory]
    [MemberData(nameof(ScriptsFor51))]
    public void UsesOnlyWindowsPowerShell51Syntax(string relativePath)
    {
        ScriptBlockAst ast = Parser.ParseFile(RepositoryFiles.Path(relativePath), out _, out ParseError[] errors);
        Assert.Empty(errors);
        List<string> found = Powershell7Only(ast);
        Assert.True(found.Count == 0, $"{relativePath} uses syntax Windows PowerShell 5.1 cannot parse or run:\n" + string.Join("\n", found));
    }

    [Fact]
    public void TheRemediationExampleIsAmongTheScriptsChecked()
        => Assert.Contains(ScriptsFor51(), row => ((string)row[0]).Replace('\\', '/') == "examples/Remediation/Detect-BulkEnrollment.ps1");

    [Theory]
    [InlineData("$a = $b ?? 'x'")]
    [InlineData("$a ??= 1")]
    [InlineData("$a = ${b}?.Name")] // $b?.Name would be a variable named "b?", in 7 as in 5.1
    [InlineData("$a = ${b}?[0]")]
    [InlineData("git fetch && git merge")]
    [InlineData("Test-Path x || exit 1")]
    [InlineData("$a = $b ? 1 : 2")]
    [InlineData("1..3 | ForEach-Object -Parallel { $_ }")]
    [InlineData("1..3 | % -Parallel { $_ }")]
    [InlineData("function f { process { } clean { } }")]
    public void RejectsEachPowerShell7Construct(string script)
        => Assert.NotEmpty(Powershell7Only(Parser.ParseInput(script, out _, out _)));

    [Fact]
    public void AcceptsPlain51Code()
        => Assert.Empty(Powershell7Only(Parser.ParseInput("if ($null -eq $b) { $a = 'x' } else { $a = $b }; 1..3 | ForEach-Object { $_ }", out _, out _)));

    private static bool ClaimsWindowsPowerShell(string path)
    {
        ScriptRequirements? requires = Parser.ParseFile(path, out _, out _).ScriptRequirements;
        bool coreOnly = requires?.RequiredPSEditions?.Any(e => string.Equals(e, "Core", StringComparison.OrdinalIgnoreCase)) == true
            && requires.RequiredPSEditions.All(e => !string.Equals(e, "Desktop", StringComparison.OrdinalIgnoreCase));
        return !coreOnly && (requires?.RequiredPSVersion == null || requires.RequiredPSVersion.Major < 6);
    }

    private static List<string> Powershell7Only(Ast ast)
    {
        var found = new List<string>();
        foreach (Ast node in ast.FindAll(_ => true, searchNestedScriptBlocks: true))
        {
            string? what = node switch
            {
                TernaryExpressionAst => "ternary ?:",
                PipelineChainAst => "&& / ||",
                BinaryExpressionAst { Operator: TokenKind.QuestionQuestion } => "??",
                AssignmentStatementAst { Operator: TokenKind.QuestionQuestionEquals } => "??=",
                MemberExpressionAst { NullConditional: true } => "?.",
                IndexExpressionAst { NullConditional: true } => "?[]",
                NamedBlockAst { BlockKind: TokenKind.Clean } => "clean block",
                CommandAst command when IsParallelForEach(command) => "ForEach-Object -Parallel",
                _ => null,
            };
            if (what != null)
            {
                found.Add($"line {node.Extent.StartLineNumber}: {what}: {node.Extent.Text.Split('\n')[0].Trim()}");
            }
        }

        return found;
    }

    private static bool IsParallelForEach(CommandAst command)
    {
        string? name = command.GetCommandName();
        return (string.Equals(name, "ForEach-Object", StringComparison.OrdinalIgnoreCase) || name == "%" || string.Equals(name, "foreach", StringComparison.OrdinalIgnoreCase))
            && command.CommandElements.OfType<CommandParameterAst>().Any(p => "Parallel".StartsWith(p.ParameterName, StringComparison.OrdinalIgnoreCase) && p.ParameterName.Length >= 2);
    }
}
