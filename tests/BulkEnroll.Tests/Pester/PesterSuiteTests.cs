using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Xunit;

namespace BulkEnroll.Tests.Pester;

/// <summary>
/// The shape of the Pester suites, checked before build.ps1 -Task Test runs them in the real pwsh: they parse, use
/// Pester 5's block structure (code outside the blocks would run at discovery), and together cover every exported
/// cmdlet.
/// </summary>
public sealed class PesterSuiteTests
{
    private static readonly string RepoRoot = RepositoryFiles.Root;

    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(RepoRoot, "tests", "Pester"), "*.ps1")
                     .Concat(Directory.Exists(Path.Combine(RepoRoot, "examples")) ? Directory.EnumerateFiles(Path.Combine(RepoRoot, "examples"), "*.ps1", SearchOption.AllDirectories) : Enumerable.Empty<string>())
                     .Append(Path.Combine(RepoRoot, "build.ps1")))
        {
            data.Add(Path.GetRelativePath(RepoRoot, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void ScriptParsesWithoutErrors(string relativePath)
    {
        Parser.ParseFile(Path.Combine(RepoRoot, relativePath), out _, out ParseError[] errors);
        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}")));
    }

    [Fact]
    public void EverySuiteIsPester5ShapedAndImportsTheBuiltModule()
    {
        var suites = Directory.GetFiles(Path.Combine(RepoRoot, "tests", "Pester"), "*.Tests.ps1");
        Assert.NotEmpty(suites);
        foreach (string suite in suites)
        {
            Ast ast = Parser.ParseFile(suite, out _, out _);
            var commands = ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>().Select(c => c.GetCommandName()).Where(n => n != null).ToList();
            Assert.Contains("BeforeAll", commands);
            Assert.Contains("Describe", commands);
            Assert.Contains("It", commands);
            Assert.Contains("Import-Module", commands);
            // Pester 5 runs code outside BeforeAll/It at discovery time only: no test logic may live there.
            var topLevel = ((ScriptBlockAst)ast).EndBlock.Statements.OfType<PipelineAst>()
                .Select(p => (p.PipelineElements[0] as CommandAst)?.GetCommandName()).ToList();
            Assert.All(topLevel, name => Assert.Contains(name, new[] { "BeforeAll", "AfterAll", "Describe", "BeforeDiscovery" }));
        }
    }

    [Fact]
    public void EveryExportedCmdletIsExercisedByAPesterSuite()
    {
        string allSuites = string.Join("\n", Directory.GetFiles(Path.Combine(RepoRoot, "tests", "Pester"), "*.ps1").Select(File.ReadAllText));
        var cmdlets = typeof(BulkEnroll.Commands.AsyncCmdlet).Assembly.GetTypes()
            .Select(t => t.GetCustomAttributes(typeof(CmdletAttribute), false).OfType<CmdletAttribute>().SingleOrDefault())
            .Where(a => a != null)
            .Select(a => a!.VerbName + "-" + a.NounName);
        Assert.All(cmdlets, cmdlet => Assert.Contains(cmdlet, allSuites));
    }
}
