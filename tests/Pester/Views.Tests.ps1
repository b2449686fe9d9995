#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

# Issue 10, point 6: the default table of every output type, in an 80-column console, shows its key columns without
# wrapping a header or leaving a key column out. Real objects from the sandbox, rendered with Out-String -Width 80.
# The cases are keyed by type name; a type in BulkEnroll.Format.ps1xml or in a cmdlet's [OutputType] without a case
# here fails the first test.

BeforeDiscovery {
    # Header: the labels the 80-column table must show. Values: text that must appear whole on a row.
    $script:Cases = @(
        @{ Type = 'BulkEnroll.BulkEnrollConnection'; Header = 'UserName', 'Tenant', 'DeviceSpace', 'Throttled' }
        @{ Type = 'BulkEnroll.DeviceSpace'; Header = 'Name', 'Id', 'Default', 'Devices', 'Description' }
        @{ Type = 'BulkEnroll.BulkEnrollUser'; Header = 'UserPrincipalName', 'Devices', 'CreatedAt', 'Password' }
        @{ Type = 'BulkEnroll.BulkEnrolledDevice'; Header = 'Name', 'EnrolledBy', 'AssignedTo', 'State', 'LastCheckIn' }
        @{ Type = 'BulkEnroll.DeviceAssignmentResult'; Header = 'Device', 'UserPrincipalName', 'Status', 'Message' }
        @{ Type = 'BulkEnroll.BulkEnrollPackage'; Header = 'File', 'UserPrincipalName', 'NameTemplate', 'Size' }
        @{ Type = 'BulkEnroll.BulkEnrollPackageInfo'; Header = 'File', 'UserPrincipalName', 'NameTemplate', 'WifiSsid' }
        @{ Type = 'BulkEnroll.PackageTestResult'; Header = 'Check', 'Result', 'Message' }
        @{ Type = 'BulkEnroll.TenantCheckResult'; Header = 'Check', 'Result', 'Received' }
        @{ Type = 'BulkEnroll.LocalMdmEnrollment'; Header = 'UserPrincipalName', 'Generic', 'Enrolled', 'Ivanti', 'Type' }
        @{ Type = 'BulkEnroll.DeviceAssignmentSummary'; Header = 'Total', 'Assigned', 'AlreadyAssigned', 'NotEnrolledYet', 'Failed', 'Skipped', 'Remaining' }
        @{ Type = 'BulkEnroll.RolloutProgress'; Header = 'GenericUser', 'Enrolled', 'Assigned', 'Waiting', 'InProgress', 'Failed', 'Retired', 'Done%' }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'BulkEnroll.Common.ps1')
    Import-Module (Get-BulkEnrollTestModulePath) -Force
    # Any free HTTPS port: suites run side by side on one machine.
    $script:Sandbox = Start-BulkEnrollSandbox -Devices 400
    Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $Sandbox.Admin

    # The rendered table split into lines, trailing blanks kept out of the way.
    function Get-TableLine([object[]] $InputObject) {
        @(($InputObject | Out-String -Width 80) -split '\r?\n')
    }

    # The header line is the one above the first dashes line; a wrapped label would leave part of it on the line
    # above, which must be blank or the group header ("   Path: ...") followed by a blank line.
    function Get-HeaderLine([string[]] $Lines) {
        $dashes = [array]::FindIndex($Lines, [Predicate[string]] { param($l) $l -match '^-{2,}' })
        $dashes | Should -BeGreaterThan 1 -Because 'a table has a header and a dashes line'
        $Lines[$dashes - 2] | Should -Match '^\s*$' -Because "no header label wraps onto a second line:`n$($Lines -join "`n")"
        $Lines[$dashes - 1]
    }

    $la = [pscredential]::new('localadmin', (ConvertTo-SecureString 'Local-Admin-Pass1' -AsPlainText -Force))
    $wifiKey = ConvertTo-SecureString 'Wifi-Key-Pass-1' -AsPlainText -Force
    $user = New-BulkEnrollUser -Name paris -Domain contoso.com
    $package = $user | New-BulkEnrollPackage -DeviceNameTemplate 'PAR-%SERIAL%' -LocalAdminCredential $la -WifiSsid Corp -WifiKey $wifiKey -OutputPath $TestDrive -WarningAction SilentlyContinue
    $waiting = @(Get-BulkEnrolledDevice -Unassigned -RegistrationState ACTIVE -IncludeSerialNumber | Select-Object -First 2)
    $assigned = @($waiting[0] | Set-DeviceAssignment -UserPrincipalName adele.vance@contoso.com)
    # By serial, as a CSV row: the device is read afresh and found AlreadyAssigned.
    $assigned += [pscustomobject]@{ SerialNumber = $waiting[0].SerialNumber; UserPrincipalName = 'adele.vance@contoso.com' } | Set-DeviceAssignment
    # A PC that has not enrolled yet (staged assignment), and a row that fails.
    $assigned += [pscustomobject]@{ SerialNumber = 'NOSUCHSERIAL1'; UserPrincipalName = 'adele.vance@contoso.com' } | Set-DeviceAssignment
    $assigned += [pscustomobject]@{ SerialNumber = 'NOSUCHSERIAL2'; UserPrincipalName = 'adele.vance@contoso.com' } |
        Set-DeviceAssignment -NotEnrolledAsError -ErrorAction SilentlyContinue
    $summary = @([pscustomobject]@{ SerialNumber = $waiting[0].SerialNumber; UserPrincipalName = 'adele.vance@contoso.com' }
        [pscustomobject]@{ SerialNumber = 'NOSUCHSERIAL3'; UserPrincipalName = 'adele.vance@contoso.com' }
        [pscustomobject]@{ SerialNumber = $waiting[1].SerialNumber; UserPrincipalName = 'nobody@contoso.com' }) |
        Set-DeviceAssignment -Summary -ErrorAction SilentlyContinue

    # Get-BulkEnrollLocalEnrollment reads the Windows registry, which this OS has not: an object built the way the
    # reader builds one (public constructor, internal setters) stands in; xunit runs the cmdlet over a fake registry.
    $local = [BulkEnroll.LocalMdmEnrollment]::new()
    foreach ($pair in @{ EnrollmentId = [guid]::NewGuid().ToString(); UserPrincipalName = 'windows-bulkenroll-user1@contoso.com'
            DiscoveryServiceUrl = 'https://login.mobileiron.com'; ProviderId = 'MobileIron'; EnrollmentTypeNumber = 6; EnrollmentType = 'MdmEnrolled'; IsIvanti = $true; EnrollmentState = 1 }.GetEnumerator()) {
        [BulkEnroll.LocalMdmEnrollment].GetProperty($pair.Key).SetValue($local, $pair.Value)
    }

    $rollout = @(Get-BulkEnrollRolloutReport)
    $assignedDevice = Get-BulkEnrolledDevice -Assigned -RegistrationState ACTIVE | Select-Object -First 1
    $script:Samples = @{
        'BulkEnroll.BulkEnrollConnection'   = @{ Objects = @(Get-BulkEnrollConnection); Values = 'api-admin@contoso.com', $Sandbox.Uri.Authority, 'Global' }
        'BulkEnroll.DeviceSpace'            = @{ Objects = @(Get-BulkEnrollDeviceSpace); Values = 'Global', 'Paris Office', 'Lab Devices' }
        'BulkEnroll.BulkEnrollUser'         = @{ Objects = @($user) + @(Get-BulkEnrollUser | Select-Object -First 2)
            Values = 'windows-bulkenroll-paris@contoso.com', 'windows-bulkenroll-user1@contoso.com', 'in .Credential' }
        'BulkEnroll.BulkEnrolledDevice'     = @{ Objects = @($assignedDevice) + $waiting
            Values = @($assignedDevice.Name, $waiting[1].Name, 'ACTIVE', $assignedDevice.LastCheckIn.ToString('yyyy-MM-dd'),
                ($waiting[1].EnrolledBy -replace '^windows-bulkenroll-')) }
        'BulkEnroll.DeviceAssignmentResult' = @{ Objects = $assigned
            Values = $waiting[0].Name, 'adele.vance@contoso.com', 'Assigned', 'AlreadyAssigned', 'NotEnrolledYet', 'Failed', 'NOSUCHSERIAL1' }
        # Total 3: 1 already assigned, 1 not enrolled yet, 1 failed, 2 remaining; each number right under its label.
        'BulkEnroll.DeviceAssignmentSummary' = @{ Objects = @($summary); Values = ('{0,5} {1,8} {2,15} {3,14} {4,6} {5,7} {6,9}' -f 3, 0, 1, 1, 1, 0, 2) }
        'BulkEnroll.BulkEnrollPackage'      = @{ Objects = @($package); Values = 'windows-bulkenroll-paris.ppkg', "$([char]0x2026)paris@contoso.com", 'PAR-%SERIAL%' }
        'BulkEnroll.BulkEnrollPackageInfo'  = @{ Objects = @(Get-BulkEnrollPackage $package.Path); Values = 'windows-bulkenroll-paris.ppkg', "$([char]0x2026)paris@contoso.com", 'PAR-%SERIAL%', 'Corp' }
        'BulkEnroll.PackageTestResult'      = @{ Objects = @(Test-BulkEnrollPackage $package.Path -WarningAction SilentlyContinue)
            Values = 'HideOobeWithoutAccount', 'UpnExistsInTenant', 'Passed' }
        'BulkEnroll.TenantCheckResult'      = @{ Objects = @(Test-BulkEnrollTenant); Values = 'FilterByRegistrationState', 'AssignmentEndpoint', 'Passed', '400 (accountId:Required)' }
        'BulkEnroll.LocalMdmEnrollment'     = @{ Objects = @($local); Values = 'windows-bulkenroll-user1@contoso.com', 'MdmEnrolled', 'True' }
        'BulkEnroll.RolloutProgress'        = @{ Objects = $rollout
            Values = "$([char]0x2026)user1@contoso.com", 'Total', ('{0:0.0}' -f $rollout[-1].PercentAssigned), "$($rollout[-1].Enrolled)" }
    }
}

AfterAll {
    Disconnect-BulkEnroll
    Stop-BulkEnrollSandbox $script:Sandbox
}

Describe 'Default table views at 80 columns' {
    It 'checks every output type the module emits' {
        $module = Get-Module BulkEnroll
        $declared = $module.ExportedCmdlets.Values | ForEach-Object OutputType | ForEach-Object Type |
            Where-Object { $_ -and $_.Assembly -eq [BulkEnroll.BulkEnrollConnection].Assembly } | ForEach-Object FullName
        $formatted = ([xml](Get-Content (Join-Path $module.ModuleBase 'BulkEnroll.Format.ps1xml') -Raw)).Configuration.ViewDefinitions.View |
            ForEach-Object { $_.ViewSelectedBy.TypeName }
        $all = @($declared) + @($formatted) | Sort-Object -Unique
        $all | Should -Not -BeNullOrEmpty
        $all | Should -Be ($Samples.Keys | Sort-Object) -Because 'every output type needs a case in Views.Tests.ps1'
    }

    It '<Type>: fits, shows its key columns and values' -ForEach $Cases {
        $sample = $Samples[$Type]
        $sample.Objects | Should -Not -BeNullOrEmpty
        $sample.Objects | ForEach-Object { $_.GetType().FullName | Should -Be $Type }
        $lines = Get-TableLine $sample.Objects
        $text = $lines -join "`n"
        $lines | Where-Object Length -GT 80 | Should -BeNullOrEmpty -Because "no line may pass column 80:`n$text"
        $headerLine = Get-HeaderLine $lines
        ($headerLine -split '\s+' | Where-Object { $_ }) | Should -Be $Header -Because "the header shows the key columns:`n$text"
        foreach ($value in $sample.Values) {
            $text | Should -Match ([regex]::Escape($value)) -Because "'$value' must be visible:`n$text"
        }
    }

    It 'shows a device that is not ACTIVE as such' {
        $retired = @(Get-BulkEnrolledDevice -RegistrationState RETIRE_PENDING | Select-Object -First 1) +
            @(Get-BulkEnrolledDevice -RegistrationState RETIRED | Select-Object -First 1)
        $retired.Count | Should -Be 2 -Because 'the seeded tenant has devices in both states'
        $lines = Get-TableLine $retired
        $lines | Where-Object Length -GT 80 | Should -BeNullOrEmpty
        ($lines -match "^$([regex]::Escape($retired[0].Name))\s.*\sRETIRE_PENDING\s") | Should -Not -BeNullOrEmpty
        ($lines -match "^$([regex]::Escape($retired[1].Name))\s.*\sRETIRED\s") | Should -Not -BeNullOrEmpty
    }

    It 'gives a wider console more of a UPN' {
        $device = Get-BulkEnrolledDevice -Assigned -RegistrationState ACTIVE | Where-Object { $_.AssignedTo.Length -gt 19 } | Select-Object -First 1
        $device | Should -Not -BeNullOrEmpty
        ($device | Out-String -Width 80) | Should -Not -Match ([regex]::Escape($device.AssignedTo))
        ($device | Out-String -Width 120) | Should -Match ([regex]::Escape($device.AssignedTo))
    }
}
