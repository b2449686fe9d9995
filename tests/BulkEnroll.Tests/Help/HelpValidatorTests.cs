using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BulkEnroll.HelpCompiler;
using BulkEnroll.HelpCompiler.Checks;
using BulkEnroll.HelpCompiler.Markdown;
using BulkEnroll.HelpCompiler.Metadata;
using Xunit;

namespace BulkEnroll.Tests.Help;

/// <summary>
/// The compiler refuses help that drifted from the code, and says where: each test breaks one thing in an otherwise
/// valid page (Get-BulkEnrollDeviceSpace.md) and checks the message that names it.
/// </summary>
public sealed class HelpValidatorTests
{
    private const string Cmdlet = "Get-BulkEnrollDeviceSpace";

    private static readonly IReadOnlyList<CmdletDescription> Cmdlets = HelpSources.Compilation.Cmdlets;

    private static readonly string ValidPage = File.ReadAllText(Path.Combine(HelpSources.DocsFolder, Cmdlet + ".md")).Replace("\r\n", "\n");

    [Fact]
    public void TheUnchangedPageIsValid()
    {
        Assert.Empty(Problems(ValidPage));
    }

    [Fact]
    public void AParameterWithoutDescriptionIsReported()
        => AssertReported(Cut(ValidPage, "### -Name", "## INPUTS"), "-Name has no description");

    [Fact]
    public void AParameterTheCmdletDoesNotHaveIsReported()
        => AssertReported(Replaced("### -Name", "### -Nmae"), "-Nmae is not a parameter of Get-BulkEnrollDeviceSpace", "-Name has no description");

    [Fact]
    public void CommonParametersAreImpliedNotDescribed()
        => AssertReported(Replaced("## INPUTS", "### -Verbose\nSays more.\n\n## INPUTS"), "common parameters are implied");

    [Fact]
    public void ParameterFactsInTheMarkdownAreRefused()
        => AssertReported(Replaced("### -Name\n", "### -Name\n```yaml\nType: String\nRequired: False\n```\n"), "parameter facts come from the assembly");

    [Fact]
    public void FewerThanTwoExamplesAreReported()
        => AssertReported(Cut(ValidPage, "### Example 2", "## PARAMETERS"), "1 example(s); every cmdlet needs at least 2");

    [Fact]
    public void AnExampleUsingAParameterThatDoesNotExistIsReported()
    {
        List<string> problems = AssertReported(Replaced("Get-BulkEnrollDeviceSpace -Name 'Par*'", "Get-BulkEnrollDeviceSpace -Nam 'Par*' -Space 1"),
            "Get-BulkEnrollDeviceSpace -Space: the cmdlet has no such parameter");
        Assert.DoesNotContain(problems, p => p.Contains("-Nam:", StringComparison.Ordinal)); // a unique prefix binds, as in PowerShell
    }

    [Fact]
    public void AnExampleThatDoesNotParseIsReported()
        => AssertReported(Replaced("Get-BulkEnrollDeviceSpace\n```", "Get-BulkEnrollDeviceSpace | ForEach-Object {\n```"), "does not parse as PowerShell");

    [Fact]
    public void OutputsMustMatchOutputType()
        => AssertReported(Replaced("### BulkEnroll.DeviceSpace", "### BulkEnroll.DeviceSpaceInfo"),
            "'BulkEnroll.DeviceSpaceInfo' is not in Get-BulkEnrollDeviceSpace's [OutputType]", "[OutputType] declares BulkEnroll.DeviceSpace");

    [Fact]
    public void AMissingSynopsisAndABrokenLinkAreReported()
        => AssertReported(Cut(ValidPage, "Gets the device spaces", "## DESCRIPTION").Replace("[Connect-BulkEnroll](Connect-BulkEnroll.md)", "[Connect-Bulk](Connect-Bulk.md)", StringComparison.Ordinal),
            "no synopsis", "the link [Connect-Bulk] names no cmdlet");

    [Fact]
    public void ProblemsNameTheFileAndLine()
    {
        string page = Replaced("### -Name", "### -Nmae");
        int line = page.Split('\n').ToList().FindIndex(l => l == "### -Nmae") + 1;

        Assert.Contains($"{Cmdlet}.md:{line}: -Nmae is not a parameter", string.Join("\n", Problems(page)), StringComparison.Ordinal);
    }

    [Fact]
    public void ACmdletWithoutMarkdownIsReported()
    {
        var validator = new HelpValidator(Cmdlets, "BulkEnroll", "BulkEnroll.dll-Help.xml");

        List<HelpProblem> problems = validator.Validate(new[] { Parse(ValidPage, new List<HelpProblem>()) }).ToList();

        Assert.Contains(problems, p => p.Message == "Set-DeviceAssignment has no help: write docs/en-US/Set-DeviceAssignment.md.");
    }

    /// <summary>Each message is among the page's problems; returns them all for further checks.</summary>
    private static List<string> AssertReported(string page, params string[] messages)
    {
        List<string> problems = Problems(page);
        foreach (string message in messages)
        {
            Assert.Contains(problems, p => p.Contains(message, StringComparison.Ordinal));
        }

        return problems;
    }

    /// <summary>The valid page with one piece of text replaced, which must be there to replace.</summary>
    private static string Replaced(string text, string replacement)
    {
        Assert.Contains(text, ValidPage, StringComparison.Ordinal);
        return ValidPage.Replace(text, replacement, StringComparison.Ordinal);
    }

    private static List<string> Problems(string page)
    {
        var problems = new List<HelpProblem>();
        CommandHelpDocument document = Parse(page, problems);
        var validator = new HelpValidator(Cmdlets, "BulkEnroll", "BulkEnroll.dll-Help.xml");
        // Only this page is given, so every other cmdlet is reported undocumented; that is not what these tests look at.
        problems.AddRange(validator.Validate(new[] { document }).Where(p => p.File == Cmdlet + ".md"));
        return problems.Select(p => p.ToString()).ToList();
    }

    private static CommandHelpDocument Parse(string page, List<HelpProblem> problems)
        => CommandHelpReader.Parse(Cmdlet + ".md", page, problems);

    /// <summary>The page without the text from <paramref name="from"/> up to (not including) <paramref name="to"/>.</summary>
    private static string Cut(string page, string from, string to)
    {
        int start = page.IndexOf(from, StringComparison.Ordinal);
        int end = page.IndexOf(to, start, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"'{from}' ... '{to}' not found in the page.");
        return page.Substring(0, start) + page.Substring(end);
    }
}
