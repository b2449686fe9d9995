<#
.SYNOPSIS
    Detection script (Intune remediations, GPO, ConfigMgr, scheduled tasks): is this PC enrolled in MDM under a
    generic windows-bulkenroll user?

.DESCRIPTION
    Compliant, exit 0: Windows records a completed MDM enrollment (EnrollmentState 1) whose UPN starts with
    windows-bulkenroll and matches -UserPrincipalName (and, with -RequireIvanti, that looks like Ivanti). That is
    what a PC shows after applying a BulkEnroll provisioning package and enrolling.

    Not compliant, exit 1: never enrolled; enrolled only under a real user or with another MDM; the enrollment under
    the generic user did not complete; or the check could not run (module missing, not Windows, registry unreadable).
    Intune runs the remediation script on exit 1.

    Writes exactly one line to standard output, the line Intune shows as the detection output, and nothing to the
    error stream (Intune counts anything there as a failed script). Never throws.

    Assigning the device to its real user in the tenant ("Assign to User") is not expected to change the UPN Windows
    recorded, so this tells "bulk-enrolled" apart from "not", not "assigned" from "unassigned": ask the tenant for
    that (Get-BulkEnrolledDevice -Unassigned).

    Works in Windows PowerShell 5.1 and PowerShell 7. Intune cannot pass parameters: change the defaults below.

.PARAMETER ModulePath
    BulkEnroll.psd1 or its folder. Default: the installed module, also looked for under the 64-bit Program Files
    when this runs in 32-bit PowerShell (Intune's default), which does not search there.

.PARAMETER UserPrincipalName
    The generic user(s) the PC must be enrolled under; wildcards allowed.

.PARAMETER RequireIvanti
    Also require the enrollment to look like Ivanti Neurons for MDM (discovery or server host on mobileiron.com or
    ivanti.com). Leave off if your tenant is reached through another host name.

.EXAMPLE
    powershell.exe -ExecutionPolicy Bypass -File .\Detect-BulkEnrollment.ps1 -UserPrincipalName 'windows-bulkenroll-site-paris@*'
    Compliant: enrolled in MDM as windows-bulkenroll-site-paris@contoso.com (discovery https://login.mobileiron.com/EnrollmentServer/Discovery.svc, enrollment 3F2B8C1D-...).
#>
[CmdletBinding()]
param(
    [string] $ModulePath = '',
    [string] $UserPrincipalName = 'windows-bulkenroll*',
    [switch] $RequireIvanti
)

# Only Microsoft.PowerShell.Core commands and .NET below: they exist in every host this runs in, even stripped ones.

function Import-BulkEnrollModule {
    param([string] $Path)

    if (Get-Command -Name Get-BulkEnrollLocalEnrollment -ErrorAction SilentlyContinue) {
        return ''
    }

    $candidates = @()
    if ($Path) { $candidates += $Path }
    $candidates += 'BulkEnroll'
    if ($env:ProgramW6432) {
        # 32-bit PowerShell searches Program Files (x86); modules are usually installed for 64-bit PowerShell.
        $candidates += [System.IO.Path]::Combine($env:ProgramW6432, 'WindowsPowerShell', 'Modules', 'BulkEnroll')
    }

    $reason = ''
    foreach ($candidate in $candidates) {
        try {
            Import-Module -Name $candidate -ErrorAction Stop
            return ''
        }
        catch {
            $reason = $_.Exception.Message
        }
    }

    return "the BulkEnroll module could not be loaded ($reason)"
}

function New-DetectionResult {
    param([int] $ExitCode, [string] $Message)
    [pscustomobject]@{ ExitCode = $ExitCode; Message = $Message }
}

function Get-BulkEnrollDetection {
    param([string] $UserPrincipalName, [switch] $RequireIvanti)

    $unreadable = @()
    try {
        # Unreadable entries are collected, not written: a generic enrollment that can be read still decides.
        $enrollments = @(Get-BulkEnrollLocalEnrollment -ErrorAction SilentlyContinue -ErrorVariable unreadable)
    }
    catch {
        return New-DetectionResult 1 ("Not compliant: cannot read this PC's MDM enrollments: " + $_.Exception.Message)
    }

    $generic = @($enrollments | Where-Object { $_.IsGenericUser -and $_.UserPrincipalName -like $UserPrincipalName })
    $good = @($generic | Where-Object { $_.IsEnrolled -and ($_.IsIvanti -or -not $RequireIvanti) })
    if ($good.Count -gt 0) {
        $e = $good[0]
        return New-DetectionResult 0 ('Compliant: enrolled in MDM as {0} (discovery {1}, enrollment {2}).' -f $e.UserPrincipalName, $e.DiscoveryServiceUrl, $e.EnrollmentId)
    }

    if ($generic.Count -gt 0) {
        # A completed enrollment here failed only -RequireIvanti; say that rather than an incomplete one's state.
        $completed = @($generic | Where-Object { $_.IsEnrolled })
        if ($completed.Count -gt 0) {
            $e = $completed[0]
            return New-DetectionResult 1 ('Not compliant: enrolled as {0}, but not with Ivanti (discovery {1}).' -f $e.UserPrincipalName, $e.DiscoveryServiceUrl)
        }

        $e = $generic[0]
        $state = $e.EnrollmentState
        if ($null -eq $state) { $state = 'missing' }
        return New-DetectionResult 1 ('Not compliant: the enrollment as {0} did not complete (EnrollmentState {1}).' -f $e.UserPrincipalName, $state)
    }

    $note = ''
    if ($unreadable.Count -gt 0) {
        $note = ' {0} enrollment(s) could not be read; run as SYSTEM.' -f $unreadable.Count
    }

    $others = @($enrollments | ForEach-Object { $_.UserPrincipalName } | Where-Object { $_ })
    if ($others.Count -gt 0) {
        return New-DetectionResult 1 (('Not compliant: enrolled in MDM as {0}, not as {1}.' -f ($others -join ', '), $UserPrincipalName) + $note)
    }

    return New-DetectionResult 1 (('Not compliant: no MDM enrollment as {0} on this PC.' -f $UserPrincipalName) + $note)
}

$exitCode = 1
$line = 'Not compliant: the detection did not run.'
try {
    $problem = Import-BulkEnrollModule -Path $ModulePath
    if ($problem) {
        $line = "Not compliant: $problem."
    }
    else {
        $result = Get-BulkEnrollDetection -UserPrincipalName $UserPrincipalName -RequireIvanti:$RequireIvanti
        $exitCode = $result.ExitCode
        $line = $result.Message
    }
}
catch {
    $line = 'Not compliant: the detection failed: ' + $_.Exception.Message
}

# Intune keeps the last line of the output, at most 2,048 characters: make it one line that fits.
$line = ($line -replace '\s*[\r\n]+\s*', ' ').Trim()
if ($line.Length -gt 2048) {
    $line = $line.Substring(0, 2045) + '...'
}

$line
exit $exitCode
