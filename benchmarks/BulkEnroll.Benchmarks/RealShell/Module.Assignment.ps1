# Assigns the rows of a CSV (Id,UserPrincipalName) with the built module. Prints {count, seconds} (count = Assigned).
param([string]$Module, [string]$TenantUri, [string]$UserName, [string]$Password, [string]$Csv)
$ErrorActionPreference = 'Stop'
Import-Module $Module
$credential = [pscredential]::new($UserName, (ConvertTo-SecureString $Password -AsPlainText -Force))
Connect-BulkEnroll -TenantUri $TenantUri -Credential $credential | Out-Null
$clock = [Diagnostics.Stopwatch]::StartNew()
$count = @(Import-Csv $Csv | Set-DeviceAssignment | Where-Object { "$($_.Status)" -eq 'Assigned' }).Count
$clock.Stop()
[pscustomobject]@{ count = $count; seconds = $clock.Elapsed.TotalSeconds } | ConvertTo-Json -Compress
