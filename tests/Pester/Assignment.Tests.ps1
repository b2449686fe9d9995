#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

BeforeAll {
    . (Join-Path $PSScriptRoot 'BulkEnroll.Common.ps1')
    Import-Module (Get-BulkEnrollTestModulePath) -Force
    $script:Sandbox = Start-BulkEnrollSandbox -Devices 1200 -ExtraArgument '--reassign-delay-ms', '50'
    Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $Sandbox.Admin
    $script:Waiting = [System.Collections.Generic.Queue[object]]::new([object[]]@(Get-BulkEnrolledDevice -Unassigned -RegistrationState ACTIVE -IncludeSerialNumber))
    $script:RealUsers = [System.Collections.Generic.Queue[string]]::new([string[]]@(
        (Get-SandboxState $Sandbox).devices | Where-Object { $_.ownerUid -notlike 'windows-bulkenroll*' } | ForEach-Object ownerUid | Sort-Object -Unique))

    function Get-NextDevice([int] $Count) { 1..$Count | ForEach-Object { $script:Waiting.Dequeue() } }
    function Get-NextUser { $script:RealUsers.Dequeue() }
    function Get-DeviceState([long] $Id) { (Get-SandboxState $Sandbox).devices | Where-Object id -EQ $Id }
    function Get-Reassignment { @(Get-SandboxRequest $Sandbox | Where-Object { $_.method -eq 'PUT' -and $_.path -eq '/api/v1/device/updateAccount' }) }
}

AfterAll {
    Disconnect-BulkEnroll
    Stop-BulkEnrollSandbox $script:Sandbox
}

Describe 'Set-DeviceAssignment' {
    BeforeEach { Clear-SandboxRequest $Sandbox }

    It 'assigns devices piped from Get-BulkEnrolledDevice and verifies them' {
        $devices = Get-NextDevice 3
        $user = Get-NextUser
        $results = $devices | Set-DeviceAssignment -UserPrincipalName $user
        $results.Status | Should -Be @('Assigned', 'Assigned', 'Assigned')
        $devices | ForEach-Object { (Get-DeviceState $_.Id).ownerUid | Should -Be $user }
    }

    It 'takes a CSV with the headers people use (Import-Csv | Set-DeviceAssignment)' {
        $devices = Get-NextDevice 3
        $users = 1..3 | ForEach-Object { Get-NextUser }
        $csv = Join-Path $TestDrive 'map.csv'
        @(
            [pscustomobject]@{ 'Serial Number' = $devices[0].SerialNumber; 'Assigned User' = $users[0] }
            [pscustomobject]@{ 'Serial Number' = $devices[1].SerialNumber; 'Assigned User' = $users[1] }
            [pscustomobject]@{ 'Serial Number' = $devices[2].SerialNumber; 'Assigned User' = $users[2] }
        ) | Export-Csv $csv -NoTypeInformation
        $results = Import-Csv $csv | Set-DeviceAssignment
        $results.Status | Should -Be @('Assigned', 'Assigned', 'Assigned')
        (Get-DeviceState $devices[1].Id).ownerUid | Should -Be $users[1]
    }

    It 'is safe to run again: already assigned devices are reported and nothing is sent' {
        $devices = Get-NextDevice 2
        $user = Get-NextUser
        $devices | Set-DeviceAssignment -UserPrincipalName $user | Out-Null
        Clear-SandboxRequest $Sandbox
        ($devices.Id | ForEach-Object { [pscustomobject]@{ DeviceId = $_; UPN = $user } } | Set-DeviceAssignment).Status |
            Should -Be @('AlreadyAssigned', 'AlreadyAssigned')
        Get-Reassignment | Should -BeNullOrEmpty
    }

    It 'sends nothing with -WhatIf' {
        Get-NextDevice 3 | Set-DeviceAssignment -UserPrincipalName (Get-NextUser) -WhatIf | Should -BeNullOrEmpty
        Get-Reassignment | Should -BeNullOrEmpty
    }

    It 'refuses devices that were not bulk enrolled, unknown users and generic targets, per item' {
        $direct = (Get-SandboxState $Sandbox).devices | Where-Object { -not $_.bulkEnrolled -and $_.platformType -eq 'WINDOWS_PHONE' -and $_.dmPartitionId -eq (Get-BulkEnrollConnection).DeviceSpaceId } | Select-Object -First 1
        $device = Get-NextDevice 1
        $rows = @(
            [pscustomobject]@{ Id = $direct.id; User = (Get-NextUser) }
            [pscustomobject]@{ Id = $device.Id; User = 'nobody@contoso.com' }
            [pscustomobject]@{ Id = $device.Id; User = 'windows-bulkenroll-user2@contoso.com' }
        )
        $results = $rows | Set-DeviceAssignment -ErrorVariable problems -ErrorAction SilentlyContinue
        $results.Status | Should -Be @('Failed', 'Failed', 'Failed')
        $problems.FullyQualifiedErrorId | Should -Contain 'NotBulkEnrolled,BulkEnroll.Commands.SetDeviceAssignmentCommand'
        $problems.FullyQualifiedErrorId | Should -Contain 'UserNotFound,BulkEnroll.Commands.SetDeviceAssignmentCommand'
        $problems.FullyQualifiedErrorId | Should -Contain 'TargetIsGenericUser,BulkEnroll.Commands.SetDeviceAssignmentCommand'
        Get-Reassignment | Should -BeNullOrEmpty
    }

    It "explains a ';'-separated CSV read with commas, row by row, and assigns it once read right" {
        $devices = Get-NextDevice 2
        $csv = Join-Path $TestDrive 'excel-fr.csv'
        $devices | ForEach-Object { [pscustomobject]@{ SerialNumber = $_.SerialNumber; UserPrincipalName = (Get-NextUser) } } |
            Export-Csv $csv -Delimiter ';' -NoTypeInformation
        $results = Import-Csv $csv | Set-DeviceAssignment -ErrorVariable problems -ErrorAction SilentlyContinue
        $results.Status | Should -Be @('Failed', 'Failed')
        $problems.FullyQualifiedErrorId | Should -Be (@('UserNotGiven,BulkEnroll.Commands.SetDeviceAssignmentCommand') * 2)
        $problems[1].Exception.Message | Should -BeLike "Row 2 (line 3 of a CSV file)*Import-Csv -Delimiter ';'*"
        Get-Reassignment | Should -BeNullOrEmpty
        (Import-Csv $csv -Delimiter ';' | Set-DeviceAssignment -ErrorAction Stop).Status | Should -Be @('Assigned', 'Assigned')
    }

    It 'makes a failure fatal with -ErrorAction Stop' {
        { [pscustomobject]@{ Id = 99999999; UPN = (Get-NextUser) } | Set-DeviceAssignment -ErrorAction Stop } |
            Should -Throw -ErrorId 'DeviceNotFound,BulkEnroll.Commands.SetDeviceAssignmentCommand'
    }

    It 'sends at most 10 devices per request' {
        $devices = Get-NextDevice 23
        $devices | Set-DeviceAssignment -UserPrincipalName (Get-NextUser) | Where-Object Status -NE 'Assigned' | Should -BeNullOrEmpty
        Get-Reassignment | ForEach-Object { $_.form.deviceIds.Split(',').Count | Should -BeLessOrEqual 10 }
    }

    It 'absorbs throttling and server errors and assigns every device exactly once' {
        Set-SandboxControl $Sandbox @{ fault429 = 0.1; fault500 = 0.05; fault503 = 0.05; faultConnectionReset = 0.05 }
        try {
            $devices = Get-NextDevice 20
            $user = Get-NextUser
            $results = $devices | Set-DeviceAssignment -UserPrincipalName $user -BatchSize 4
        }
        finally {
            Set-SandboxControl $Sandbox @{ fault429 = 0; fault500 = 0; fault503 = 0; faultConnectionReset = 0 }
        }

        $results.Status | Sort-Object -Unique | Should -Be 'Assigned'
        $devices | ForEach-Object { (Get-DeviceState $_.Id).reassignmentRequests | Should -Be 1 }
    }
}

