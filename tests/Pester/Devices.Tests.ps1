#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

BeforeAll {
    . (Join-Path $PSScriptRoot 'BulkEnroll.Common.ps1')
    Import-Module (Get-BulkEnrollTestModulePath) -Force
    $script:Sandbox = Start-BulkEnrollSandbox -Devices 1500
    Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $Sandbox.Admin
    $script:State = Get-SandboxState $Sandbox
    $script:SpaceId = (Get-BulkEnrollConnection).DeviceSpaceId
    $global = $SpaceId
    $script:AnyState = @($State.devices | Where-Object { $_.bulkEnrolled -and $_.platformType -eq 'WINDOWS_PHONE' -and $_.dmPartitionId -eq $global })
    # What a listing shows unless other states are asked for: the devices that can be assigned now.
    $script:Expected = @($AnyState | Where-Object registrationState -EQ 'ACTIVE')
}

AfterAll {
    Disconnect-BulkEnroll
    Stop-BulkEnrollSandbox $script:Sandbox
}

Describe 'Get-BulkEnrolledDevice' {
    It 'lists every bulk-enrolled Windows device of the device space, across pages' {
        $devices = Get-BulkEnrolledDevice
        $devices.Count | Should -Be $Expected.Count
        $devices | ForEach-Object { $_ | Should -BeOfType ([BulkEnroll.BulkEnrolledDevice]); $_.EnrolledBy | Should -BeLike 'windows-bulkenroll*' }
    }

    It 'splits the fleet into -Unassigned and -Assigned' {
        $unassigned = @(Get-BulkEnrolledDevice -Unassigned)
        $assigned = @(Get-BulkEnrolledDevice -Assigned)
        ($unassigned.Count + $assigned.Count) | Should -Be $Expected.Count
        $unassigned | ForEach-Object { $_.AssignedTo | Should -BeNullOrEmpty }
        $assigned | ForEach-Object { $_.AssignedTo | Should -Not -BeLike 'windows-bulkenroll*' }
    }

    It 'lists only active devices unless other registration states are asked for, and names their state' {
        @($AnyState | Where-Object registrationState -NE 'ACTIVE').Count | Should -BeGreaterThan 10 -Because 'the seeded fleet holds retired PCs'
        (Get-BulkEnrolledDevice -Unassigned).RegistrationState | Sort-Object -Unique | Should -Be 'ACTIVE'
        $retired = @(Get-BulkEnrolledDevice -RegistrationState RETIRED, RETIRE_PENDING)
        $retired.Count | Should -Be @($AnyState | Where-Object registrationState -In 'RETIRED', 'RETIRE_PENDING').Count
        (Get-BulkEnrolledDevice -RegistrationState All).Count | Should -Be $AnyState.Count
    }

    It "runs an admin's first script: waiting devices to a CSV of serials, the CSV filled in, then assigned" {
        Push-Location $TestDrive
        try {
            Get-BulkEnrolledDevice -Unassigned -IncludeSerialNumber | Select-Object -First 25 |
                Select-Object SerialNumber, Name, @{ Name = 'UserPrincipalName'; Expression = { '' } } |
                Export-Csv .\map.csv -NoTypeInformation
            $users = @($State.devices | Where-Object { $_.ownerUid -notlike 'windows-bulkenroll*' } | ForEach-Object ownerUid | Sort-Object -Unique)
            $i = 0
            $rows = Import-Csv .\map.csv | ForEach-Object { $_.UserPrincipalName = $users[$i++ % $users.Count]; $_ }
            $rows | Export-Csv .\map.csv -NoTypeInformation
            $rows.Count | Should -Be 25
            $rows.SerialNumber | ForEach-Object { $_ | Should -Not -BeNullOrEmpty }

            Import-Csv .\map.csv | Set-DeviceAssignment -WhatIf -ErrorAction Stop | Should -BeNullOrEmpty
            $results = Import-Csv .\map.csv | Set-DeviceAssignment -ErrorAction Stop
            $results.Status | Sort-Object -Unique | Should -Be 'Assigned'
            $results.Count | Should -Be 25
        }
        finally { Pop-Location }
    }

    It 'filters by enrolling user with wildcards' {
        $devices = Get-BulkEnrolledDevice -EnrolledBy 'windows-bulkenroll-user1@*'
        $devices.Count | Should -Be @($Expected | Where-Object enrollerUid -EQ 'windows-bulkenroll-user1@contoso.com').Count
    }

    It 'reads serial numbers from hardware inventory only when asked' {
        (Get-BulkEnrolledDevice -EnrolledBy windows-bulkenroll-user2@contoso.com | Where-Object SerialNumber).Count | Should -Be 0
        $withSerials = Get-BulkEnrolledDevice -EnrolledBy windows-bulkenroll-user2@contoso.com -IncludeSerialNumber
        $withSerials | ForEach-Object { $_.SerialNumber | Should -Not -BeNullOrEmpty }
        $one = $withSerials | Select-Object -Index 3
        (Get-BulkEnrolledDevice -SerialNumber $one.SerialNumber).Id | Should -Be $one.Id
    }

    It 'gets devices by id from the pipeline and says why one is not listed' {
        # In the connected device space: a device of another space is (rightly) DeviceNotFound there.
        $direct = $State.devices | Where-Object { -not $_.bulkEnrolled -and $_.platformType -eq 'WINDOWS_PHONE' -and $_.dmPartitionId -eq $SpaceId } | Select-Object -First 1
        $bulk = $Expected[0]
        $found = $bulk.id, $direct.id | Get-BulkEnrolledDevice -ErrorVariable problems -ErrorAction SilentlyContinue
        $found.Id | Should -Be $bulk.id
        $problems.FullyQualifiedErrorId | Should -Be 'NotBulkEnrolled,BulkEnroll.Commands.GetBulkEnrolledDeviceCommand'
    }

    It 'streams: the first device arrives before the last page is read' {
        $first = Get-BulkEnrolledDevice | Select-Object -First 1
        $first | Should -Not -BeNullOrEmpty
    }

    It 'filters by last check-in time' {
        $cut = (Get-Date '2026-10-20')
        Get-BulkEnrolledDevice -LastCheckInBefore $cut | ForEach-Object { $_.LastCheckIn | Should -BeLessThan $cut }
    }

    It 'refuses -Assigned with -Unassigned' {
        { Get-BulkEnrolledDevice -Assigned -Unassigned -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConflictingFilters,BulkEnroll.Commands.GetBulkEnrolledDeviceCommand'
    }

    It 'shows a table with the columns admins need' {
        # In an 80-column console (Views.Tests.ps1 checks every type): each on the one header line, nothing past 80.
        $text = Get-BulkEnrolledDevice -EnrolledBy windows-bulkenroll-user1@contoso.com | Select-Object -First 3 | Out-String -Width 80
        $text | Should -Match '(?m)^Name\s+EnrolledBy\s+AssignedTo\s+State\s+LastCheckIn\s*$'
        $text | Should -Match "$([char]0x2026)user1@contoso\.com"  # the shared windows-bulkenroll prefix elided
        $text -split '\r?\n' | Where-Object Length -GT 80 | Should -BeNullOrEmpty
    }
}
