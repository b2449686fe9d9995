#Requires -Version 7.2
<#
.SYNOPSIS
    The whole BulkEnroll workflow, step by step, against a sandbox tenant on this machine.

.DESCRIPTION
    Builds what is missing (the module folder with build.ps1 -Task Build, the sandbox with dotnet build), starts a
    sandbox tenant (src/BulkEnroll.Sandbox, `serve`, seed 42, on 127.0.0.1), imports the built module and runs the
    admin's job as it would be typed at a prompt: connect, create generic users, build a package, let PCs enroll with
    it (the sandbox's `enroll` verb plays the PCs at OOBE), list them, assign them from a CSV. Each step prints the
    commands and the objects they return. The sandbox is stopped at the end, whatever happened.

    Exit code 0 when every step ran without an unexpected error, 1 otherwise.

.PARAMETER Devices
    Devices the sandbox tenant is seeded with.

.PARAMETER LatencyMs
    Latency the sandbox adds to each request, as a tenant across the internet would.

.PARAMETER Configuration
    The build configuration to use (and to build, when missing).

.PARAMETER ModulePath
    A BulkEnroll.psd1 to import instead of out/BulkEnroll/<version>/BulkEnroll.psd1.

.PARAMETER SandboxPath
    A built BulkEnroll.Sandbox.dll to run instead of the one under src/BulkEnroll.Sandbox/bin/<Configuration>.

.EXAMPLE
    dotnet tool restore && dotnet pwsh -NoProfile -File examples/Walkthrough/Start-Walkthrough.ps1

.EXAMPLE
    ./examples/Walkthrough/Start-Walkthrough.ps1 -Devices 400 -LatencyMs 0 *> walkthrough.log
#>
[CmdletBinding()]
param(
    [ValidateRange(0, 1000000)] [int] $Devices = 2000,
    [ValidateRange(0, 60000)] [int] $LatencyMs = 20,
    [ValidateSet('Debug', 'Release')] [string] $Configuration = 'Release',
    [string] $ModulePath,
    [string] $SandboxPath
)

$ErrorActionPreference = 'Stop'
$repository = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

# The steps, as an admin types them. Variables prepared below: $ModuleManifest, $TenantUri, $ApiCredential, $Work
# (a scratch folder), $RealUsers, $LocalAdmin, $WifiKey, $DiscoveryUrl (the sandbox's enrollment service, https),
# $SandboxDll and $SandboxCertificateSha256 (for the PCs). ExpectedErrorId: the error a step is there to show (its
# FullyQualifiedErrorId up to the first comma); any other error fails the walkthrough.
$steps = @(
    @{ Title = 'Import the module and connect to the tenant (here: the sandbox)'
        Script = @'
Import-Module $ModuleManifest
Connect-BulkEnroll -TenantUri $TenantUri -Credential $ApiCredential
Get-BulkEnrollConnection
'@ }
    @{ Title = "The tenant's device spaces"
        Script = 'Get-BulkEnrollDeviceSpace' }
    @{ Title = 'Step 1: create generic windows-bulkenroll users (a password is generated for each)'
        Script = @'
$users = New-BulkEnrollUser -Name site-paris, site-lyon -Domain contoso.com
$users
'@ }
    @{ Title = 'Run it again: existing users are reported, never duplicated'
        Script = 'New-BulkEnrollUser -Name site-paris -Domain contoso.com -ErrorAction Continue'
        ExpectedErrorId = 'UserAlreadyExists' }
    @{ Title = 'Step 2: the provisioning package for site-paris (enrolls at OOBE: name, Wi-Fi, local admin, MDM)'
        Script = @'
$package = $users[0] | New-BulkEnrollPackage -DeviceNameTemplate 'PAR-%SERIAL%' -LocalAdminCredential $LocalAdmin `
    -WifiSsid 'Contoso-Setup' -WifiKey $WifiKey -DiscoveryServiceUrl $DiscoveryUrl -OutputPath $Work -SaveProject
$package
'@ }
    @{ Title = 'Check it before flashing a hundred PCs: structure, name, UPN in the tenant, and an MS-MDE2 discovery'
        Script = 'Test-BulkEnrollPackage $package.Path -Online -SkipCertificateCheck' }
    @{ Title = 'What is inside (secrets masked)'
        Script = 'Get-BulkEnrollPackage $package.Path' }
    @{ Title = 'Step 3: five PCs apply the package at OOBE (the sandbox plays them: each reads the .ppkg, discovers, enrolls)'
        Script = @'
foreach ($serial in '5CG4120XKQ', '5CG4120XKR', '5CG4120XKS', 'PF4XK2Q9', 'MJ0AB3C7') {
    dotnet $SandboxDll enroll --package $package.Path --serial $serial --manufacturer HP --model 'EliteBook 840 G10' `
        --trust-sha256 $SandboxCertificateSha256 --verbose no
    if ($LASTEXITCODE -ne 0) { Write-Error "PC $serial did not enroll." -ErrorId VirtualPcNotEnrolled }
}
'@ }
    @{ Title = 'The new PCs, enrolled by the generic user (serial numbers from hardware inventory)'
        Script = @'
$new = @(Get-BulkEnrolledDevice -EnrolledBy windows-bulkenroll-site-paris@contoso.com -IncludeSerialNumber)
$new
'@ }
    @{ Title = 'The generic users and how many devices each enrolled'
        Script = 'Get-BulkEnrollUser' }
    @{ Title = 'Step 4: the assignment list, as a CSV file (SerialNumber,UserPrincipalName)'
        Script = @'
$rows = for ($i = 0; $i -lt $new.Count; $i++) { '{0},{1}' -f $new[$i].SerialNumber, $RealUsers[$i] }
[IO.File]::WriteAllLines("$Work/assign.csv", [string[]](@('SerialNumber,UserPrincipalName') + $rows))
[IO.File]::ReadAllText("$Work/assign.csv")
'@ }
    @{ Title = 'Dry run: -WhatIf sends nothing'
        Script = 'Import-Csv "$Work/assign.csv" | Set-DeviceAssignment -WhatIf' }
    @{ Title = 'Assign: batches of up to 10 devices, then each device is read back'
        Script = 'Import-Csv "$Work/assign.csv" | Set-DeviceAssignment' }
    @{ Title = 'Run it again: already assigned devices are reported, nothing is sent'
        Script = 'Import-Csv "$Work/assign.csv" | Set-DeviceAssignment' }
    @{ Title = 'The PCs now belong to their users'
        Script = 'Get-BulkEnrolledDevice -EnrolledBy windows-bulkenroll-site-paris@contoso.com' }
    @{ Title = 'The seeded fleet: devices still on a generic user, across all generic users'
        Script = @'
$waiting = @(Get-BulkEnrolledDevice -Unassigned)
"$($waiting.Count) bulk-enrolled device(s) in the space wait for their user; the first five:"
$waiting[0..4]
'@ }
    @{ Title = 'Done: disconnect'
        Script = 'Disconnect-BulkEnroll' }
)

function Get-BuiltModule {
    if ($ModulePath) { return (Resolve-Path $ModulePath).Path }
    $version = (Import-PowerShellDataFile (Join-Path $repository 'BulkEnroll.psd1')).ModuleVersion
    $manifest = Join-Path $repository "out/BulkEnroll/$version/BulkEnroll.psd1"
    if (-not (Test-Path $manifest)) {
        # build.ps1's strict mode and preferences stay in its own script scope.
        & (Join-Path $repository 'build.ps1') -Task Build -Configuration $Configuration | Out-Host
    }
    $manifest
}

function Get-BuiltSandbox {
    if ($SandboxPath) { return (Resolve-Path $SandboxPath).Path }
    $project = Join-Path $repository 'src/BulkEnroll.Sandbox'
    $dll = Join-Path $project "bin/$Configuration/net10.0/BulkEnroll.Sandbox.dll"
    if (-not (Test-Path $dll)) {
        Write-Host "Building the sandbox (dotnet build -c $Configuration)..."
        dotnet build $project -c $Configuration --verbosity quiet --nologo | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "Building the sandbox failed (dotnet build exit code $LASTEXITCODE)." }
    }
    $dll
}

# A tenant is another machine: the sandbox runs as a process of its own and says where it listens in --info-file.
function Start-SandboxTenant {
    param([string] $Dll, [string] $Folder)
    $info = Join-Path $Folder 'sandbox.json'
    $arguments = @($Dll, 'serve', '--port', '0', '--https-port', '0', '--seed', '42', '--devices', $Devices, '--latency-ms', $LatencyMs, '--info-file', $info)
    $process = Start-Process -FilePath dotnet -ArgumentList $arguments -PassThru `
        -RedirectStandardOutput (Join-Path $Folder 'sandbox.out') -RedirectStandardError (Join-Path $Folder 'sandbox.err')
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (-not (Test-Path $info)) {
        if ($process.HasExited) { throw "The sandbox exited: $(Get-Content (Join-Path $Folder 'sandbox.err') -Raw)" }
        if ([DateTime]::UtcNow -gt $deadline) { Stop-Process -Id $process.Id; throw 'The sandbox did not start within 60 s.' }
        Start-Sleep -Milliseconds 100
    }
    $data = Get-Content $info -Raw | ConvertFrom-Json
    Remove-Item $info  # it holds the API passwords
    [pscustomobject]@{ Process = $process; Info = $data }
}

$outputRendering = $PSStyle.OutputRendering
# A log file or a pipe wants plain text, not the colour escapes of table headers.
$redirected = [Console]::IsOutputRedirected
if ($redirected) { $PSStyle.OutputRendering = 'PlainText' }
$Work = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "bulkenroll-walkthrough-$([guid]::NewGuid().ToString('n'))")).FullName
$tenant = $null
$failures = 0
try {
    $ModuleManifest = Get-BuiltModule
    $SandboxDll = Get-BuiltSandbox
    $tenant = Start-SandboxTenant -Dll $SandboxDll -Folder $Work
    $admin = $tenant.Info.users | Where-Object userName -EQ 'api-admin@contoso.com'
    $TenantUri = $tenant.Info.baseAddress
    $ApiCredential = [pscredential]::new($admin.userName, (ConvertTo-SecureString $admin.password -AsPlainText -Force))
    $DiscoveryUrl = if ($tenant.Info.httpsBaseAddress) { $tenant.Info.httpsBaseAddress } else { $tenant.Info.baseAddress }
    $SandboxCertificateSha256 = $tenant.Info.tlsCertificateSha256
    # People to give the PCs to: the seeded tenant's real users (owners that are not generic accounts).
    $state = Invoke-RestMethod -Uri ([uri]::new([uri]$TenantUri, '_sandbox/state'))
    $RealUsers = @($state.devices.ownerUid | Where-Object { $_ -notlike 'windows-bulkenroll*' } | Sort-Object -Unique | Select-Object -First 20)
    $LocalAdmin = [pscredential]::new('localadmin', (ConvertTo-SecureString 'Walkthrough-Local-Admin-1' -AsPlainText -Force))
    $WifiKey = ConvertTo-SecureString 'Walkthrough-Wifi-Key-1' -AsPlainText -Force

    Write-Host "Sandbox tenant on $TenantUri ($Devices devices, $LatencyMs ms latency per request)."
    Write-Host "Scratch folder: $Work"
    $number = 0
    foreach ($step in $steps) {
        $number++
        Write-Host ''
        Write-Host "=== $number. $($step.Title)"
        # The script as typed at a prompt; run in this scope, so that $users, $package... carry over to the next
        # steps; its objects through Out-Host; then its errors with the ids scripts catch them by. A step fails when
        # it threw or wrote an error other than the one it is there to show.
        foreach ($line in $step.Script -split "`r?`n") { Write-Host "PS> $line" }
        $stepErrors = $null
        try {
            $run = { Invoke-Command -NoNewScope -ScriptBlock ([scriptblock]::Create($step.Script)) -ErrorVariable stepErrors 2>$null }
            # A log file has no window to fit: tables get 160 columns there, and the console's own width on a console.
            if ($redirected) { . $run | Out-String -Stream -Width 160 | Out-Host } else { . $run | Out-Host }
        }
        catch {
            Write-Host "ERROR: $($_.Exception.Message)"
            $failures++
            continue
        }
        foreach ($record in $stepErrors) { Write-Host "ERROR: $record ($($record.FullyQualifiedErrorId))" }
        if (@($stepErrors | Where-Object { -not $step.ExpectedErrorId -or -not $_.FullyQualifiedErrorId.StartsWith("$($step.ExpectedErrorId),") }).Count) {
            $failures++
        }
    }
    Write-Host ''
    if ($failures -eq 0) { Write-Host "Walkthrough complete: $number steps against the sandbox, no unexpected error." }
    else { Write-Host "Walkthrough finished with $failures failing step(s)." }
}
catch {
    Write-Host "ERROR: $($_.Exception.Message)"
    $failures++
}
finally {
    if ($tenant -and -not $tenant.Process.HasExited) {
        Stop-Process -Id $tenant.Process.Id
        $tenant.Process.WaitForExit(10000) | Out-Null
    }
    Remove-Item $Work -Recurse -Force -ErrorAction SilentlyContinue
    $PSStyle.OutputRendering = $outputRendering
}
exit $(if ($failures -eq 0) { 0 } else { 1 })
