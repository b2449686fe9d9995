# The same listing as an admin writes it without the module: Invoke-RestMethod, one page at a time.
param([string]$TenantUri, [string]$UserName, [string]$Password, [long]$SpaceId)
$ErrorActionPreference = 'Stop'
$credential = [pscredential]::new($UserName, (ConvertTo-SecureString $Password -AsPlainText -Force))
$api = @{ Credential = $credential; Authentication = 'Basic'; AllowUnencryptedAuthentication = $true } # loopback sandbox: http
$base = $TenantUri.TrimEnd('/')
Invoke-RestMethod "$base/api/v1/account?q=windows-bulkenroll-user1&rows=1&start=0" @api | Out-Null # warm-up, as the module's
$clock = [Diagnostics.Stopwatch]::StartNew()
$generic = (Invoke-RestMethod "$base/api/v1/account?q=windows-bulkenroll&rows=500&start=0" @api).result.searchResults |
    Where-Object { $_.uid -like 'windows-bulkenroll*' }
$count = (& {
        foreach ($user in $generic) {
            $fq = [uri]::EscapeDataString("enrollerId=$($user.id) and platformType=WINDOWS_PHONE and registrationState=ACTIVE")
            $start = 0
            do {
                $page = (Invoke-RestMethod "$base/api/v1/device?dmPartitionId=$SpaceId&q=&fq=$fq&rows=500&start=$start" @api).result
                $page.searchResults
                $start += 500
            } while ($start -lt $page.totalCount)
        }
    } | Measure-Object).Count
$clock.Stop()
[pscustomobject]@{ count = $count; seconds = $clock.Elapsed.TotalSeconds } | ConvertTo-Json -Compress
