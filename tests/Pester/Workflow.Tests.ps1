#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

# The admin's whole job in the real shell, against a sandbox tenant this suite starts: a generic user, its package,
# PCs enrolling with it, the reseller's CSV, the assignment; then the ways scripts run it (parallel runspaces, jobs)
# and the error semantics they rely on.

BeforeAll {
    . (Join-Path $PSScriptRoot 'BulkEnroll.Common.ps1')
    $script:ModulePath = Get-BulkEnrollTestModulePath
    Import-Module $ModulePath -Force
    # Any free HTTPS port: the default 5443 collides with another sandbox on the machine (a parallel build).
    $script:Sandbox = Start-BulkEnrollSandbox -Devices 400 -ExtraArgument '--reassign-delay-ms', '50'
    Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $Sandbox.Admin

    # Seeded devices still on a generic user and real users to give them to; each test takes its own.
    $script:Waiting = [System.Collections.Generic.Queue[object]]::new([object[]]@(
        Get-BulkEnrolledDevice -Unassigned -RegistrationState ACTIVE -IncludeSerialNumber))
    $script:RealUsers = [System.Collections.Generic.Queue[string]]::new([string[]]@(
        (Get-SandboxState $Sandbox).devices | Where-Object { $_.ownerUid -notlike 'windows-bulkenroll*' } | ForEach-Object ownerUid | Sort-Object -Unique))

    function Get-NextDevice([int] $Count) { 1..$Count | ForEach-Object { $script:Waiting.Dequeue() } }
    function Get-NextUser { $script:RealUsers.Dequeue() }
    function Get-DeviceState([long[]] $Id) { (Get-SandboxState $Sandbox).devices | Where-Object id -In $Id }
    function Get-Reassignment { @(Get-SandboxRequest $Sandbox | Where-Object { $_.method -eq 'PUT' -and $_.path -eq '/api/v1/device/updateAccount' }) }
    function Get-ChangingRequest { @(Get-SandboxRequest $Sandbox | Where-Object method -NE 'GET') }
}

AfterAll {
    Disconnect-BulkEnroll
    Stop-BulkEnrollSandbox $script:Sandbox
}

