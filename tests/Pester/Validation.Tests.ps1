#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

# examples/Validation/Tenant.Tests.ps1 is what an admin points at a real tenant. Here it runs against a sandbox
# over https, the way an admin runs it: in its own pwsh process (a nested Invoke-Pester in this session would share
# Pester's state), with nothing but environment variables, pinning the sandbox's self-signed certificate.
# The sandbox is first made healthy the way an admin would fix a tenant (assign the waiting devices, remove the
# generic user nobody uses, keep a package per generic user), never by loosening the example's checks.

BeforeAll {
    . (Join-Path $PSScriptRoot 'BulkEnroll.Common.ps1')
    $script:ModulePath = Get-BulkEnrollTestModulePath
    Import-Module $ModulePath -Force
    $script:Suite = Join-Path $RepoRoot 'examples/Validation/Tenant.Tests.ps1'
    $script:Sandbox = Start-BulkEnrollSandbox -Devices 200
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) ("bulkenroll-validation-{0}" -f [guid]::NewGuid())
    $script:PackageFolder = Join-Path $Work 'packages'
    New-Item -ItemType Directory -Path $PackageFolder -Force | Out-Null
    $script:RealUser = 'adele.vance@contoso.com'   # seeded in every sandbox
    # Every check the example has: Tenant API conformance 1, Validation settings 2, Generic users 2,
    # Bulk-enrolled devices 2, packages 5.
    $script:CheckCount = 12

    Connect-BulkEnroll -TenantUri $Sandbox.HttpsUri -Credential $Sandbox.Admin -TrustedCertificateSha256 $Sandbox.CertificateSha256 -ErrorAction Stop

    # A generic user that never enrolled anything is what the example's 'unused' check reports; its remedy is
    # removing the account (the sandbox seeds one such user).
    Get-BulkEnrollUser | Where-Object EnrolledDeviceCount -EQ 0 | Remove-BulkEnrollUser -Confirm:$false -ErrorAction Stop
    $secret = ConvertTo-SecureString $Sandbox.GenericUserPassword -AsPlainText -Force
    foreach ($user in Get-BulkEnrollUser) {
        New-BulkEnrollPackage -UserPrincipalName $user.UserPrincipalName -Secret $secret -DeviceNameTemplate 'VAL-%SERIAL%' `
            -DiscoveryServiceUrl $Sandbox.HttpsUri -OutputPath $PackageFolder -ErrorAction Stop -WarningAction SilentlyContinue | Out-Null  # no Wi-Fi: PCs on a cable
    }

    # Every device waiting on a generic user is assigned, except one that has waited far too long: the offender
    # the unhealthy run must name. Retired devices cannot be assigned; the example does not count them.
    $waiting = @(Get-BulkEnrolledDevice -Unassigned -RegistrationState ACTIVE -ErrorAction Stop)
    $script:Offender = $waiting | Where-Object { $_.EnrolledAt -lt (Get-Date).AddDays(-30) } | Select-Object -First 1
    if (-not $Offender) { throw 'The seeded sandbox has no device waiting more than 30 days on a generic user.' }
    function Set-RealUser {
        param([Parameter(Mandatory)] [object[]] $Device)
        $results = @($Device | Select-Object Id, @{ Name = 'UserPrincipalName'; Expression = { $RealUser } } | Set-DeviceAssignment -ErrorAction Stop)
        $results | Where-Object Status -NotIn 'Assigned', 'AlreadyAssigned' | Should -BeNullOrEmpty
    }
    Set-RealUser ($waiting | Where-Object Id -NE $Offender.Id)

    # Runs the example in a child pwsh with the Pester this session uses (its manifest: the #Requires of the example
    # needs the version), the admin's settings as environment variables, and returns one object per check: Path
    # (Describe.It), Result, Message; a file that could not run is one more, failed, entry.
    function Invoke-TenantSuite {
        $resultFile = Join-Path $Work ("run-{0}.json" -f [guid]::NewGuid())
        $quote = { param($text) "'" + ($text -replace "'", "''") + "'" }
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module $(& $quote (Join-Path (Get-Module Pester).ModuleBase 'Pester.psd1'))
`$config = New-PesterConfiguration
`$config.Run.Path = $(& $quote $Suite)
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'None'
`$run = Invoke-Pester -Configuration `$config
`$checks = @(`$run.Tests) + @(`$run.Containers | Where-Object { `$_.ErrorRecord.Count -gt 0 }) | ForEach-Object {
    [pscustomobject]@{
        Path    = if (`$_.ExpandedPath) { `$_.ExpandedPath } else { "file `$(`$_.Item)" }
        Result  = [string]`$_.Result
        Message = (@(`$_.ErrorRecord | ForEach-Object { `$_.Exception.Message }) -join [Environment]::NewLine)
    }
}
ConvertTo-Json -InputObject @(`$checks) -Depth 3 | Set-Content -LiteralPath $(& $quote $resultFile) -Encoding utf8
"@
        # This pwsh may be an apphost or 'dotnet pwsh.dll' (the repository's dotnet tool): start the same one.
        $executable = [Environment]::ProcessPath
        [string[]] $prefix = @()
        if ([IO.Path]::GetFileNameWithoutExtension($executable) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
        $settings = @{
            BULKENROLL_TENANT                     = $Sandbox.HttpsUri.AbsoluteUri
            BULKENROLL_TRUSTED_CERTIFICATE_SHA256 = $Sandbox.CertificateSha256
            # The read-only API user: the example only reads, and a read-only user is all it needs.
            BULKENROLL_USERNAME                   = $Sandbox.Credentials['api-readonly@contoso.com'].UserName
            BULKENROLL_PASSWORD                   = $Sandbox.Credentials['api-readonly@contoso.com'].GetNetworkCredential().Password
            BULKENROLL_PACKAGE_FOLDER             = $PackageFolder
            BULKENROLL_MODULE                     = $ModulePath
            # Left out on purpose, so the defaults are what is checked: BULKENROLL_DEVICE_SPACE (the default
            # space), BULKENROLL_MAX_UNASSIGNED_DAYS (7), BULKENROLL_MAX_UNUSED_DAYS (30), BULKENROLL_CREDENTIAL_FILE.
            BULKENROLL_DEVICE_SPACE               = $null
            BULKENROLL_MAX_UNASSIGNED_DAYS        = $null
            BULKENROLL_MAX_UNUSED_DAYS            = $null
            BULKENROLL_CREDENTIAL_FILE            = $null
        }
        $saved = @{}
        foreach ($name in $settings.Keys) {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $settings[$name])
        }
        try {
            $output = & $executable @prefix -NoProfile -NonInteractive -Command $script 2>&1 | Out-String
            if ($LASTEXITCODE -ne 0 -or -not (Test-Path -LiteralPath $resultFile)) { throw "The child pwsh failed (exit $LASTEXITCODE): $output" }
            Get-Content -LiteralPath $resultFile -Raw | ConvertFrom-Json
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
            Remove-Item -LiteralPath $resultFile -ErrorAction SilentlyContinue
        }
    }
}

AfterAll {
    Disconnect-BulkEnroll
    if ($Sandbox) { Stop-BulkEnrollSandbox $Sandbox }
    if ($Work) { Remove-Item -LiteralPath $Work -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'Tenant.Tests.ps1 against a tenant with one device left on its generic user' {
    BeforeAll {
        $script:Run = @(Invoke-TenantSuite)
        $script:StaleCheck = $Run | Where-Object Path -Like 'Bulk-enrolled devices.no device has stayed on a generic user*'
    }

    It 'fails the stale-device check and names the device, its id and its generic user' {
        $StaleCheck.Result | Should -Be 'Failed'
        $StaleCheck.Message | Should -Match ([regex]::Escape("$($Offender.Name) (id $($Offender.Id)) enrolled"))
        $StaleCheck.Message | Should -Match ([regex]::Escape($Offender.EnrolledBy))
    }

    It 'passes every other check: the failure is about that device only' {
        $Run.Count | Should -Be $CheckCount
        $Run | Where-Object { $_ -ne $StaleCheck -and $_.Result -ne 'Passed' } | ForEach-Object { "$($_.Path): $($_.Result) $($_.Message)" } |
            Should -BeNullOrEmpty
    }
}

Describe 'Tenant.Tests.ps1 against a healthy tenant over https' {
    BeforeAll {
        Set-RealUser $Offender
        $script:Run = @(Invoke-TenantSuite)
    }

    It 'runs every check of the example, none skipped' {
        $Run.Count | Should -Be $CheckCount
        @($Run | Where-Object Result -EQ 'Skipped').Count | Should -Be 0
    }

    It 'passes every check' {
        $Run | Where-Object Result -NE 'Passed' | ForEach-Object { "$($_.Path): $($_.Result) $($_.Message)" } | Should -BeNullOrEmpty
    }

    It 'connected with the pinned certificate over https, as the read-only API user' {
        $Run | Where-Object Path -Like 'Validation settings.names a tenant*' | ForEach-Object Result | Should -Be 'Passed'
        $requests = @(Get-SandboxRequest $Sandbox | Where-Object { $_.user -eq 'api-readonly@contoso.com' })
        $requests.Count | Should -BeGreaterThan 0
        # Test-BulkEnrollTenant's probe of the assignment endpoint names no account and no device: nothing to change.
        $changes = @($requests | Where-Object method -NE 'GET')
        $probes = @($changes | Where-Object { $_.method -eq 'PUT' -and $_.path -eq '/api/v1/device/updateAccount' -and
                @($_.form.PSObject.Properties).Count -eq 0 -and $_.statusCode -eq 400 })
        $probes.Count | Should -Be 2 -Because 'each run of the example probes the endpoint once'
        $changes | Where-Object { $probes -notcontains $_ } | Should -BeNullOrEmpty -Because 'the example only reads'
    }
}
