using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using BulkEnroll.HelpCompiler.Markdown;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Help;

/// <summary>
/// What an admin sees: in a runspace that imported the built module folder, `Get-Help &lt;cmdlet&gt; -Full` shows the
/// synopsis, every parameter Get-Command knows, and every example's code; `Get-Help about_BulkEnroll` finds the topic.
/// The console wraps long lines anywhere, so texts are compared with all whitespace removed.
/// </summary>
public sealed class GetHelpTests : IClassFixture<GetHelpTests.HelpRunspace>
{
    private readonly PowerShellSession _session;

    public GetHelpTests(HelpRunspace runspace)
    {
        _session = runspace.Session;
        _session.ClearHostText();
    }

    [Theory]
    [MemberData(nameof(HelpSources.ExportedCmdletData), MemberType = typeof(HelpSources))]
    public void FullHelpShowsTheSynopsisEveryParameterAndEveryExample(string cmdlet)
    {
        CommandHelpDocument markdown = HelpSources.Markdown(cmdlet);

        List<string> all = _session.Run("(Get-Command -Name $args[0]).Parameters.Keys", cmdlet).ThrowIfErrors().Output.Select(o => o.ToString()).ToList();
        Assert.NotEmpty(all); // the common parameters at least: Get-Command found the cmdlet
        List<string> parameters = all.Where(p => !Cmdlet.CommonParameters.Contains(p)).ToList();
        _session.Run("Get-Help -Name $args[0] -Full | Out-Host", cmdlet).ThrowIfErrors();
        string shown = _session.HostText;
        string flat = Flatten(shown);

        Assert.DoesNotContain("cannot find the Help files", shown, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Flatten("NAME " + cmdlet + " SYNOPSIS " + markdown.Synopsis.Single()), flat);

        string parameterSection = Section(shown, "PARAMETERS", "INPUTS");
        foreach (string parameter in parameters)
        {
            Assert.True(Regex.IsMatch(parameterSection, $@"(?m)^\s+-{parameter} (<|\[<)"),
                $"Get-Help {cmdlet} -Full does not show -{parameter} under PARAMETERS.");
        }

        foreach (HelpExample example in markdown.Examples)
        {
            Assert.True(flat.Contains(Flatten($"Example {example.Number}: {example.Title}"), StringComparison.Ordinal), $"{cmdlet}: example {example.Number}'s title is not shown.");
            Assert.True(flat.Contains(Flatten(example.Code), StringComparison.Ordinal), $"{cmdlet}: example {example.Number}'s code is not shown.");
        }
    }

    [Fact]
    public void CmdletsWithoutParametersOfTheirOwnStillShowTheirHelp()
    {
        _session.Run("Get-Help Get-BulkEnrollConnection -Full | Out-Host").ThrowIfErrors();

        Assert.Contains(Flatten(HelpSources.Markdown("Get-BulkEnrollConnection").Synopsis.Single()), Flatten(_session.HostText));
        Assert.Contains("<CommonParameters>", _session.HostText);
    }

    [Fact]
    public void GetHelpFindsTheAboutTopic()
    {
        string topic = File.ReadAllText(HelpSources.AboutTopic);
        string shortDescription = Section(topic, "SHORT DESCRIPTION", "LONG DESCRIPTION");

        _session.Run("Get-Help -Name about_BulkEnroll | Out-Host").ThrowIfErrors();

        Assert.StartsWith("TOPIC", topic.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(Flatten("TOPIC about_BulkEnroll"), Flatten(_session.HostText));
        Assert.Contains(Flatten(shortDescription), Flatten(_session.HostText));
    }

    [Fact]
    public void TheAboutTopicNamesEveryExportedCmdlet()
    {
        string topic = File.ReadAllText(HelpSources.AboutTopic);

        Assert.All(HelpSources.ExportedCmdlets, c => Assert.Contains(c, topic, StringComparison.Ordinal));
    }

    /// <summary>One runspace with the module imported for the whole class, so Get-Help loads the help file once.</summary>
    public sealed class HelpRunspace : IDisposable
    {
        public PowerShellSession Session { get; } = new();

        public void Dispose() => Session.Dispose();
    }

    private static string Section(string text, string from, string to)
    {
        int start = text.IndexOf("\n" + from + "\n", StringComparison.Ordinal);
        start = start < 0 && text.StartsWith(from + "\n", StringComparison.Ordinal) ? 0 : start;
        Assert.True(start >= 0, $"No {from} section in:\n{text}");
        int end = text.IndexOf("\n" + to, start + from.Length, StringComparison.Ordinal);
        return end < 0 ? text.Substring(start) : text.Substring(start + from.Length + 1, end - start - from.Length - 1);
    }

    private static string Flatten(string text) => Regex.Replace(text, @"\s+", string.Empty);
}
