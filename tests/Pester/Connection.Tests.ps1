#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

BeforeAll {
    . (Join-Path $PSScriptRoot 'BulkEnroll.Common.ps1')
    Import-Module (Get-BulkEnrollTestModulePath) -Force
    $script:Sandbox = Start-BulkEnrollSandbox -Devices 100
}

AfterAll {
    Disconnect-BulkEnroll
    Stop-BulkEnrollSandbox $script:Sandbox
}

Describe 'Connect-BulkEnroll' {
    AfterEach { Disconnect-BulkEnroll }

    It 'connects with an API user and picks the default device space' {
        Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $Sandbox.Admin
        $connection = Get-BulkEnrollConnection
        $connection | Should -BeOfType ([BulkEnroll.BulkEnrollConnection])
        $connection.UserName | Should -Be 'api-admin@contoso.com'
        $connection.DeviceSpaceName | Should -Be 'Global'
        $connection.DeviceSpaces.Count | Should -Be 3
    }

    It 'returns the connection with -PassThru' {
        $connection = Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $Sandbox.Admin -PassThru
        $connection.TenantUri | Should -Be $Sandbox.Uri
    }

    It 'chooses a device space by name' {
        Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $Sandbox.Admin -DeviceSpace 'Paris Office'
        (Get-BulkEnrollConnection).DeviceSpaceName | Should -Be 'Paris Office'
    }

    It 'fails with Unauthorized for a wrong password and keeps no connection' {
        $wrong = [pscredential]::new('api-admin@contoso.com', (ConvertTo-SecureString 'wrong' -AsPlainText -Force))
        { Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $wrong -ErrorAction Stop } |
            Should -Throw -ErrorId 'Unauthorized,BulkEnroll.Commands.ConnectBulkEnrollCommand'
        Get-BulkEnrollConnection | Should -BeNullOrEmpty
    }

    It 'refuses plain http to a remote host before sending anything' {
        { Connect-BulkEnroll -TenantUri 'http://na1.mobileiron.com' -Credential $Sandbox.Admin -ErrorAction Stop } |
            Should -Throw -ErrorId 'InsecureTenantUri,BulkEnroll.Commands.ConnectBulkEnrollCommand'
    }

    It 'refuses -SkipCertificateCheck for a remote host' {
        { Connect-BulkEnroll -TenantUri 'https://na1.mobileiron.com' -Credential $Sandbox.Admin -SkipCertificateCheck -ErrorAction Stop } |
            Should -Throw -ErrorId 'SkipCertificateCheckNotLoopback,BulkEnroll.Commands.ConnectBulkEnrollCommand'
    }

    It 'reports an unknown device space' {
        { Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $Sandbox.Admin -DeviceSpace 'Nowhere' -ErrorAction Stop } |
            Should -Throw -ErrorId 'DeviceSpaceNotFound,BulkEnroll.Commands.ConnectBulkEnrollCommand'
    }

    It 'never shows the password in verbose or debug output' {
        $output = Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $Sandbox.Admin -Verbose -Debug 4>&1 5>&1 | Out-String
        $output | Should -Match 'Connected'
        $output | Should -Not -Match ([regex]::Escape($Sandbox.Admin.GetNetworkCredential().Password))
    }
}

Describe 'Disconnect-BulkEnroll and Get-BulkEnrollConnection' {
    It 'forgets the connection, after which API cmdlets say how to connect' {
        Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $Sandbox.Admin
        Disconnect-BulkEnroll
        Get-BulkEnrollConnection | Should -BeNullOrEmpty
        { Get-BulkEnrollDeviceSpace -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,BulkEnroll.Commands.GetBulkEnrollDeviceSpaceCommand'
    }

    It 'lets another runspace use a connection through -Connection' {
        $connection = Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $Sandbox.Admin -PassThru
        $modulePath = Get-BulkEnrollTestModulePath
        $names = Start-ThreadJob {
            Import-Module $using:modulePath
            (Get-BulkEnrollConnection) -eq $null
            Get-BulkEnrollDeviceSpace -Connection $using:connection | ForEach-Object Name
        } | Receive-Job -Wait -AutoRemoveJob
        $names[0] | Should -BeTrue
        $names | Should -Contain 'Global'
        Disconnect-BulkEnroll
    }
}

Describe 'Get-BulkEnrollDeviceSpace' {
    BeforeAll { Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $Sandbox.Admin }
    AfterAll { Disconnect-BulkEnroll }

    It 'lists every device space and marks the default one' {
        $spaces = Get-BulkEnrollDeviceSpace
        $spaces.Count | Should -Be 3
        ($spaces | Where-Object IsDefault).Name | Should -Be 'Global'
    }

    It 'filters by wildcard' {
        (Get-BulkEnrollDeviceSpace -Name 'Par*').Name | Should -Be 'Paris Office'
    }
}

Describe 'Test-BulkEnrollTenant' {
    BeforeAll { Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $Sandbox.Admin }
    AfterAll { Disconnect-BulkEnroll }

    It 'passes every check on the sandbox and reads only' {
        Clear-SandboxRequest $Sandbox
        $checks = @(Test-BulkEnrollTenant)
        $checks | Should -BeOfType ([BulkEnroll.TenantCheckResult])
        $checks.Check | Should -Contain 'AssignmentEndpoint'
        $checks | Where-Object Result -NE 'Passed' | ForEach-Object { "$($_.Check): $($_.Result) $($_.Received)" } | Should -BeNullOrEmpty
        $changes = @(Get-SandboxRequest $Sandbox | Where-Object method -NE 'GET')
        $changes.Count | Should -Be 1
        $changes[0].path | Should -Be '/api/v1/device/updateAccount'
        $changes[0].statusCode | Should -Be 400
    }

    It 'reports a failed check, with what the tenant answered, when the tenant fails' {
        Set-SandboxControl $Sandbox @{ fault503 = 1 }
        try { $auth = Test-BulkEnrollTenant | Where-Object Check -EQ 'Authentication' }
        finally { Set-SandboxControl $Sandbox @{ fault503 = 0 } }
        $auth.Result | Should -Be 'Failed'
        $auth.Received | Should -Match '503'
        $auth.ModuleAction | Should -Not -BeNullOrEmpty
    }
}
