#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

BeforeAll {
    . (Join-Path $PSScriptRoot 'BulkEnroll.Common.ps1')
    Import-Module (Get-BulkEnrollTestModulePath) -Force
    $script:Sandbox = Start-BulkEnrollSandbox -Devices 1500
    Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $Sandbox.Admin
    $script:State = Get-SandboxState $Sandbox
    $script:SpaceId = (Get-BulkEnrollConnection).DeviceSpaceId
    $global = $SpaceId
    $script:Expected = @($State.devices | Where-Object { $_.bulkEnrolled -and $_.platformType -eq 'WINDOWS_PHONE' -and $_.dmPartitionId -eq $global })
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
