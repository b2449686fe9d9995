# Lists the fleet with the built module, as an admin would in a console. Prints {count, seconds} as JSON.
param([string]$Module, [string]$TenantUri, [string]$UserName, [string]$Password, [int]$ThrottleLimit = 8)
$ErrorActionPreference = 'Stop'
Import-Module $Module
$credential = [pscredential]::new($UserName, (ConvertTo-SecureString $Password -AsPlainText -Force))
Connect-BulkEnroll -TenantUri $TenantUri -Credential $credential -MaxConcurrentRequests $ThrottleLimit | Out-Null
Get-BulkEnrolledDevice -EnrolledBy windows-bulkenroll-user1@contoso.com | Out-Null # warm-up (JIT), as the plain script's
$clock = [Diagnostics.Stopwatch]::StartNew()
$count = (Get-BulkEnrolledDevice -ThrottleLimit $ThrottleLimit | Measure-Object).Count
$clock.Stop()
[pscustomobject]@{ count = $count; seconds = $clock.Elapsed.TotalSeconds } | ConvertTo-Json -Compress
