#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

# Issue 18, point 1: staged assignments. The reseller's list comes before the PCs; examples/Nightly/
# Invoke-NightlyAssignment.ps1 runs every night with `pwsh -File` until every row is done. Its exit code tells the
# scheduler whether anything failed: a row whose PC has not enrolled is NotEnrolledYet (exit 0), a bad row is a
# failure (exit 1). The PCs really enroll in between, from a package, as the sandbox's virtual devices.

BeforeAll {
    . (Join-Path $PSScriptRoot 'BulkEnroll.Common.ps1')
    $script:ModulePath = Get-BulkEnrollTestModulePath
    Import-Module $ModulePath -Force
    $script:Sandbox = Start-BulkEnrollSandbox -Devices 200
    Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $Sandbox.Admin
    $script:Wrapper = Join-Path $script:RepoRoot 'examples/Nightly/Invoke-NightlyAssignment.ps1'
    $script:Pwsh = [Environment]::ProcessPath
    $script:PwshArguments = @()
    if ([IO.Path]::GetFileNameWithoutExtension($Pwsh) -eq 'dotnet') { $script:PwshArguments = @(Join-Path $PSHOME 'pwsh.dll') }

    # The task's API credential, saved as the documentation says.
    $script:CredentialPath = Join-Path $TestDrive 'api.xml'
    $Sandbox.Admin | Export-Clixml -LiteralPath $CredentialPath

    $script:RealUsers = @((Get-SandboxState $Sandbox).devices | Where-Object { $_.ownerUid -notlike 'windows-bulkenroll*' } |
        ForEach-Object ownerUid | Sort-Object -Unique | Select-Object -First 4)
    $user = New-BulkEnrollUser -Name nightly -Domain contoso.com
    $la = [pscredential]::new('localadmin', (ConvertTo-SecureString 'Local-Admin-Pass1' -AsPlainText -Force))
    $script:Package = $user | New-BulkEnrollPackage -DeviceNameTemplate 'NGT-%SERIAL%' -LocalAdminCredential $la `
        -DiscoveryServiceUrl $Sandbox.Uri -OutputPath $TestDrive -WarningAction SilentlyContinue
    $script:Serials = 'NGT0001A', 'NGT0002B', 'NGT0003C'

    # The reseller's list: three PCs, each with its user; only the first two have enrolled so far.
    $script:Csv = Join-Path $TestDrive 'reseller.csv'
    0..2 | ForEach-Object { [pscustomobject]@{ 'Serial Number' = $Serials[$_]; UserPrincipalName = $RealUsers[$_] } } |
        Export-Csv -LiteralPath $Csv -NoTypeInformation
    foreach ($serial in $Serials[0..1]) {
        $pc = Invoke-SandboxVirtualDevice -Package $Package.Path -SerialNumber $serial -Wired
        $pc.ExitCode | Should -Be 0 -Because $pc.Output
    }

    function Invoke-Nightly([string] $CsvPath) {
        $log = Join-Path $TestDrive 'assign.log'
        $output = & $Pwsh @PwshArguments -NoProfile -File $Wrapper -CsvPath $CsvPath -TenantUri $Sandbox.Uri `
            -CredentialPath $CredentialPath -LogPath $log -ModulePath $ModulePath 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String); Log = @(Get-Content -LiteralPath $log)[-1] }
    }
}

AfterAll {
    Disconnect-BulkEnroll
    Stop-BulkEnrollSandbox $script:Sandbox
}

