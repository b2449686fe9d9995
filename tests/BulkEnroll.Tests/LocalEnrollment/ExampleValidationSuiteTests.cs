using System;
using System.Linq;
using System.Management.Automation.Language;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.LocalEnrollment;

/// <summary>
/// examples/Validation/Tenant.Tests.ps1 is pointed at real tenants, so what matters most is that it does nothing
/// unless told which tenant. Pester cannot run here: a few lines of PowerShell play Pester's part (discovery, then
/// the blocks that are not skipped), with every command that could reach a tenant or load the module replaced by
/// a recorder.
/// </summary>
public sealed class ExampleValidationSuiteTests
{
    private static readonly string Suite = RepositoryFiles.Path("examples", "Validation", "Tenant.Tests.ps1");

    // Just enough Pester 5: the file runs once to discover (Describe bodies collect their It blocks; -Skip is
    // evaluated then, with the variables BeforeDiscovery set in the file's scope), then the blocks that are not skipped
    // run. #Requires is dropped (no Pester here) and BeforeDiscovery becomes a dot-sourced block, which is what it
    // amounts to. Set-ItResult -Skipped ends the test, as in Pester.
    private const string Harness = """
        $text = [System.IO.File]::ReadAllText($args[0])
        $text = $text -replace '(?m)^#Requires.*$', '' -replace '(?m)^BeforeDiscovery\s*\{', '. {'
        $saved = @{}
        foreach ($name in 'BULKENROLL_TENANT', 'BULKENROLL_PACKAGE_FOLDER', 'BULKENROLL_CREDENTIAL_FILE', 'BULKENROLL_USERNAME', 'BULKENROLL_PASSWORD') {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $null)
        }

        $Top = @{ BeforeAll = @(); AfterAll = @() }
        $Describes = [System.Collections.Generic.List[object]]::new()
        $Current = $null
        $Calls = [System.Collections.Generic.List[string]]::new()
        $Results = [System.Collections.Generic.List[string]]::new()

        function BeforeAll { param([scriptblock] $ScriptBlock) if ($Current) { $Current.BeforeAll += $ScriptBlock } else { $Top.BeforeAll += $ScriptBlock } }
        function AfterAll { param([scriptblock] $ScriptBlock) if (-not $Current) { $Top.AfterAll += $ScriptBlock } }
        function Describe {
            param([string] $Name, [scriptblock] $Fixture, [switch] $Skip)
            $script:Current = @{ Name = $Name; Skip = [bool]$Skip; BeforeAll = @(); Its = @() }
            . $Fixture
            $Describes.Add($Current)
            $script:Current = $null
        }
        function It { param([string] $Name, [scriptblock] $Test) $Current.Its += @{ Name = $Name; Test = $Test } }
        function Set-ItResult { param([switch] $Skipped, [string] $Because) throw "SKIPPED: $Because" }
        function Should { throw 'Should was reached: a check ran.' }

        # Anything that would load the module or reach a tenant is a recorder (functions win over cmdlets).
        foreach ($command in 'Import-Module', 'Connect-BulkEnroll', 'Disconnect-BulkEnroll', 'Get-BulkEnrollConnection', 'Get-BulkEnrollUser',
                             'Get-BulkEnrolledDevice', 'Get-BulkEnrollPackage', 'Test-BulkEnrollPackage', 'Import-Clixml', 'Get-ChildItem', 'Test-Path') {
            . ([scriptblock]::Create("function $command { `$Calls.Add('$command') }"))
        }

        function Invoke-Run {
            foreach ($block in $Top.BeforeAll) { . $block }
            foreach ($describe in $Describes) {
                if ($describe.Skip) { $Results.Add("$($describe.Name): skipped"); continue }
                foreach ($block in $describe.BeforeAll) { . $block }
                foreach ($it in $describe.Its) {
                    try { . $it.Test; $Results.Add("$($describe.Name) / $($it.Name): passed") }
                    catch { $Results.Add("$($describe.Name) / $($it.Name): $($_.Exception.Message)") }
                }
            }
            foreach ($block in $Top.AfterAll) { . $block }
        }

        try {
            . ([scriptblock]::Create($text))
            Invoke-Run
            $Results
            $Calls | ForEach-Object { "CALLED: $_" }
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
        """;

    [Fact]
    public void WithoutATenantNothingRunsAndTheSkipsSayWhy()
    {
        using var shell = new PowerShellSession(importModule: false);

        var result = shell.Run(Harness, Suite);

        Assert.True(result.ErrorIds.Count() == 0, string.Join("\n", result.AllErrors));
        var lines = result.Output.Select(o => o.ToString()).ToList();
        Assert.DoesNotContain(lines, l => l.StartsWith("CALLED:", StringComparison.Ordinal));
        Assert.Contains("Generic users: skipped", lines);
        Assert.Contains("Bulk-enrolled devices: skipped", lines);
        Assert.Contains("Provisioning packages in BULKENROLL_PACKAGE_FOLDER: skipped", lines);
        Assert.Contains(lines, l => l.StartsWith("Validation settings / names a tenant in BULKENROLL_TENANT: SKIPPED: BULKENROLL_TENANT is not set", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Validation settings / names a package folder in BULKENROLL_PACKAGE_FOLDER: SKIPPED: BULKENROLL_PACKAGE_FOLDER is not set", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("passed", StringComparison.Ordinal) || l.Contains("Should was reached", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryCheckOutsideTheSettingsIsSkippedOnTheSettingsItNeeds()
    {
        Ast ast = Parser.ParseFile(Suite, out _, out ParseError[] errors);
        Assert.Empty(errors);

        var describes = ast.FindAll(a => a is CommandAst c && c.GetCommandName() == "Describe", false).Cast<CommandAst>().ToList();
        Assert.Equal(5, describes.Count);
        foreach (CommandAst describe in describes.Where(d => !d.Extent.Text.Contains("'Validation settings'", StringComparison.Ordinal)))
        {
            CommandParameterAst? skip = describe.CommandElements.OfType<CommandParameterAst>().SingleOrDefault(p => p.ParameterName == "Skip");
            Assert.NotNull(skip);
            Assert.Matches(@"\$(tenantGiven|packagesGiven)", skip!.Argument!.Extent.Text);
        }
    }

    [Fact]
    public void TheSuiteUsesOnlyDocumentedParametersOfTheModule()
    {
        Ast ast = Parser.ParseFile(Suite, out _, out _);
        using var shell = new PowerShellSession();

        foreach (CommandAst command in ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>())
        {
            string? name = command.GetCommandName();
            if (name == null || !name.Contains("BulkEnroll", StringComparison.Ordinal))
            {
                continue;
            }

            var parameters = shell.Run("(Get-Command $args[0]).Parameters.Keys", name).ThrowIfErrors().Output.Select(o => o.ToString()).ToList();
            Assert.True(parameters.Count > 0, $"{name} is not a command of the module.");
            foreach (CommandParameterAst parameter in command.CommandElements.OfType<CommandParameterAst>())
            {
                Assert.True(parameters.Contains(parameter.ParameterName, StringComparer.OrdinalIgnoreCase), $"{name} has no -{parameter.ParameterName}.");
            }
        }
    }
}
