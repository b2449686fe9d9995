#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

# Issue 18, point 4: what build.ps1 -Task Package makes passes the checks the PowerShell Gallery runs on a module:
# Test-ModuleManifest, every exported command present once imported, real help (synopsis and examples, not the stub
# PowerShell makes up from the syntax) for each, the license shipped, no placeholder links, no duplicate tags.
# The package is made from the module folder under test (-NoBuild) and read back from the .nupkg, in a pwsh of its
# own so that the copy imported here is not in the way.

BeforeAll {
    . (Join-Path $PSScriptRoot 'BulkEnroll.Common.ps1')
    $script:Pwsh = [Environment]::ProcessPath
    $script:PwshArguments = @()
    if ([IO.Path]::GetFileNameWithoutExtension($Pwsh) -eq 'dotnet') { $script:PwshArguments = @(Join-Path $PSHOME 'pwsh.dll') }

    $version = (Import-PowerShellDataFile (Join-Path $RepoRoot 'BulkEnroll.psd1')).ModuleVersion
    $package = Join-Path $RepoRoot "out/BulkEnroll.$version.nupkg"
    Remove-Item $package -ErrorAction SilentlyContinue
    $configuration = if ($env:BULKENROLL_CONFIGURATION) { $env:BULKENROLL_CONFIGURATION } else { 'Release' }
    $script:BuildOutput = & $Pwsh @PwshArguments -NoProfile -File (Join-Path $RepoRoot 'build.ps1') -Task Package -NoBuild -Configuration $configuration 2>&1
    $script:BuildExitCode = $LASTEXITCODE
    $script:Package = $package

    # A .nupkg is a zip; what Install-PSResource would put in the module folder is its content less the NuGet parts.
    $script:Unpacked = Join-Path $TestDrive 'BulkEnroll'
    if (Test-Path $package) { Expand-Archive -LiteralPath $package -DestinationPath $Unpacked }
    $script:Manifest = Join-Path $Unpacked 'BulkEnroll.psd1'

    # What an admin sees after installing it: in a fresh pwsh, the manifest test, the commands and their help.
    $probeScript = {
        param($Manifest)
        $ErrorActionPreference = 'Stop'
        $tested = Test-ModuleManifest -Path $Manifest
        $module = Import-Module $Manifest -PassThru
        $commands = foreach ($name in $tested.ExportedCmdlets.Keys) {
            $command = Get-Command $name -Module BulkEnroll -ErrorAction SilentlyContinue
            $help = Get-Help $name -Full
            [pscustomobject]@{
                Name     = $name
                Present  = [bool]$command
                Synopsis = "$($help.Synopsis)".Trim()
                Examples = @($help.examples.example | Where-Object { "$($_.code)".Trim() }).Count
                HelpFile = "$($command.HelpFile)"
            }
        }
        [pscustomobject]@{
            Exported = @($tested.ExportedCmdlets.Keys)
            Imported = @($module.ExportedCmdlets.Keys)
            Commands = @($commands)
            Tags     = @($tested.Tags)
            Project  = "$($tested.ProjectUri)"
            License  = "$($tested.LicenseUri)"
            Notes    = "$($tested.ReleaseNotes)"
        } | ConvertTo-Json -Depth 4
    }
    $script:Probe = $null
    if (Test-Path $Manifest) {
        $json = & $Pwsh @PwshArguments -NoProfile -NonInteractive -Command "& { $probeScript } '$Manifest'" 2>&1
        $script:ProbeExitCode = $LASTEXITCODE
        $script:ProbeText = $json -join "`n"
        if ($ProbeExitCode -eq 0) { $script:Probe = $ProbeText | ConvertFrom-Json }
    }
}

Describe 'The package build.ps1 -Task Package makes' {
    It 'is made' {
        $BuildExitCode | Should -Be 0 -Because ($BuildOutput -join "`n")
        $Package | Should -Exist
        $Manifest | Should -Exist
    }

    It 'passes Test-ModuleManifest and imports, in a fresh pwsh' {
        $Probe | Should -Not -BeNullOrEmpty -Because $ProbeText
    }

    It 'exports every command its manifest lists, the rollout report among them' {
        $Probe.Exported | Should -Contain 'Get-BulkEnrollRolloutReport'
        ($Probe.Imported | Sort-Object) | Should -Be ($Probe.Exported | Sort-Object)
        $Probe.Commands | Where-Object { -not $_.Present } | ForEach-Object Name | Should -BeNullOrEmpty
    }

    It 'has real help for every exported command: the documented synopsis and examples' {
        $Probe.Commands.Count | Should -Be $Probe.Exported.Count
        foreach ($command in $Probe.Commands) {
            # Without help, PowerShell makes the synopsis up from the syntax ("Get-X [-Y <string>] ...") and has no examples.
            $command.Synopsis | Should -Not -BeNullOrEmpty -Because $command.Name
            $command.Synopsis | Should -Not -Match "^$([regex]::Escape($command.Name))\b" -Because "$($command.Name) has the stub synopsis"
            $command.Examples | Should -BeGreaterThan 0 -Because "$($command.Name) needs examples"
            $command.HelpFile | Should -Match 'BulkEnroll\.dll-Help\.xml$'
            $doc = Get-Content (Join-Path $RepoRoot "docs/en-US/$($command.Name).md") -Raw
            $documented = [regex]::Match($doc, '(?ms)^## SYNOPSIS\r?\n(.*?)\r?\n\r?\n').Groups[1].Value.Trim()
            $command.Synopsis | Should -Be $documented -Because "the help of $($command.Name) is compiled from its page"
        }
    }

    It 'ships the MIT license beside the module' {
        $license = Join-Path $Unpacked 'LICENSE'
        $license | Should -Exist
        (Get-Content $license -Raw) | Should -Match 'MIT License'
        (Get-Content $license -Raw) | Should -Match 'Copyright \(c\) 2026 BulkEnroll contributors'
        (Get-FileHash $license).Hash | Should -Be (Get-FileHash (Join-Path $RepoRoot 'LICENSE')).Hash
    }

    It 'has no placeholder links and no duplicate tags' {
        foreach ($uri in $Probe.Project, $Probe.License, $Probe.Notes) {
            $uri | Should -Not -Match 'example\.(com|org|net)|contoso|localhost'
        }
        $Probe.Tags | Should -Not -BeNullOrEmpty
        ($Probe.Tags | Group-Object | Where-Object Count -GT 1).Name | Should -BeNullOrEmpty
        $Probe.Notes | Should -Not -BeNullOrEmpty
    }

    It 'has a changelog in the repository for the packaged version' {
        $version = (Import-PowerShellDataFile (Join-Path $RepoRoot 'BulkEnroll.psd1')).ModuleVersion
        (Get-Content (Join-Path $RepoRoot 'CHANGELOG.md') -Raw) | Should -Match "(?m)^## \[$([regex]::Escape($version))\] - \d{4}-\d{2}-\d{2}$"
    }
}
