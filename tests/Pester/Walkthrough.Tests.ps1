#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

# The README's main job, run as it is documented: examples/Walkthrough/Start-Walkthrough.ps1 in a pwsh of its own,
# output redirected as into a log file. It starts its own sandbox tenant (seed 42) and stops it; every step must succeed
# and show its objects.

BeforeAll {
    . (Join-Path $PSScriptRoot 'BulkEnroll.Common.ps1')
    # Here only to know what the built module exports; the walkthrough imports it in its own process.
    $script:Module = Import-Module (Get-BulkEnrollTestModulePath) -Force -PassThru
    $script:Walkthrough = Join-Path $RepoRoot 'examples/Walkthrough/Start-Walkthrough.ps1'
    # The pwsh running this suite: a dotnet tool runs as dotnet + pwsh.dll.
    $script:Pwsh = [Environment]::ProcessPath
    $script:PwshArguments = @()
    if ([IO.Path]::GetFileNameWithoutExtension($Pwsh) -eq 'dotnet') { $script:PwshArguments = @(Join-Path $PSHOME 'pwsh.dll') }

    # What this run built (build.ps1 -Task Pester), not whatever the script would find or build itself.
    $arguments = $PwshArguments + @('-NoProfile', '-File', $Walkthrough, '-Devices', '400', '-LatencyMs', '0',
        '-ModulePath', (Get-BulkEnrollTestModulePath), '-SandboxPath', (Get-SandboxAssemblyPath))
    $script:Output = (& $Pwsh @arguments 2>&1 | Out-String)
    $script:ExitCode = $LASTEXITCODE
}

Describe 'The walkthrough (examples/Walkthrough/Start-Walkthrough.ps1)' {
    It 'runs every step without an unexpected error' {
        $ExitCode | Should -Be 0 -Because $Output
        $Output | Should -Match 'Walkthrough complete'
    }

    It 'shows each command as typed, every one of the workflow commands exported by the built module' {
        $typed = ($Output -split "`r?`n" | Where-Object { $_.StartsWith('PS> ') } | ForEach-Object { $_.Substring(4) }) -join "`n"
        $commands = [System.Management.Automation.Language.Parser]::ParseInput($typed, [ref] $null, [ref] $null).FindAll(
            { $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true) | ForEach-Object { $_.GetCommandName() }
        $workflow = 'Connect-BulkEnroll', 'New-BulkEnrollUser', 'New-BulkEnrollPackage', 'Test-BulkEnrollPackage',
            'Get-BulkEnrollPackage', 'Get-BulkEnrolledDevice', 'Get-BulkEnrollUser', 'Set-DeviceAssignment', 'Disconnect-BulkEnroll'
        foreach ($command in $workflow) {
            $commands | Should -Contain $command
            $Module.ExportedCommands.Keys | Should -Contain $command
        }
    }

    It 'creates the generic user, and a second run reports it instead of duplicating it' {
        $Output | Should -Match ([regex]::Escape('windows-bulkenroll-site-paris@contoso.com'))
        $Output | Should -Match 'UserAlreadyExists'
    }

    It 'checks the package, including an MS-MDE2 discovery against the tenant' {
        $Output | Should -Match 'Discovery\s+Passed'
    }

    It 'lets PCs enroll with the package through the sandbox' {
        $Output | Should -Match ([regex]::Escape('ENROLLED: PAR-5CG4120XKQ enrolled in MDM as windows-bulkenroll-site-paris@contoso.com'))
        # The device table names the generic user without its shared windows-bulkenroll- prefix.
        $Output | Should -Match 'PAR-PF4XK2Q9\s+\S*site-paris@contoso.com'
    }

    It 'shows a dry run, the assignment results and a re-run that sends nothing' {
        $Output | Should -Match 'What if:'
        $Output | Should -Match 'Assigned\s+Assigned to'
        $Output | Should -Match 'AlreadyAssigned'
    }

    It 'never shows a secret it was given' {
        $Output | Should -Not -Match 'Walkthrough-Local-Admin-1'
        $Output | Should -Not -Match 'Walkthrough-Wifi-Key-1'
    }

    It 'writes plain text when its output is redirected (no colour escapes)' {
        $escape = $Output.IndexOf("$([char]27)[", [StringComparison]::Ordinal)
        $escape | Should -Be -1 -Because $(if ($escape -ge 0) { $Output.Substring([Math]::Max(0, $escape - 200), [Math]::Min(300, $Output.Length - [Math]::Max(0, $escape - 200))) })
    }
}