Describe 'Set-DeviceAssignment against a tenant that dies mid-run' {
    AfterEach { Set-SandboxControl $Sandbox @{ faultConnectionReset = 0 } }

    It 'stops with one terminating TenantUnavailable error that lists the devices not done' {
        # A connection of its own: its circuit breaker opens here and nowhere else.
        $connection = Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $Sandbox.Admin -PassThru
        $devices = Get-NextDevice 40
        $user = Get-NextUser
        $results = [System.Collections.Generic.List[object]]::new()
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $caught = $null
        try {
            $i = 0
            $devices | ForEach-Object {
                if (++$i -eq 10) { Set-SandboxControl $Sandbox @{ faultConnectionReset = 1.0; postProcessingFaultShare = 0 } }
                $_
            } | Set-DeviceAssignment -UserPrincipalName $user -Connection $connection -ErrorVariable perItem -ErrorAction Continue |
                ForEach-Object { $results.Add($_) }
        }
        catch {
            $caught = $_
        }
        $clock.Stop()

        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'TenantUnavailable,*'
        $caught.Exception.Message | Should -Match 'stopped answering'
        $caught.Exception.Message | Should -Match 'device\(s\) were not done'
        $caught.Exception.Message | Should -Match 'Running the same command again is safe'
        # -ErrorVariable also holds the terminating error itself (wrapped); nothing else may be there.
        $others = $perItem | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] -and $_.Exception.Message -ne $caught.Exception.Message }
        @($others | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" }) | Should -Be @()
        ($results.Count + @($caught.TargetObject).Count) | Should -Be 40
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 30
        Disconnect-BulkEnroll -Connection $connection
    }
}