Describe 'The workflow: generic user, package, PCs enroll, reseller CSV, assignment' {
    # One story told in order: each step uses what the previous one made, as the admin's session does.
    BeforeAll {
        $script:Serials = @('5CG4120XKQ', '5CG4120XKR', 'PF4XK2Q9')
        $script:Csv = Join-Path $TestDrive 'map.csv'
    }

    It 'creates a new generic user and builds its package' {
        $script:User = New-BulkEnrollUser -Name wf-paris -Domain contoso.com
        $User.UserPrincipalName | Should -Be 'windows-bulkenroll-wf-paris@contoso.com'
        $User.Credential | Should -Not -BeNullOrEmpty

        $localAdmin = [pscredential]::new('localadmin', (ConvertTo-SecureString 'Local-Admin-Pass1' -AsPlainText -Force))
        $wifiKey = ConvertTo-SecureString 'Wifi-Key-Pass-1' -AsPlainText -Force
        # The sandbox's discovery service is plain http on loopback; the module warns about that, rightly.
        $script:Package = $User | New-BulkEnrollPackage -DeviceNameTemplate 'PAR-%SERIAL%' -LocalAdminCredential $localAdmin `
            -WifiSsid Corp -WifiKey $wifiKey -DiscoveryServiceUrl $Sandbox.Uri -OutputPath $TestDrive -WarningAction SilentlyContinue
        $Package.UserPrincipalName | Should -Be $User.UserPrincipalName
        Test-Path $Package.Path | Should -BeTrue
    }

    It 'enrolls each PC that applies the package, under the generic user' {
        $results = $Serials | ForEach-Object { Invoke-SandboxVirtualDevice -Package $Package.Path -SerialNumber $_ }
        $results | ForEach-Object { $_.ExitCode | Should -Be 0 -Because $_.Output }
        $state = (Get-SandboxState $Sandbox).devices | Where-Object enrollerUid -EQ $User.UserPrincipalName
        @($state).Count | Should -Be $Serials.Count
    }

    It 'lists exactly those PCs, with their serial numbers, by the user that enrolled them' {
        $script:Enrolled = @(Get-BulkEnrolledDevice -EnrolledBy $User.UserPrincipalName -IncludeSerialNumber)
        $Enrolled.SerialNumber | Sort-Object | Should -Be ($Serials | Sort-Object)
        $Enrolled | ForEach-Object {
            $_.Name | Should -Be "PAR-$($_.SerialNumber)"
            $_.RegistrationState | Should -Be 'ACTIVE'
            $_.AssignedTo | Should -BeNullOrEmpty
        }
        # Newly enrolled PCs wait for their user, so the default -Unassigned listing shows them.
        (Get-BulkEnrolledDevice -Unassigned -EnrolledBy $User.UserPrincipalName).Id | Sort-Object | Should -Be ($Enrolled.Id | Sort-Object)
    }

    It 'writes the serial-to-user map as a reseller would send it' {
        $script:Owners = @{}
        $Enrolled | ForEach-Object { $Owners[$_.SerialNumber] = Get-NextUser }
        # The headers resellers use, and columns the module has no use for.
        $Enrolled | ForEach-Object {
            [pscustomobject]@{ 'Order Number' = 'PO-4711'; 'Serial Number' = $_.SerialNumber; 'Model' = $_.Model; 'Email' = $Owners[$_.SerialNumber] }
        } | Export-Csv $Csv -NoTypeInformation
        (Import-Csv $Csv).'Serial Number' | Sort-Object | Should -Be ($Serials | Sort-Object)
    }

    It 'sends nothing with -WhatIf' {
        Clear-SandboxRequest $Sandbox
        Import-Csv $Csv | Set-DeviceAssignment -WhatIf | Should -BeNullOrEmpty
        Get-ChangingRequest | Should -BeNullOrEmpty
        Get-DeviceState $Enrolled.Id | ForEach-Object { $_.ownerUid | Should -Be $User.UserPrincipalName }
    }

    It 'assigns every PC of the CSV to its user' {
        Clear-SandboxRequest $Sandbox
        $results = Import-Csv $Csv | Set-DeviceAssignment
        $results | Should -HaveCount $Serials.Count
        $results | ForEach-Object {
            $_ | Should -BeOfType ([BulkEnroll.DeviceAssignmentResult])
            $_.Status | Should -Be 'Assigned'
            $_.UserPrincipalName | Should -Be $Owners[$_.SerialNumber]
            $_.PreviousUser | Should -Be $User.UserPrincipalName
        }
        Get-Reassignment | Should -Not -BeNullOrEmpty
    }

    It 'reports every PC as AlreadyAssigned when run again and sends no reassignment' {
        Clear-SandboxRequest $Sandbox
        $results = Import-Csv $Csv | Set-DeviceAssignment
        $results.Status | Should -Be (@('AlreadyAssigned') * $Serials.Count)
        Get-ChangingRequest | Should -BeNullOrEmpty
        Get-DeviceState $Enrolled.Id | ForEach-Object { $_.reassignmentRequests | Should -Be 1 }
    }

    It 'reads back each PC on its real owner, in the module and in the tenant' {
        $assigned = @(Get-BulkEnrolledDevice -Assigned -EnrolledBy $User.UserPrincipalName -IncludeSerialNumber)
        $assigned.SerialNumber | Sort-Object | Should -Be ($Serials | Sort-Object)
        $assigned | ForEach-Object { $_.AssignedTo | Should -Be $Owners[$_.SerialNumber] }
        Get-BulkEnrolledDevice -Unassigned -EnrolledBy $User.UserPrincipalName | Should -BeNullOrEmpty
        Get-DeviceState $Enrolled.Id | ForEach-Object {
            $_.ownerUid | Should -Be $Owners[$_.serialNumber]
            $_.enrollerUid | Should -Be $User.UserPrincipalName
        }
    }
}

Describe 'Parallel runspaces and background jobs' {
    AfterAll {
        # The parallel test connects as other API users; the tests after it work as the admin again.
        Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $Sandbox.Admin
    }

    It 'ForEach-Object -Parallel: each runspace works through the connection it is given' {
        # One connection per runspace, each as a different API user, so the tenant's log shows which one was used.
        $connections = @(
            Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $Sandbox.Admin -PassThru
            Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $Sandbox.Credentials['api-tenantadmin@contoso.com'] -PassThru
        )
        $work = $connections | ForEach-Object { [pscustomobject]@{ Connection = $_; DeviceIds = [long[]](Get-NextDevice 3).Id; User = Get-NextUser } }
        Clear-SandboxRequest $Sandbox
        $parent = [runspace]::DefaultRunspace.InstanceId

        $done = $work | ForEach-Object -ThrottleLimit 2 -Parallel {
            Import-Module $using:ModulePath
            [pscustomobject]@{
                Runspace       = [runspace]::DefaultRunspace.InstanceId
                OwnConnection  = Get-BulkEnrollConnection
                UserName       = $_.Connection.UserName
                DeviceIds      = $_.DeviceIds
                User           = $_.User
                Results        = @($_.DeviceIds | Set-DeviceAssignment -UserPrincipalName $_.User -Connection $_.Connection)
            }
        }

        $done | Should -HaveCount 2
        $done.Runspace | Sort-Object -Unique | Should -HaveCount 2
        $done.Runspace | Should -Not -Contain $parent
        $log = Get-Reassignment
        foreach ($slice in $done) {
            $slice.OwnConnection | Should -BeNullOrEmpty -Because 'a parallel runspace has no connection of its own'
            $slice.Results.Status | Should -Be (@('Assigned') * 3)
            Get-DeviceState $slice.DeviceIds | ForEach-Object { $_.ownerUid | Should -Be $slice.User }
            $sent = @($log | Where-Object { $_.form.deviceIds.Split(',') | Where-Object { [long]$_ -in $slice.DeviceIds } })
            $sent | Should -Not -BeNullOrEmpty
            $sent.user | Sort-Object -Unique | Should -Be $slice.UserName
        }
        $connections | ForEach-Object { $_.IsDisconnected | Should -BeFalse -Because 'connecting again must not close a connection handed out' }
        $connections | Disconnect-BulkEnroll
    }

    It 'Start-Job: the job imports the module, connects, lists and assigns; results come back deserialized' {
        $devices = Get-NextDevice 2
        $user = Get-NextUser
        $job = Start-Job -ArgumentList $ModulePath, $Sandbox.Uri, $Sandbox.Admin, ([long[]]$devices.Id), $user -ScriptBlock {
            param($ModulePath, $TenantUri, $Credential, $DeviceIds, $User)
            Import-Module $ModulePath
            Connect-BulkEnroll -TenantUri $TenantUri -Credential $Credential
            Get-BulkEnrolledDevice -Id $DeviceIds -IncludeSerialNumber
            $DeviceIds | Set-DeviceAssignment -UserPrincipalName $User
        }
        try {
            $null = $job | Wait-Job -Timeout 120
            $job.State | Should -Be 'Completed' -Because ($job.ChildJobs[0].JobStateInfo.Reason | Out-String)
            $output = @($job | Receive-Job)
        }
        finally {
            $job | Remove-Job -Force
        }

        $listed = @($output | Where-Object { $_.pstypenames -contains 'Deserialized.BulkEnroll.BulkEnrolledDevice' })
        $listed.Id | Sort-Object | Should -Be ($devices.Id | Sort-Object)
        $listed | ForEach-Object {
            $_.SerialNumber | Should -Be ($devices | Where-Object Id -EQ $_.Id).SerialNumber
            $_.EnrolledBy | Should -BeLike 'windows-bulkenroll*'
        }
        $assigned = @($output | Where-Object { $_.pstypenames -contains 'Deserialized.BulkEnroll.DeviceAssignmentResult' })
        $assigned | Should -HaveCount 2
        $assigned | ForEach-Object {
            "$($_.Status)" | Should -Be 'Assigned'
            $_.UserPrincipalName | Should -Be $user
            $_.DeviceId | Should -BeIn $devices.Id
        }
        Get-DeviceState $devices.Id | ForEach-Object { $_.ownerUid | Should -Be $user }
    }
}

Describe 'Error semantics a script relies on' {
    BeforeAll {
        $script:BadSerial = 'NO-SUCH-SERIAL-1'
        $script:NotFoundId = 'DeviceNotFound,BulkEnroll.Commands.SetDeviceAssignmentCommand'
        # A CSV batch of good rows with one bad row (a serial the tenant does not know) in the middle; a script that
        # wants such a row to be an error says -NotEnrolledAsError (without it the row is NotEnrolledYet: see Nightly.Tests).
        function New-Batch {
            $devices = Get-NextDevice 2
            $rows = @(
                [pscustomobject]@{ 'Serial Number' = $devices[0].SerialNumber; Email = Get-NextUser }
                [pscustomobject]@{ 'Serial Number' = $script:BadSerial; Email = Get-NextUser }
                [pscustomobject]@{ 'Serial Number' = $devices[1].SerialNumber; Email = Get-NextUser }
            )
            $csv = Join-Path $TestDrive ('batch-{0}.csv' -f [guid]::NewGuid())
            $rows | Export-Csv $csv -NoTypeInformation
            [pscustomobject]@{ Devices = $devices; Rows = @(Import-Csv $csv) }
        }
    }

    It 'writes one non-terminating error for the bad row, assigns the others, and leaves $? false' {
        $ErrorActionPreference = 'Continue'  # a script's default, stated: this is what the test is about
        $batch = New-Batch
        $results = $batch.Rows | Set-DeviceAssignment -NotEnrolledAsError -ErrorVariable problems 2>$null
        $succeeded = $?

        $succeeded | Should -BeFalse
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -Be $NotFoundId
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject.'Serial Number' | Should -Be $BadSerial
        ($results | Where-Object Status -EQ 'Assigned').SerialNumber | Sort-Object | Should -Be ($batch.Devices.SerialNumber | Sort-Object)
        Get-DeviceState $batch.Devices.Id | ForEach-Object { $_.ownerUid | Should -Not -BeLike 'windows-bulkenroll*' }
    }

    It 'collects the error quietly with -ErrorAction SilentlyContinue -ErrorVariable' {
        $batch = New-Batch
        $before = $Error.Count
        $results = $batch.Rows | Set-DeviceAssignment -NotEnrolledAsError -ErrorAction SilentlyContinue -ErrorVariable problems

        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -Be $NotFoundId
        @($results | Where-Object Status -EQ 'Assigned') | Should -HaveCount 2
        # SilentlyContinue still records it in $Error (only Ignore does not), as for any cmdlet.
        $Error.Count | Should -Be ($before + 1)
    }

    It 'makes the first failure terminating and catchable with -ErrorAction Stop' {
        $batch = New-Batch
        $caught = $null
        try {
            $batch.Rows | Set-DeviceAssignment -NotEnrolledAsError -ErrorAction Stop
            throw 'not reached'
        }
        catch {
            $caught = $_
        }

        $caught.FullyQualifiedErrorId | Should -Be $NotFoundId
        $caught.TargetObject.'Serial Number' | Should -Be $BadSerial
    }

    It 'stops a script that sets $ErrorActionPreference = Stop, like -ErrorAction Stop' {
        $batch = New-Batch
        $script = Join-Path $TestDrive 'assign.ps1'
        Set-Content $script @'
param($Rows)
$ErrorActionPreference = 'Stop'
$Rows | Set-DeviceAssignment -NotEnrolledAsError
'not reached'
'@
        $caught = $null
        try { $reached = & $script -Rows $batch.Rows }
        catch { $caught = $_ }

        $reached | Should -Not -Contain 'not reached'
        $caught.FullyQualifiedErrorId | Should -Be $NotFoundId
        $caught.TargetObject.'Serial Number' | Should -Be $BadSerial
    }

    It 'fails a bad parameter (<Case>) before anything is sent' -ForEach @(
        @{ Case = 'a batch size over 10'; Arguments = @{ BatchSize = 11 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = 'an empty user'; Arguments = @{ UserPrincipalName = '' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = 'a zero wait timeout'; Arguments = @{ WaitTimeout = [timespan]::Zero }; ErrorId = 'InvalidDuration' }
    ) {
        $devices = Get-NextDevice 2
        Clear-SandboxRequest $Sandbox
        $parameters = @{ UserPrincipalName = (Get-NextUser) }
        foreach ($key in $Arguments.Keys) { $parameters[$key] = $Arguments[$key] }

        $caught = $null
        try { $devices | Set-DeviceAssignment @parameters -ErrorAction SilentlyContinue }
        catch { $caught = $_ }

        $caught | Should -Not -BeNullOrEmpty -Because 'a bad parameter is terminating whatever -ErrorAction says'
        $caught.FullyQualifiedErrorId | Should -Be "$ErrorId,BulkEnroll.Commands.SetDeviceAssignmentCommand"
        Get-SandboxRequest $Sandbox | Should -BeNullOrEmpty
        Get-DeviceState $devices.Id | ForEach-Object { $_.ownerUid | Should -BeLike 'windows-bulkenroll*' }
    }
}
