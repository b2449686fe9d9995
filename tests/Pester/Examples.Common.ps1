# For Examples.Tests.ps1: where the documented examples are, and what each one assumes (the prepared context).

<#
.SYNOPSIS
    Every example the module documents, as hashtables (Key, Title, Code) for Pester's -ForEach: Get-Help <cmdlet> -Examples of the imported (built) module, every
    ```powershell block of README.md, and the code of the EXAMPLES section of about_BulkEnroll.
#>
function Get-DocumentedExample {
    param([Parameter(Mandatory)] [string] $RepoRoot)

    foreach ($cmdlet in (Get-Command -Module BulkEnroll -CommandType Cmdlet | Sort-Object Name)) {
        $number = 0
        foreach ($example in @((Get-Help $cmdlet.Name -Examples).examples.example)) {
            $number++
            @{
                Key   = "$($cmdlet.Name) $number"
                Title = ($example.title -replace '^-+\s*|\s*-+$', '')
                Code  = $example.code
            }
        }
    }

    $readme = Get-Content (Join-Path $RepoRoot 'README.md') -Raw
    $number = 0
    foreach ($block in [regex]::Matches($readme, '(?ms)^```powershell\r?\n(.*?)^```')) {
        $number++
        $code = $block.Groups[1].Value.TrimEnd()
        # The repository's own build commands: running them here would rebuild or delete the module under test
        # (Build, Clean), run this suite inside itself (Test) or install the module for the machine's user.
        # CI runs build.ps1 itself.
        if ($code -match '(?m)^\./build\.ps1') { continue }
        @{ Key = "README $number"; Title = "README.md block $number"; Code = $code }
    }

    # about_BulkEnroll's EXAMPLES: a sentence indented 4 spaces, then its code indented 8.
    $about = Get-Content (Join-Path $RepoRoot 'en-US/about_BulkEnroll.help.txt') -Raw
    $section = [regex]::Match($about, '(?ms)^EXAMPLES\r?\n(.*?)^\S').Groups[1].Value
    $number = 0
    foreach ($block in [regex]::Matches($section, '(?m)^    (\S.*)\r?\n\r?\n((?:^        .*\r?\n|^\s*\r?\n)+)')) {
        $number++
        $code = ($block.Groups[2].Value -split '\r?\n' | ForEach-Object { $_ -replace '^        ', '' }) -join "`n"
        @{ Key = "about_BulkEnroll $number"; Title = $block.Groups[1].Value.TrimEnd(':'); Code = $code.Trim() }
    }
}
