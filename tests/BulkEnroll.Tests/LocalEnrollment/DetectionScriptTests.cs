using System;
using System.Management.Automation.Language;
using BulkEnroll.LocalEnrollment;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.LocalEnrollment;

/// <summary>
/// Runs examples/Remediation/Detect-BulkEnrollment.ps1 as Intune would (a script whose exit code and last output line
/// are read), on fake PCs: the exit code, the single line it writes, and that it never writes an error or throws.
/// </summary>
[Collection(LocalEnrollmentSourcesCollection.Name)]
public sealed class DetectionScriptTests : IDisposable
{
    private static readonly string Script = RepositoryFiles.Path("examples", "Remediation", "Detect-BulkEnrollment.ps1");

    private FakeMachine? _machine;

    public void Dispose()
    {
        _machine?.Dispose();
        LocalEnrollmentSources.Reset();
    }

    private (int ExitCode, string Line) Detect(InMemoryRegistry? registry, string parameters = "", bool moduleImported = true)
    {
        _machine = registry != null ? FakeMachine.Windows(registry) : FakeMachine.NotWindows();
        using var shell = new PowerShellSession(importModule: moduleImported);

        // A fresh module path by default: the script must find the module itself when it is not imported.
        var result = shell.Run("$global:LASTEXITCODE = -1; & $args[0] " + parameters + "; $LASTEXITCODE", Script, PowerShellSession.ModuleManifestPath);

        Assert.Empty(result.ErrorIds);
        Assert.Null(result.Terminating);
        Assert.Empty(result.Warnings);
        Assert.Equal(2, result.Output.Count);
        string line = result.Output[0].ToString();
        Assert.DoesNotContain('\n', line);
        Assert.True(line.Length <= 2048);
        return ((int)result.Output[1].BaseObject, line);
    }

    [Fact]
    public void ABulkEnrolledPcIsCompliant()
    {
        var (exitCode, line) = Detect(Machines.BulkEnrolledPc());

        Assert.Equal(0, exitCode);
        Assert.StartsWith("Compliant: enrolled in MDM as " + Machines.GenericUpn, line);
        Assert.Contains(Machines.IvantiDiscovery, line);
        Assert.Contains(Machines.IvantiId, line);
    }

    [Fact]
    public void APcAlsoEnrolledInIntuneByItsUserIsStillCompliant()
    {
        Assert.Equal(0, Detect(Machines.MixedPc()).ExitCode);
    }

    [Fact]
    public void APcEnrolledOnlyUnderItsRealUserIsNotCompliantAndTheLineSaysAsWhom()
    {
        var (exitCode, line) = Detect(Machines.IntunePc());

        Assert.Equal(1, exitCode);
        Assert.Equal("Not compliant: enrolled in MDM as " + Machines.RealUpn + ", not as windows-bulkenroll*.", line);
    }

    [Fact]
    public void AnIncompleteEnrollmentIsNotCompliant()
    {
        var (exitCode, line) = Detect(new InMemoryRegistry().WindowsBookkeeping().IvantiBulkEnrollment(state: 3));

        Assert.Equal(1, exitCode);
        Assert.Contains("did not complete (EnrollmentState 3)", line);
    }

    [Fact]
    public void ANeverEnrolledPcIsNotCompliant()
    {
        var (exitCode, line) = Detect(Machines.NeverEnrolledPc());

        Assert.Equal(1, exitCode);
        Assert.Equal("Not compliant: no MDM enrollment as windows-bulkenroll* on this PC.", line);
    }

    [Theory]
    [InlineData("-UserPrincipalName 'windows-bulkenroll-site-paris@*'", 0)]
    [InlineData("-UserPrincipalName 'windows-bulkenroll-lab-*'", 1)]
    [InlineData("-RequireIvanti", 0)]
    public void TheConditionFollowsTheParameters(string parameters, int expected)
    {
        Assert.Equal(expected, Detect(Machines.BulkEnrolledPc(), parameters).ExitCode);
    }

