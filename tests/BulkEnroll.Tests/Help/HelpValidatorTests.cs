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

    private static readonly IReadOnlyList<CmdletDescription> Cmdlets = CmdletReflector.Read(typeof(BulkEnroll.Commands.AsyncCmdlet).Assembly);

    private static readonly string ValidPage = File.ReadAllText(Path.Combine(HelpSources.DocsFolder, Cmdlet + ".md"));

    [Fact]
    public void TheUnchangedPageIsValid()
    {
        Assert.Empty(Problems(ValidPage));
    }

    [Fact]
    public void AParameterWithoutDescriptionIsReported()
    {
        string page = Cut(ValidPage, "### -Name", "## INPUTS");

        Assert.Contains(Problems(page), p => p.Contains("-Name has no description", StringComparison.Ordinal));
    }

    [Fact]
    public void AParameterTheCmdletDoesNotHaveIsReported()
    {
        string page = ValidPage.Replace("### -Name", "### -Nmae", StringComparison.Ordinal);

        List<string> problems = Problems(page);
        Assert.Contains(problems, p => p.Contains("-Nmae is not a parameter of Get-BulkEnrollDeviceSpace", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("-Name has no description", StringComparison.Ordinal));
    }

    [Fact]
    public void CommonParametersAreImpliedNotDescribed()
    {
        string page = ValidPage.Replace("## INPUTS", "### -Verbose\nSays more.\n\n## INPUTS", StringComparison.Ordinal);

        Assert.Contains(Problems(page), p => p.Contains("common parameters are implied", StringComparison.Ordinal));
    }

    [Fact]
    public void ParameterFactsInTheMarkdownAreRefused()
    {
        string page = ValidPage.Replace("### -Name\n", "### -Name\n```yaml\nType: String\nRequired: False\n```\n", StringComparison.Ordinal);

        Assert.Contains(Problems(page), p => p.Contains("parameter facts come from the assembly", StringComparison.Ordinal));
    }

    [Fact]
    public void FewerThanTwoExamplesAreReported()
    {
        string page = Cut(ValidPage, "### Example 2", "## PARAMETERS");

        Assert.Contains(Problems(page), p => p.Contains("1 example(s); every cmdlet needs at least 2", StringComparison.Ordinal));
    }

    [Fact]
    public void AnExampleUsingAParameterThatDoesNotExistIsReported()
    {
        string page = ValidPage.Replace("Get-BulkEnrollDeviceSpace -Name 'Par*'", "Get-BulkEnrollDeviceSpace -Nam 'Par*' -Space 1", StringComparison.Ordinal);

        List<string> problems = Problems(page);
        Assert.Contains(problems, p => p.Contains("Get-BulkEnrollDeviceSpace -Space: the cmdlet has no such parameter", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("-Nam:", StringComparison.Ordinal)); // a unique prefix binds, as in PowerShell
    }

    [Fact]
    public void AnExampleThatDoesNotParseIsReported()
    {
        string page = ValidPage.Replace("Get-BulkEnrollDeviceSpace\n```", "Get-BulkEnrollDeviceSpace | ForEach-Object {\n```", StringComparison.Ordinal);

        Assert.Contains(Problems(page), p => p.Contains("does not parse as PowerShell", StringComparison.Ordinal));
    }

    [Fact]
    public void OutputsMustMatchOutputType()
    {
        string page = ValidPage.Replace("### BulkEnroll.DeviceSpace", "### BulkEnroll.DeviceSpaceInfo", StringComparison.Ordinal);

        List<string> problems = Problems(page);
        Assert.Contains(problems, p => p.Contains("'BulkEnroll.DeviceSpaceInfo' is not in Get-BulkEnrollDeviceSpace's [OutputType]", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("[OutputType] declares BulkEnroll.DeviceSpace", StringComparison.Ordinal));
    }

    [Fact]
    public void AMissingSynopsisAndABrokenLinkAreReported()
    {
        string page = Cut(ValidPage, "Gets the device spaces", "## DESCRIPTION").Replace("[Connect-BulkEnroll](Connect-BulkEnroll.md)", "[Connect-Bulk](Connect-Bulk.md)", StringComparison.Ordinal);

        List<string> problems = Problems(page);
        Assert.Contains(problems, p => p.Contains("no synopsis", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("the link [Connect-Bulk] names no cmdlet", StringComparison.Ordinal));
    }

    [Fact]
    public void ProblemsNameTheFileAndLine()
    {
        string page = ValidPage.Replace("### -Name", "### -Nmae", StringComparison.Ordinal);
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
        => CommandHelpReader.Parse(Cmdlet + ".md", page.Replace("\r\n", "\n"), problems);

    /// <summary>The page without the text from <paramref name="from"/> up to (not including) <paramref name="to"/>.</summary>
    private static string Cut(string page, string from, string to)
    {
        int start = page.IndexOf(from, StringComparison.Ordinal);
        int end = page.IndexOf(to, start, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"'{from}' ... '{to}' not found in the page.");
        return page.Substring(0, start) + page.Substring(end);
    }
}
