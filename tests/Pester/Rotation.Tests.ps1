#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

# Issue 18, point 2: a generic user's password is inside every package built for it, so a lost USB stick lets anyone
# enroll PCs. Reset-BulkEnrollUserPassword sets a new one on the tenant; then a PC applying the old package is
# refused and one applying a package built with the new credential enrolls (the sandbox's virtual devices, each in a
# process of its own, reading the .ppkg as a PC would). And a generic user whose PCs were all assigned away can be
# removed without -RetireDevices, its PCs staying active.

BeforeAll {
    . (Join-Path $PSScriptRoot 'BulkEnroll.Common.ps1')
    Import-Module (Get-BulkEnrollTestModulePath) -Force
    $script:Sandbox = Start-BulkEnrollSandbox -Devices 100
    Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $Sandbox.Admin
    $script:LocalAdmin = [pscredential]::new('localadmin', (ConvertTo-SecureString 'Local-Admin-Pass1' -AsPlainText -Force))
    function New-Package($User, [string] $Folder) {
        $User | New-BulkEnrollPackage -DeviceNameTemplate 'ROT-%SERIAL%' -LocalAdminCredential $LocalAdmin -DiscoveryServiceUrl $Sandbox.Uri `
            -OutputPath (New-Item -ItemType Directory -Force (Join-Path $TestDrive $Folder)).FullName -WarningAction SilentlyContinue
    }
    function Get-Device([string] $Serial) { (Get-SandboxState $Sandbox).devices | Where-Object serialNumber -EQ $Serial }

    $script:User = New-BulkEnrollUser -Name rotate -Domain contoso.com
    $script:OldPackage = New-Package $User 'old'
    $pc = Invoke-SandboxVirtualDevice -Package $OldPackage.Path -SerialNumber 'ROT0001' -Wired
    $pc.ExitCode | Should -Be 0 -Because "the package works before the rotation: $($pc.Output)"
}

AfterAll {
    Disconnect-BulkEnroll
    Stop-BulkEnrollSandbox $script:Sandbox
}

Describe 'Reset-BulkEnrollUserPassword' {
    It '-WhatIf returns nothing and sends nothing' {
        $before = (Get-SandboxState $Sandbox).version
        Clear-SandboxRequest $Sandbox
        Reset-BulkEnrollUserPassword $User.UserPrincipalName -WhatIf | Should -BeNullOrEmpty -Because 'no password was set, so there is none to return'
        @(Get-SandboxRequest $Sandbox | Where-Object method -NE 'GET') | Should -BeNullOrEmpty
        (Get-SandboxState $Sandbox).version | Should -Be $before
    }

    It 'sets a new strong password: the old package is refused, a package with the new one enrolls' {
        $reset = Reset-BulkEnrollUserPassword $User.UserPrincipalName -Confirm:$false
        $reset | Should -BeOfType ([BulkEnroll.BulkEnrollUser])
        $reset.Id | Should -Be $User.Id -Because 'the account is changed, not deleted and recreated'
        $new = $reset.Credential.GetNetworkCredential().Password
        $new | Should -Not -Be $User.Credential.GetNetworkCredential().Password
        $new.Length | Should -BeGreaterOrEqual 16
        $new | Should -MatchExactly '[A-Z]'
        $new | Should -MatchExactly '[a-z]'
        $new | Should -Match '[0-9]'

        $old = Invoke-SandboxVirtualDevice -Package $OldPackage.Path -SerialNumber 'ROT0002' -Wired
        $old.ExitCode | Should -Not -Be 0 -Because 'a package with the old password must no longer enroll'
        Get-Device 'ROT0002' | Should -BeNullOrEmpty

        $newPackage = New-Package $reset 'new'
        $ok = Invoke-SandboxVirtualDevice -Package $newPackage.Path -SerialNumber 'ROT0003' -Wired
        $ok.ExitCode | Should -Be 0 -Because $ok.Output
        (Get-Device 'ROT0003').enrollerUid | Should -Be $User.UserPrincipalName
        (Get-Device 'ROT0001').registrationState | Should -Be 'ACTIVE' -Because 'PCs enrolled before the rotation are not affected'
    }

    It 'with -Path rebuilds the saved packages in one command: the old copy is refused, the rebuilt package enrolls' {
        $site = New-BulkEnrollUser -Name rotate-site -Domain contoso.com
        $built = New-Package $site 'site'
        $folder = Split-Path $built.Path
        Test-Path $built.DefinitionPath | Should -BeTrue -Because 'New-BulkEnrollPackage saves the definition beside the package'
        Get-Content -Raw $built.DefinitionPath | Should -Not -Match ([regex]::Escape('Local-Admin-Pass1')) -Because 'the definition holds no secret'
        $lost = Copy-Item $built.Path (Join-Path $TestDrive 'lost-stick.ppkg') -PassThru

        # "What if:" goes to the host, not to a stream: a transcript sees it as the admin does.
        $transcript = Join-Path $TestDrive 'whatif.txt'
        Start-Transcript -LiteralPath $transcript | Out-Null
        try { Reset-BulkEnrollUserPassword $site.UserPrincipalName -Path $folder -LocalAdminCredential $LocalAdmin -WhatIf } finally { Stop-Transcript | Out-Null }
        Get-Content -Raw $transcript | Should -Match "What if:[\s\S]*rebuild 1 package[\s\S]*$([regex]::Escape((Split-Path -Leaf $built.Path)))" -Because '-WhatIf names the package it would rebuild'
        (Get-FileHash $built.Path).Hash | Should -Be $built.Sha256.ToUpperInvariant() -Because '-WhatIf rebuilt nothing'

        $rebuilt = Reset-BulkEnrollUserPassword $site.UserPrincipalName -Path $folder -LocalAdminCredential $LocalAdmin -Confirm:$false
        $rebuilt | Should -BeOfType ([BulkEnroll.BulkEnrollPackage])
        $rebuilt.Path | Should -Be $built.Path
        $rebuilt.PackageId | Should -Not -Be $built.PackageId

        $old = Invoke-SandboxVirtualDevice -Package $lost.FullName -SerialNumber 'ROT0004' -Wired
        $old.ExitCode | Should -Not -Be 0 -Because 'the package on the lost stick must no longer enroll'
        Get-Device 'ROT0004' | Should -BeNullOrEmpty
        $new = Invoke-SandboxVirtualDevice -Package $rebuilt.Path -SerialNumber 'ROT0005' -Wired
        $new.ExitCode | Should -Be 0 -Because $new.Output
        (Get-Device 'ROT0005').enrollerUid | Should -Be $site.UserPrincipalName
    }

    It 'refuses a real user and names an unknown one, changing nothing' {
        $before = (Get-SandboxState $Sandbox).version
        Reset-BulkEnrollUserPassword adele.vance@contoso.com, windows-bulkenroll-nobody@contoso.com -Confirm:$false -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.FullyQualifiedErrorId | Should -Be @('NotGenericUser,BulkEnroll.Commands.ResetBulkEnrollUserPasswordCommand', 'UserNotFound,BulkEnroll.Commands.ResetBulkEnrollUserPasswordCommand')
        (Get-SandboxState $Sandbox).version | Should -Be $before
    }

    It 'writes no password to any stream' {
        $all = Reset-BulkEnrollUserPassword $User.UserPrincipalName -Confirm:$false -Verbose *>&1
        $reset = $all | Where-Object { $_ -is [BulkEnroll.BulkEnrollUser] }
        $secret = $reset.Credential.GetNetworkCredential().Password
        ($all | Out-String) | Should -Not -Match ([regex]::Escape($secret))
    }
}

Describe 'Remove-BulkEnrollUser once every PC of the user is assigned away' {
    It 'removes the user without -RetireDevices and its assigned PCs stay active' {
        $enrolled = Get-BulkEnrolledDevice -EnrolledBy $User.UserPrincipalName
        $enrolled | Should -Not -BeNullOrEmpty
        $enrolled | Set-DeviceAssignment -UserPrincipalName adele.vance@contoso.com | ForEach-Object Status | Should -Not -Contain 'Failed'

        Remove-BulkEnrollUser $User.UserPrincipalName -Confirm:$false
        Get-BulkEnrollUser $User.UserPrincipalName -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        foreach ($d in $enrolled) {
            $state = (Get-SandboxState $Sandbox).devices | Where-Object id -EQ $d.Id
            $state.registrationState | Should -Be 'ACTIVE'
            $state.ownerUid | Should -Be 'adele.vance@contoso.com'
        }
    }
}
