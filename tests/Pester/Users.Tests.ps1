#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

BeforeAll {
    . (Join-Path $PSScriptRoot 'BulkEnroll.Common.ps1')
    Import-Module (Get-BulkEnrollTestModulePath) -Force
    $script:Sandbox = Start-BulkEnrollSandbox -Devices 200
    Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $Sandbox.Admin
}

AfterAll {
    Disconnect-BulkEnroll
    Stop-BulkEnrollSandbox $script:Sandbox
}

Describe 'New-BulkEnrollUser' {
    It 'creates windows-bulkenroll-<name>@<domain> with a generated password in .Credential' {
        $user = New-BulkEnrollUser -Name site-paris -Domain contoso.com
        $user | Should -BeOfType ([BulkEnroll.BulkEnrollUser])
        $user.UserPrincipalName | Should -Be 'windows-bulkenroll-site-paris@contoso.com'
        $user.Credential.UserName | Should -Be $user.UserPrincipalName
        $user.Credential.GetNetworkCredential().Password.Length | Should -Be 20
    }

    It 'creates numbered users with -Count' {
        (New-BulkEnrollUser -Name lab -Domain contoso.com -Count 3).UserPrincipalName |
            Should -Be @('windows-bulkenroll-lab-1@contoso.com', 'windows-bulkenroll-lab-2@contoso.com', 'windows-bulkenroll-lab-3@contoso.com')
    }

    It 'reports an existing user and creates only what is missing' {
        New-BulkEnrollUser -Name rerun-a -Domain contoso.com | Out-Null
        $created = New-BulkEnrollUser -Name rerun-a, rerun-b -Domain contoso.com -ErrorVariable problems -ErrorAction SilentlyContinue
        $created.UserPrincipalName | Should -Be 'windows-bulkenroll-rerun-b@contoso.com'
        $problems.FullyQualifiedErrorId | Should -Be 'UserAlreadyExists,BulkEnroll.Commands.NewBulkEnrollUserCommand'
        $problems.TargetObject | Should -Be 'windows-bulkenroll-rerun-a@contoso.com'
    }

    It 'refuses a UPN without the windows-bulkenroll prefix and sends nothing' {
        Clear-SandboxRequest $Sandbox
        { New-BulkEnrollUser -UserPrincipalName 'adele.vance@contoso.com' -ErrorAction Stop } |
            Should -Throw -ErrorId 'NotGenericUserName,BulkEnroll.Commands.NewBulkEnrollUserCommand'
        @(Get-SandboxRequest $Sandbox | Where-Object Method -EQ 'POST').Count | Should -Be 0
    }

    It 'refuses a weak -Password before anything is sent' {
        Clear-SandboxRequest $Sandbox
        $weak = ConvertTo-SecureString 'short' -AsPlainText -Force
        { New-BulkEnrollUser -Name weak -Domain contoso.com -Password $weak -ErrorAction Stop } |
            Should -Throw -ErrorId 'WeakPassword,BulkEnroll.Commands.NewBulkEnrollUserCommand'
        @(Get-SandboxRequest $Sandbox).Count | Should -Be 0
    }

    It 'takes names and UPNs from the pipeline' {
        $users = 'pipe-1', 'windows-bulkenroll-pipe-2@contoso.com' | New-BulkEnrollUser -Domain contoso.com
        $users.UserPrincipalName | Should -Be @('windows-bulkenroll-pipe-1@contoso.com', 'windows-bulkenroll-pipe-2@contoso.com')
    }

    It 'creates nothing with -WhatIf' {
        New-BulkEnrollUser -Name whatif -Domain contoso.com -WhatIf | Should -BeNullOrEmpty
        Get-BulkEnrollUser 'windows-bulkenroll-whatif@contoso.com' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'never shows a password in any stream or in the default view' {
        $secret = ConvertTo-SecureString 'Very-Secret-Pass-9' -AsPlainText -Force
        $text = New-BulkEnrollUser -Name secret -Domain contoso.com -Password $secret -Verbose -Debug *>&1 | Out-String
        $text | Should -Not -Match 'Very-Secret-Pass-9'
        (Get-BulkEnrollUser 'windows-bulkenroll-secret@contoso.com' | Format-Table | Out-String) | Should -Not -Match 'Very-Secret-Pass-9'
    }
}

Describe 'Get-BulkEnrollUser' {
    It 'lists the generic users with their enrolled device counts' {
        $users = Get-BulkEnrollUser
        $users.UserPrincipalName | Should -Contain 'windows-bulkenroll-user1@contoso.com'
        $users | ForEach-Object { $_.UserPrincipalName | Should -BeLike 'windows-bulkenroll*' }
        ($users | Where-Object UserPrincipalName -EQ 'windows-bulkenroll-user1@contoso.com').EnrolledDeviceCount | Should -BeGreaterThan 0
        $users | ForEach-Object { $_.Credential | Should -BeNullOrEmpty }
    }

    It 'reports an unknown exact name' {
        Get-BulkEnrollUser 'windows-bulkenroll-nobody@contoso.com' -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems.FullyQualifiedErrorId | Should -Be 'UserNotFound,BulkEnroll.Commands.GetBulkEnrollUserCommand'
    }
}

Describe 'Remove-BulkEnrollUser' {
    It 'refuses a user whose deletion would retire devices, says how many, and retires them only with -RetireDevices' {
        $upn = 'windows-bulkenroll-user1@contoso.com'
        $registered = @(Get-BulkEnrolledDevice -EnrolledBy $upn -Unassigned)
        $registered | Should -Not -BeNullOrEmpty
        { Remove-BulkEnrollUser $upn -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'UserHasDevices,BulkEnroll.Commands.RemoveBulkEnrollUserCommand' -ExpectedMessage "*would retire the * device(s) (*-RetireDevices*"
        Remove-BulkEnrollUser $upn -RetireDevices -Confirm:$false
        Get-BulkEnrollUser $upn -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        (Get-SandboxState $Sandbox).devices | Where-Object id -EQ $registered[0].Id | ForEach-Object registrationState | Should -Be 'RETIRE_PENDING'
    }

    It 'removes users from the pipeline and honours -WhatIf' {
        New-BulkEnrollUser -Name gone -Domain contoso.com | Out-Null
        Get-BulkEnrollUser 'windows-bulkenroll-gone*' | Remove-BulkEnrollUser -WhatIf
        Get-BulkEnrollUser 'windows-bulkenroll-gone*' | Should -Not -BeNullOrEmpty
        Get-BulkEnrollUser 'windows-bulkenroll-gone*' | Remove-BulkEnrollUser -Confirm:$false
        Get-BulkEnrollUser 'windows-bulkenroll-gone*' | Should -BeNullOrEmpty
    }

    It 'refuses real users' {
        { Remove-BulkEnrollUser 'adele.vance@contoso.com' -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'NotGenericUser,BulkEnroll.Commands.RemoveBulkEnrollUserCommand'
    }
}
