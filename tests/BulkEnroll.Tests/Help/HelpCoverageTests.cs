using System;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using BulkEnroll.HelpCompiler.Markdown;
using Xunit;

namespace BulkEnroll.Tests.Help;

/// <summary>
/// Every exported cmdlet has its markdown, with a synopsis, two examples or more and a description for each
/// parameter PowerShell itself finds on the cmdlet (its own CommandMetadata, not the compiler's reflection); and
/// the examples, taken together, show the scenarios admins ask for.
/// </summary>
public sealed class HelpCoverageTests
{
    [Theory]
    [MemberData(nameof(HelpSources.ExportedCmdletData), MemberType = typeof(HelpSources))]
    public void TheCmdletHasMarkdownWithSynopsisDescriptionAndExamples(string cmdlet)
    {
        CommandHelpDocument help = HelpSources.Markdown(cmdlet);

        Assert.Equal(cmdlet, help.Name);
        Assert.Single(help.Synopsis);
        Assert.NotEmpty(help.Description);
        Assert.True(help.Examples.Count >= 2, $"{cmdlet} has {help.Examples.Count} example(s); at least 2 are needed.");
        Assert.All(help.Examples, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Code), $"{cmdlet} example {e.Number} has no code.");
            Assert.NotEmpty(e.Remarks);
        });
        Assert.NotEmpty(help.Inputs);
        Assert.NotEmpty(help.Outputs);
        Assert.NotEmpty(help.Notes);
    }

    [Theory]
    [MemberData(nameof(HelpSources.ExportedCmdletData), MemberType = typeof(HelpSources))]
    public void EveryParameterOfTheCmdletIsDescribed(string cmdlet)
    {
        CommandHelpDocument help = HelpSources.Markdown(cmdlet);
        Type type = ImplementingType(cmdlet);
        var metadata = new CommandMetadata(type);
        var expected = metadata.Parameters.Keys.Where(p => !Cmdlet.CommonParameters.Contains(p)).ToList();
        if (metadata.SupportsShouldProcess)
        {
            expected.AddRange(Cmdlet.OptionalCommonParameters.Where(p => p is "WhatIf" or "Confirm"));
        }

        Assert.Equal(expected.OrderBy(p => p, StringComparer.Ordinal), help.Parameters.Select(p => p.Name).OrderBy(p => p, StringComparer.Ordinal));
        Assert.All(help.Parameters, p => Assert.True(p.Description.Count > 0, $"{cmdlet} -{p.Name} has no description."));
    }

    [Theory]
    [InlineData("CSV assignment", @"Import-Csv\s+\S+\s*\|\s*Set-DeviceAssignment")]
    [InlineData("a -WhatIf dry run of an assignment", @"Set-DeviceAssignment[^\n]*-WhatIf")]
    [InlineData("parallel runspaces with -Connection $using:", @"ForEach-Object -Parallel[\s\S]*-Connection \$using:\w+")]
    [InlineData("Pester validation of packages", @"Test-BulkEnrollPackage[^\n]*-Quiet\s*\|\s*Should -BeTrue")]
    [InlineData("an unattended script that stops on errors", @"-ErrorAction Stop")]
    [InlineData("try/catch on FullyQualifiedErrorId", @"catch\s*\{[\s\S]*FullyQualifiedErrorId")]
    public void TheExamplesShowWhatAdminsAskFor(string scenario, string pattern)
    {
        var examples = HelpSources.ExportedCmdlets.SelectMany(c => HelpSources.Markdown(c).Examples).Select(e => e.Code);

        Assert.True(examples.Any(code => Regex.IsMatch(code, pattern)), $"No example shows {scenario} (/{pattern}/).");
    }

    private static Type ImplementingType(string cmdlet)
        => typeof(BulkEnroll.Commands.AsyncCmdlet).Assembly.GetExportedTypes()
            .Single(t => t.GetCustomAttributes(typeof(CmdletAttribute), false).Cast<CmdletAttribute>()
                .Any(a => string.Equals(a.VerbName + "-" + a.NounName, cmdlet, StringComparison.OrdinalIgnoreCase)));
}
