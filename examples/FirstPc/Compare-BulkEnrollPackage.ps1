<#
.SYNOPSIS
    Prints what differs between two provisioning packages (or customizations.xml projects), as Get-BulkEnrollPackage
    reads them: e.g. the module's package against ICD.exe's build of the same definition.

.DESCRIPTION
    The first-PC check of the README: build the same definition twice, once with -Builder Native and once with
    -Builder Icd (Windows with the ADK), and run this script on the two packages. Each difference comes out as one
    object (Property, Reference, Difference); no output means the two packages would do the same to a PC as far as
    the module can read them. Identity that differs on every build (path, package id, size, hash) is not compared.
    Secrets are never printed: Get-BulkEnrollPackage reports them only as present or not.

.EXAMPLE
    $def = @{ UserPrincipalName = 'windows-bulkenroll-site-paris@contoso.com'; Secret = $s; DeviceNameTemplate = 'PAR-%SERIAL%' }
    $ours = New-BulkEnrollPackage @def -OutputPath .\native -SaveProject
    $icd  = New-BulkEnrollPackage @def -OutputPath .\icd -Builder Icd -SaveProject
    .\Compare-BulkEnrollPackage.ps1 -Reference $icd.Path -Difference $ours.Path | Format-Table -Wrap
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Reference,
    [Parameter(Mandatory)] [string] $Difference
)

$ErrorActionPreference = 'Stop'
Import-Module BulkEnroll -ErrorAction SilentlyContinue   # already imported when run from a session that uses it

# What changes on every build, or is the file rather than what it does.
$ignored = 'Path', 'PackageId', 'Size', 'Sha256', 'Kind', 'Notes', 'OtherSettings', 'Discrepancies'

$left = Get-BulkEnrollPackage -LiteralPath $Reference
$right = Get-BulkEnrollPackage -LiteralPath $Difference

foreach ($name in $left.PSObject.Properties.Name | Where-Object { $_ -notin $ignored }) {
    $a = "$($left.$name)"
    $b = "$($right.$name)"
    if ($a -cne $b) {
        [pscustomobject]@{ Property = $name; Reference = $a; Difference = $b }
    }
}

# Settings the module does not model, and what the reader found odd, compared as text lines.
foreach ($list in 'OtherSettings', 'Discrepancies') {
    $a = @($left.$list | ForEach-Object { "$_" })
    $b = @($right.$list | ForEach-Object { "$_" })
    foreach ($d in Compare-Object -ReferenceObject $a -DifferenceObject $b -CaseSensitive) {
        [pscustomobject]@{
            Property   = $list
            Reference  = if ($d.SideIndicator -eq '<=') { $d.InputObject } else { '' }
            Difference = if ($d.SideIndicator -eq '=>') { $d.InputObject } else { '' }
        }
    }
}
