<#
.SYNOPSIS
    Assigns the devices of a reseller's list (serial -> user) that have enrolled, every night until all are done.

.DESCRIPTION
    Run by a scheduler (Task Scheduler, cron, Azure Automation, an Intune remediation) with `pwsh -File`:
    it connects, pipes the CSV to Set-DeviceAssignment -Summary and logs one line with the counts per status.
    Rows whose PC has not enrolled yet are NotEnrolledYet, not failures: the next night assigns them. Rows already
    done are AlreadyAssigned and nothing is sent, so running it every night is safe.

    Exit code, for the scheduler:
      0  nothing failed (rows may still be waiting for their PC: see NotEnrolledYet/Remaining in the log line)
      1  at least one row failed (unknown user, device not bulk enrolled...): its error is in the task's output
      2  the run itself could not happen (module, credential file, CSV or connection)

.EXAMPLE
    # Once, as the account the task runs as (Export-Clixml encrypts for that account on Windows):
    Get-Credential api-admin@contoso.com | Export-Clixml C:\BulkEnroll\api.xml
    # The task's action:
    pwsh -NoProfile -File Invoke-NightlyAssignment.ps1 -CsvPath C:\BulkEnroll\reseller.csv -TenantUri https://na1.mobileiron.com -CredentialPath C:\BulkEnroll\api.xml -LogPath C:\BulkEnroll\assign.log
#>
[CmdletBinding()]
param(
    # The reseller's list: a SerialNumber (or Serial Number, Service Tag...) column and a UserPrincipalName column.
    [Parameter(Mandatory)] [string] $CsvPath,
    [Parameter(Mandatory)] [uri] $TenantUri,
    # A PSCredential of the API user saved with Export-Clixml.
    [Parameter(Mandatory)] [string] $CredentialPath,
    [string] $Delimiter = ',',
    # Where the summary line is appended; it is written to the output as well.
    [string] $LogPath,
    # The module to import: its name when installed, or the path of BulkEnroll.psd1.
    [string] $ModulePath = 'BulkEnroll'
)

try {
    Import-Module $ModulePath -ErrorAction Stop
    Connect-BulkEnroll -TenantUri $TenantUri -Credential (Import-Clixml -LiteralPath $CredentialPath) -ErrorAction Stop | Out-Null
    $rows = Import-Csv -LiteralPath $CsvPath -Delimiter $Delimiter -ErrorAction Stop
}
catch {
    Write-Error "The nightly assignment could not run: $($_.Exception.Message)" -ErrorAction Continue
    exit 2
}

# Per-row failures are written to the error stream (the task's output) and counted; they do not stop the run.
$summary = $rows | Set-DeviceAssignment -Summary -Confirm:$false
$line = '{0:yyyy-MM-dd HH:mm}: {1}' -f (Get-Date), $summary
$line
$summary.Results | Where-Object Status -EQ NotEnrolledYet | ForEach-Object {
    '  not enrolled yet: {0} -> {1}' -f $(if ($_.SerialNumber) { $_.SerialNumber } else { $_.DeviceName }), $_.UserPrincipalName
}
if ($LogPath) { Add-Content -LiteralPath $LogPath -Value $line }
Disconnect-BulkEnroll
exit ([int]($summary.Failed -gt 0))