    [Fact]
    public void RequireIvantiRejectsAGenericEnrollmentWithAnotherService()
    {
        var registry = new InMemoryRegistry().Key(Machines.Enrollments + @"\" + Machines.IvantiId,
            ("UPN", Machines.GenericUpn), ("ProviderID", "Other MDM"), ("DiscoveryServiceFullURL", "https://mdm.example.net/EnrollmentServer/Discovery.svc"),
            ("EnrollmentState", 1));

        Assert.Equal(0, Detect(registry).ExitCode);
        var (exitCode, line) = Detect(registry, "-RequireIvanti");
        Assert.Equal(1, exitCode);
        Assert.Contains("but not with Ivanti", line);
    }

    [Fact]
    public void RequireIvantiNamesTheCompletedEnrollmentRatherThanAnIncompleteOne()
    {
        var registry = new InMemoryRegistry().IvantiBulkEnrollment(state: 3).Key(Machines.Enrollments + @"\" + Machines.IntuneId,
            ("UPN", "windows-bulkenroll-lab@contoso.com"), ("ProviderID", "Other MDM"), ("DiscoveryServiceFullURL", "https://mdm.example.net/EnrollmentServer/Discovery.svc"),
            ("EnrollmentState", 1));

        var (exitCode, line) = Detect(registry, "-RequireIvanti");

        Assert.Equal(1, exitCode);
        Assert.Equal("Not compliant: enrolled as windows-bulkenroll-lab@contoso.com, but not with Ivanti (discovery https://mdm.example.net/EnrollmentServer/Discovery.svc).", line);
    }

    [Fact]
    public void AnUnreadableOtherEnrollmentDoesNotHideTheGenericOne()
    {
        var registry = Machines.MixedPc().Deny(Machines.Enrollments + @"\" + Machines.IntuneId);

        Assert.Equal(0, Detect(registry).ExitCode);
    }

    [Fact]
    public void UnreadableEnrollmentsAreMentionedWhenNothingQualifies()
    {
        var registry = Machines.IntunePc().Deny(Machines.Enrollments + @"\" + Machines.IntuneId);

        var (exitCode, line) = Detect(registry);

        Assert.Equal(1, exitCode);
        Assert.Contains("1 enrollment(s) could not be read", line);
    }

    [Fact]
    public void AnUnreadableRegistryIsNotCompliantWithoutAnError()
    {
        var (exitCode, line) = Detect(Machines.BulkEnrolledPc().Deny(Machines.Enrollments));

        Assert.Equal(1, exitCode);
        Assert.StartsWith("Not compliant: cannot read this PC's MDM enrollments: Cannot read HKLM", line);
    }

    [Fact]
    public void OffWindowsItSaysSoAndExitsOne()
    {
        var (exitCode, line) = Detect(registry: null);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("Not compliant: cannot read this PC's MDM enrollments: Get-BulkEnrollLocalEnrollment reads", line);
    }

    [Fact]
    public void ItImportsTheModuleFromModulePath()
    {
        var (exitCode, _) = Detect(Machines.BulkEnrolledPc(), "-ModulePath $args[1]", moduleImported: false);

        Assert.Equal(0, exitCode);
    }

    [Fact]
    public void AMissingModuleIsNotCompliantWithoutAnError()
    {
        var (exitCode, line) = Detect(Machines.BulkEnrolledPc(), "-ModulePath '/nowhere/BulkEnroll.psd1'", moduleImported: false);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("Not compliant: the BulkEnroll module could not be loaded (", line);
    }

    [Fact]
    public void TheScriptAvoidsSyntaxWindowsPowerShellCannotRead()
    {
        Ast ast = Parser.ParseFile(Script, out Token[] tokens, out ParseError[] errors);

        Assert.Empty(errors);
        // PowerShell 7-only operators: ?? ??= ?. ?[] and the ternary ? :.
        Assert.DoesNotContain(tokens, t => t.Kind is TokenKind.QuestionQuestion or TokenKind.QuestionQuestionEquals or TokenKind.QuestionDot or TokenKind.QuestionLBracket);
        Assert.Empty(ast.FindAll(a => a is TernaryExpressionAst or PipelineChainAst, true));
        Assert.DoesNotContain(tokens, t => t.Kind == TokenKind.Parameter && t.Text.Equals("-Parallel", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("::new(", System.IO.File.ReadAllText(Script));
    }
}
