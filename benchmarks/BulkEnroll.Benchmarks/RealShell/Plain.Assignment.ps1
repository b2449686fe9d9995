# The same assignments as an admin writes them without the module, one call at a time: read the device, look the
# user up, updateAccount, then read the device back until the tenant shows the new owner (it reassigns asynchronously).
param([string]$TenantUri, [string]$UserName, [string]$Password, [long]$SpaceId, [string]$Csv)
$ErrorActionPreference = 'Stop'
$credential = [pscredential]::new($UserName, (ConvertTo-SecureString $Password -AsPlainText -Force))
$api = @{ Credential = $credential; Authentication = 'Basic'; AllowUnencryptedAuthentication = $true } # loopback sandbox: http
$base = $TenantUri.TrimEnd('/')
$rows = Import-Csv $Csv
$clock = [Diagnostics.Stopwatch]::StartNew()
$count = 0
foreach ($row in $rows) {
    $device = (Invoke-RestMethod "$base/api/v1/device/$($row.Id)?dmPartitionId=$SpaceId" @api).result
    $fq = [uri]::EscapeDataString("UID=$($row.UserPrincipalName)")
    $user = @((Invoke-RestMethod "$base/api/v1/account?fq=$fq&rows=1&start=0" @api).result.searchResults)[0]
    # As Ivanti's curl example: a form body (a hashtable -Body is not form-encoded for PUT).
    Invoke-RestMethod "$base/api/v1/device/updateAccount" -Method Put -ContentType 'application/x-www-form-urlencoded' `
        -Body "accountId=$($user.id)&deviceIds=$($device.id)" @api | Out-Null
    for ($try = 0; $try -lt 100; $try++) {
        $check = (Invoke-RestMethod "$base/api/v1/device/$($device.id)?dmPartitionId=$SpaceId" @api).result
        if ($check.ownerId -eq $user.id) { $count++; break }
        Start-Sleep -Milliseconds 50
    }
}
$clock.Stop()
[pscustomobject]@{ count = $count; seconds = $clock.Elapsed.TotalSeconds } | ConvertTo-Json -Compress
