using System;
using System.IO;
using System.Linq;
using BulkEnroll.HelpCompiler;
using Xunit;

namespace BulkEnroll.Tests.Help;

/// <summary>
/// The committed MAML is exactly what the markdown and the built BulkEnroll.dll compile to, so help can only change
/// through its one source, and a parameter added to the code without help fails here rather than on a user's screen.
/// </summary>
public sealed class CompiledHelpTests
{
    [Fact]
    public void TheMarkdownCompilesAgainstTheBuiltModule()
    {
        HelpCompilation compilation = HelpSources.Compilation;

        Assert.True(compilation.Succeeded,
            $"docs/en-US does not match BulkEnroll.dll ({compilation.Problems.Count} problem(s)):\n  "
            + string.Join("\n  ", compilation.Problems));
    }

    [Fact]
    public void TheCommittedHelpIsWhatTheMarkdownCompilesTo()
    {
        HelpCompilation compilation = HelpSources.Compilation;
        Assert.True(compilation.Succeeded, "The markdown does not compile; see TheMarkdownCompilesAgainstTheBuiltModule.");
        Assert.True(File.Exists(HelpSources.CommittedMaml), $"{HelpSources.CommittedMaml} is missing. Run {HelpSources.RegenerateCommand}.");

        string committed = Normalize(File.ReadAllText(HelpSources.CommittedMaml));
        string expected = Normalize(compilation.Xml!);

        if (committed != expected)
        {
            Assert.Fail($"en-US/BulkEnroll.dll-Help.xml is stale ({FirstDifference(committed, expected)}). Regenerate it: {HelpSources.RegenerateCommand}, then commit it.");
        }
    }

    [Fact]
    public void TheModuleUnderTestShipsTheCommittedHelp()
    {
        string shipped = Path.Combine(AppContext.BaseDirectory, "en-US", "BulkEnroll.dll-Help.xml");

        Assert.True(File.Exists(shipped), $"The module folder under test has no {shipped}; the build copies en-US/* there.");
        Assert.True(Normalize(File.ReadAllText(shipped)) == Normalize(File.ReadAllText(HelpSources.CommittedMaml)),
            "The module folder under test holds an older BulkEnroll.dll-Help.xml than en-US/: rebuild (dotnet build BulkEnroll.sln).");
    }

    [Fact]
    public void EveryCmdletOfTheAssemblyIsExportedAndDocumented()
    {
        HelpCompilation compilation = HelpSources.Compilation;

        Assert.Equal(compilation.Cmdlets.Select(c => c.Name).OrderBy(n => n), HelpSources.ExportedCmdlets.OrderBy(n => n));
        Assert.Equal(compilation.Cmdlets.Select(c => c.Name).OrderBy(n => n), compilation.Documents.Select(d => d.Name).OrderBy(n => n));
    }

    // A checkout with CRLF line endings (core.autocrlf) holds the same help.
    private static string Normalize(string text) => text.Replace("\r\n", "\n");

    private static string FirstDifference(string committed, string expected)
    {
        string[] have = committed.Split('\n');
        string[] want = expected.Split('\n');
        for (int i = 0; i < Math.Min(have.Length, want.Length); i++)
        {
            if (have[i] != want[i])
            {
                return $"first difference at line {i + 1}: committed '{have[i].Trim()}', compiled '{want[i].Trim()}'";
            }
        }

        return $"committed {have.Length} lines, compiled {want.Length}";
    }
}
