#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, documents and packages the BulkEnroll module. A thin layer over dotnet.

.DESCRIPTION
    Tasks (run in the order given):
      Build    dotnet build, then lay the module out in out/BulkEnroll/<version>/ (manifest, BulkEnroll.dll,
               formats, en-US help, third-party assemblies in dependencies/): a folder Import-Module loads as is.
      Test     dotnet test (xunit, cmdlets in a hosted runspace against the sandbox), then Invoke-Pester on
               tests/Pester when Pester 5 is installed.
      Docs     Regenerates en-US/BulkEnroll.dll-Help.xml from docs/en-US/*.md (the help's one source).
      Package  Build, then a .nupkg of the module in out/ that PSResourceGet can publish or install
               (Publish-PSResource to a local file repository; nothing is downloaded).
      Clean    Removes out/, artifacts/ and every bin/ and obj/.

    dotnet build and dotnet test work without this script; it adds the module folder, Pester and packaging.

.EXAMPLE
    ./build.ps1                      # Build
    ./build.ps1 -Task Build, Test
    ./build.ps1 -Task Package -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Package', 'Clean')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$manifest = Import-PowerShellDataFile (Join-Path $root 'BulkEnroll.psd1')
$version = $manifest.ModuleVersion
$moduleFolder = Join-Path $root "out/BulkEnroll/$version"

function Invoke-DotNet {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    Write-Host "dotnet $($Arguments -join ' ')" -ForegroundColor Cyan
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    if (Test-Path $moduleFolder) { Remove-Item $moduleFolder -Recurse -Force }
    # The module project lays itself out (see LayOutModule in src/BulkEnroll/BulkEnroll.csproj).
    Invoke-DotNet build (Join-Path $root 'src/BulkEnroll/BulkEnroll.csproj') -c $Configuration "-p:ModuleLayoutDir=$moduleFolder/"
    Write-Host "Module: $moduleFolder"
}

function Invoke-Test {
    Invoke-DotNet test (Join-Path $root 'BulkEnroll.sln') -c $Configuration
    $pester = Get-Module Pester -ListAvailable | Where-Object Version -GE ([version]'5.0') | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $pester) {
        Write-Warning 'Pester 5 is not installed: tests/Pester skipped (Install-PSResource Pester to run them).'
        return
    }

    if (-not (Test-Path (Join-Path $moduleFolder 'BulkEnroll.psd1'))) { Invoke-Build }
    Import-Module $pester
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $root 'tests/Pester'
    $config.Run.Throw = $true
    $config.Output.Verbosity = 'Detailed'
    $env:BULKENROLL_MODULE = Join-Path $moduleFolder 'BulkEnroll.psd1'
    Invoke-Pester -Configuration $config
}

function Invoke-Docs {
    Invoke-DotNet run --project (Join-Path $root 'tools/BulkEnroll.HelpCompiler/BulkEnroll.HelpCompiler.csproj') -c $Configuration -- `
        (Join-Path $root 'docs/en-US') (Join-Path $root 'en-US/BulkEnroll.dll-Help.xml')
}

function Invoke-Package {
    Invoke-Build
    $repositoryPath = Join-Path $root 'out'
    $repositoryName = 'BulkEnrollLocal-' + [guid]::NewGuid().ToString('n')
    Register-PSResourceRepository -Name $repositoryName -Uri $repositoryPath -Trusted
    try {
        Publish-PSResource -Path $moduleFolder -Repository $repositoryName
    }
    finally {
        Unregister-PSResourceRepository -Name $repositoryName
    }
    Get-ChildItem $repositoryPath -Filter "BulkEnroll.$version.nupkg" | ForEach-Object { Write-Host "Package: $($_.FullName)" }
}

function Invoke-Clean {
    foreach ($path in 'out', 'artifacts') {
        $full = Join-Path $root $path
        if (Test-Path $full) { Remove-Item $full -Recurse -Force }
    }
    Get-ChildItem $root -Directory -Recurse -Include bin, obj | Remove-Item -Recurse -Force
}

foreach ($step in $Task) {
    Write-Host "== $step ($Configuration)" -ForegroundColor Green
    & "Invoke-$step"
}
