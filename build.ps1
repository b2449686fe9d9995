#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, documents and packages the BulkEnroll module. A thin layer over dotnet.

.DESCRIPTION
    Tasks (run in the order given):
      Build    dotnet build, then lay the module out in out/BulkEnroll/<version>/ (manifest, BulkEnroll.dll,
               formats, en-US help, third-party assemblies in dependencies/): a folder Import-Module loads as is.
      Test     dotnet format --verify-no-changes (the house style in .editorconfig), dotnet test (xunit: the module's
               cmdlets in a hosted runspace against the sandbox, the packaging library, the sandbox), then builds the module folder
               and runs every Pester suite in tests/Pester in this pwsh with the Pester version the repository pins
               (restored from the package feed); results in out/TestResults/Pester.xml (NUnit). Fails if either fails.
      Pester   Builds the module folder and the sandbox, then runs the Pester suites only (all, or -TestPath).
      Docs     Regenerates en-US/BulkEnroll.dll-Help.xml from docs/en-US/*.md (the help's one source).
      Package  Build, then a .nupkg of the module in out/ that PSResourceGet can publish or install
               (Publish-PSResource to a local file repository; nothing is downloaded). -NoBuild packages the
               module folder as it is (tests/Pester/Publish.Tests.ps1 packages the very folder it tests, which a
               rebuild could not replace on Windows while it is loaded).
      Clean    Removes out/, artifacts/ and every bin/ and obj/.

    dotnet build and dotnet test work without this script; it adds the module folder, Pester and packaging.
    Run it with the pinned pwsh: dotnet tool restore && dotnet pwsh -NoProfile -File build.ps1 -Task Test

.EXAMPLE
    ./build.ps1                      # Build
    ./build.ps1 -Task Build, Test
.EXAMPLE
    ./build.ps1 -Task Pester -TestPath tests/Pester/Devices.Tests.ps1
    ./build.ps1 -Task Package -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Docs', 'Package', 'Clean')]
    [string[]] $Task = @('Build'),

    # Pester task only: the suites (files or folders) to run; default every suite in tests/Pester.
    [string[]] $TestPath = @(),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Package task only: package the module folder already built instead of building it again.
    [switch] $NoBuild
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

# Real tools the tests drive (command -> Debian package). The test command installs what is missing itself, so a
# fresh machine needs only the .NET SDK; a test that needs one of them fails rather than skips when it is absent.
$testTools = [ordered]@{
    # Every package we write is also read by an independent WIM reader.
    'wimlib-imagex' = 'wimtools'
    # The rollout report's HTML page is opened in a real browser (tests/Pester/Report.Tests.ps1).
    'chromium'      = 'chromium'
    # Connect-BulkEnroll -Proxy is proven against a real authenticating proxy (tests/Pester/Transport.Tests.ps1).
    'tinyproxy'     = 'tinyproxy'
}

function Install-TestTool {
    $missing = @($testTools.Keys | Where-Object { -not (Get-Command $_ -CommandType Application -ErrorAction Ignore) })
    if (-not $missing) { return }
    $packages = @($missing | ForEach-Object { $testTools[$_] })
    if (-not (Get-Command apt-get -CommandType Application -ErrorAction Ignore)) {
        Write-Warning "Tests need $($missing -join ', ') (Debian: $($packages -join ', ')); install them, the tests that use them fail without."
        return
    }
    # As root (containers, CI) apt-get runs directly; otherwise through sudo.
    $runner = if ((& id -u) -eq '0') { 'env' } else { 'sudo' }
    Write-Host "apt-get install $($packages -join ' ')" -ForegroundColor Cyan
    & $runner DEBIAN_FRONTEND=noninteractive apt-get update -qq | Out-Null
    & $runner DEBIAN_FRONTEND=noninteractive apt-get install -y -qq @packages | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "apt-get install $($packages -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-Test {
    Install-TestTool
    # Both halves always run, so one red run shows every failure; the task fails if either failed.
    $failures = @()
    # One dialect (.editorconfig): a file that strays from it fails the run, and `dotnet format` fixes it.
    try { Invoke-DotNet format (Join-Path $root 'BulkEnroll.sln') --verify-no-changes }
    catch { $failures += 'dotnet format: files differ from .editorconfig (run dotnet format BulkEnroll.sln)' }
    try { Invoke-DotNet test (Join-Path $root 'BulkEnroll.sln') -c $Configuration }
    catch { $failures += "xunit: $($_.Exception.Message)" }

    Invoke-Build
    $pester = Invoke-PesterSuite
    if ($pester.FailedCount -gt 0 -or $pester.Result -ne 'Passed') {
        $failures += "Pester: $($pester.FailedCount) failed, $($pester.FailedBlocksCount) blocks and $($pester.FailedContainersCount) files could not run"
    }

    if ($failures) { throw "Tests failed. $($failures -join '; ')" }
}

# Pester comes from the package feed (tests/Pester/Pester.Restore.csproj pins it), never from the machine, so every run
# uses the same version. Its tools/ folder is the module.
function Import-PinnedPester {
    $project = Join-Path $root 'tests/Pester/Pester.Restore.csproj'
    Invoke-DotNet restore $project --verbosity quiet
    $packageRoot = (& dotnet msbuild $project -getProperty:NuGetPackageRoot).Trim()
    $pesterVersion = (& dotnet msbuild $project -getProperty:PesterVersion).Trim()
    $pesterManifest = Join-Path $packageRoot "pester/$pesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $pesterManifest)) { throw "Pester $pesterVersion was restored, but $pesterManifest is missing." }
    Import-Module $pesterManifest -Force -Global
}

function Invoke-PesterOnly {
    Install-TestTool
    Invoke-Build
    Invoke-DotNet build (Join-Path $root 'src/BulkEnroll.Sandbox/BulkEnroll.Sandbox.csproj') -c $Configuration --verbosity quiet
    $run = Invoke-PesterSuite -Path $TestPath
    if ($run.Result -ne 'Passed') { throw "Pester: $($run.FailedCount) failed, $($run.FailedContainersCount) files could not run." }
}

function Invoke-PesterSuite {
    param([string[]] $Path = @())
    # The suites are scripts as admins write them, not held to this build script's strict mode.
    Set-StrictMode -Off
    Import-PinnedPester
    $results = Join-Path $root 'out/TestResults'
    New-Item -ItemType Directory -Force -Path $results | Out-Null
    $config = New-PesterConfiguration
    # pwsh -File passes "a,b" as one string.
    $config.Run.Path = if ($Path) { $Path -split "," | ForEach-Object { (Resolve-Path $_).Path } } else { Join-Path $root 'tests/Pester' }
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Detailed'
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputFormat = 'NUnitXml'
    $config.TestResult.OutputPath = Join-Path $results 'Pester.xml'
    # The suites import this module folder and start the sandbox built by the xunit step.
    $env:BULKENROLL_MODULE = Join-Path $moduleFolder 'BulkEnroll.psd1'
    $env:BULKENROLL_CONFIGURATION = $Configuration
    $run = Invoke-Pester -Configuration $config
    Write-Host ("Pester {0}: {1} passed, {2} failed, {3} skipped, {4} not run in {5:n1} s; results in {6}" -f
        (Get-Module Pester).Version, $run.PassedCount, $run.FailedCount, $run.SkippedCount, $run.NotRunCount,
        $run.Duration.TotalSeconds, $config.TestResult.OutputPath.Value)
    $run
}

function Invoke-Docs {
    Invoke-DotNet run --project (Join-Path $root 'tools/BulkEnroll.HelpCompiler/BulkEnroll.HelpCompiler.csproj') -c $Configuration -- `
        (Join-Path $root 'docs/en-US') (Join-Path $root 'en-US/BulkEnroll.dll-Help.xml')
}

function Invoke-Package {
    if (-not $NoBuild) { Invoke-Build }
    elseif (-not (Test-Path (Join-Path $moduleFolder 'BulkEnroll.psd1'))) { throw "-NoBuild: there is no module folder to package at $moduleFolder; run -Task Build first." }
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
    # 'Pester' is not dispatched by name: Invoke-Pester is Pester's own command.
    if ($step -eq 'Pester') { Invoke-PesterOnly } else { & "Invoke-$step" }
}