Describe 'Invoke-NightlyAssignment.ps1 run by a scheduler with pwsh -File' {
    It 'night 1: assigns the PCs that enrolled, leaves the other NotEnrolledYet, and exits 0' {
        $run = Invoke-Nightly $Csv
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Log | Should -Match ': 3 row\(s\): 2 assigned, 0 already assigned, 0 initiated, 1 not enrolled yet, 0 failed, 0 skipped; 1 left$'
        $run.Output | Should -Match "not enrolled yet: $($Serials[2]) -> $([regex]::Escape($RealUsers[2]))"
        $run.Output | Should -Not -Match 'DeviceNotFound' -Because 'a PC that has not enrolled is not an error'
        $state = (Get-SandboxState $Sandbox).devices
        ($state | Where-Object serialNumber -EQ $Serials[0]).ownerUid | Should -Be $RealUsers[0]
        ($state | Where-Object serialNumber -EQ $Serials[1]).ownerUid | Should -Be $RealUsers[1]
    }

    It 'night 2, once the last PC has enrolled: assigns it, sends nothing for the others, and exits 0 with nothing left' {
        $pc = Invoke-SandboxVirtualDevice -Package $Package.Path -SerialNumber $Serials[2] -Wired
        $pc.ExitCode | Should -Be 0 -Because $pc.Output
        Clear-SandboxRequest $Sandbox

        $run = Invoke-Nightly $Csv
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Log | Should -Match ': 3 row\(s\): 1 assigned, 2 already assigned, 0 initiated, 0 not enrolled yet, 0 failed, 0 skipped; 0 left$'
        $sent = @(Get-SandboxRequest $Sandbox | Where-Object { $_.method -eq 'PUT' -and $_.path -eq '/api/v1/device/updateAccount' })
        $sent.Count | Should -Be 1 -Because 'only the newly enrolled PC is reassigned'
        ((Get-SandboxState $Sandbox).devices | Where-Object serialNumber -EQ $Serials[2]).ownerUid | Should -Be $RealUsers[2]
    }

    It 'a list with a bad row: exits 1, names the row''s error, and still assigns the rest' {
        $pc = Invoke-SandboxVirtualDevice -Package $Package.Path -SerialNumber 'NGT0004D' -Wired
        $pc.ExitCode | Should -Be 0 -Because $pc.Output
        $bad = Join-Path $TestDrive 'bad.csv'
        @([pscustomobject]@{ 'Serial Number' = 'NGT0004D'; UserPrincipalName = $RealUsers[3] }
          [pscustomobject]@{ 'Serial Number' = 'NGT0009Z'; UserPrincipalName = 'nobody@contoso.com' }
          [pscustomobject]@{ 'Serial Number' = 'NGT0010Z'; UserPrincipalName = $RealUsers[3] }) | Export-Csv -LiteralPath $bad -NoTypeInformation

        $run = Invoke-Nightly $bad
        $run.ExitCode | Should -Be 1 -Because $run.Output
        $run.Output | Should -Match "There is no user 'nobody@contoso.com'"
        $run.Log | Should -Match ': 3 row\(s\): 1 assigned, 0 already assigned, 0 initiated, 1 not enrolled yet, 1 failed, 0 skipped; 2 left$'
    }

    It 'a list whose PCs have none enrolled yet: exits 0, every row NotEnrolledYet' {
        $early = Join-Path $TestDrive 'early.csv'
        @('NGT0011Y', 'NGT0012Y') | ForEach-Object { [pscustomobject]@{ SerialNumber = $_; UserPrincipalName = $RealUsers[0] } } |
            Export-Csv -LiteralPath $early -NoTypeInformation

        $run = Invoke-Nightly $early
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Log | Should -Match ': 2 row\(s\): 0 assigned, 0 already assigned, 0 initiated, 2 not enrolled yet, 0 failed, 0 skipped; 2 left$'
    }

    It 'a run that cannot connect exits 2' {
        $wrong = Join-Path $TestDrive 'wrong.xml'
        [pscredential]::new('api-admin@contoso.com', (ConvertTo-SecureString 'Wrong-Pass-99' -AsPlainText -Force)) | Export-Clixml -LiteralPath $wrong
        $output = & $Pwsh @PwshArguments -NoProfile -File $Wrapper -CsvPath $Csv -TenantUri $Sandbox.Uri -CredentialPath $wrong -ModulePath $ModulePath 2>&1
        $LASTEXITCODE | Should -Be 2 -Because ($output | Out-String)
    }
}

Describe 'Set-DeviceAssignment: NotEnrolledYet, -NotEnrolledAsError and -Summary' {
    It 'reports an unknown serial as NotEnrolledYet, with no error record' {
        $result = [pscustomobject]@{ SerialNumber = 'NGT0020X'; UserPrincipalName = $RealUsers[0] } | Set-DeviceAssignment -ErrorVariable errors
        $result.Status | Should -Be 'NotEnrolledYet'
        $result.SerialNumber | Should -Be 'NGT0020X'
        $errors | Should -BeNullOrEmpty
    }

    It 'makes it a DeviceNotFound failure with -NotEnrolledAsError' {
        $result = [pscustomobject]@{ SerialNumber = 'NGT0020X'; UserPrincipalName = $RealUsers[0] } |
            Set-DeviceAssignment -NotEnrolledAsError -ErrorVariable errors -ErrorAction SilentlyContinue
        $result.Status | Should -Be 'Failed'
        $errors[0].FullyQualifiedErrorId | Should -Be 'DeviceNotFound,BulkEnroll.Commands.SetDeviceAssignmentCommand'
    }

    It 'keeps an unknown device id an error: ids exist only once a PC has enrolled' {
        { Set-DeviceAssignment -Id 99999999 -UserPrincipalName $RealUsers[0] -ErrorAction Stop } |
            Should -Throw -ErrorId 'DeviceNotFound,BulkEnroll.Commands.SetDeviceAssignmentCommand'
    }

    It '-Summary writes one typed summary whose counts match its Results' {
        $out = @([pscustomobject]@{ SerialNumber = $Serials[0]; UserPrincipalName = $RealUsers[0] }
                 [pscustomobject]@{ SerialNumber = 'NGT0021X'; UserPrincipalName = $RealUsers[0] }) | Set-DeviceAssignment -Summary
        $out.Count | Should -Be 1
        $out | Should -BeOfType ([BulkEnroll.DeviceAssignmentSummary])
        $out.AlreadyAssigned | Should -Be 1
        $out.NotEnrolledYet | Should -Be 1
        $out.Remaining | Should -Be 1
        $out.IsComplete | Should -BeFalse
        ($out.Results.Status | Sort-Object) | Should -Be @('AlreadyAssigned', 'NotEnrolledYet')
    }
}
