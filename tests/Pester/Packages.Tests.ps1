#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

BeforeAll {
    . (Join-Path $PSScriptRoot 'BulkEnroll.Common.ps1')
    Import-Module (Get-BulkEnrollTestModulePath) -Force
    $script:Sandbox = Start-BulkEnrollSandbox -Devices 100
    Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $Sandbox.Admin
    $script:Secret = ConvertTo-SecureString $Sandbox.GenericUserPassword -AsPlainText -Force
    $script:LocalAdmin = [pscredential]::new('localadmin', (ConvertTo-SecureString 'Local-Admin-Pass1' -AsPlainText -Force))
    $script:WifiKey = ConvertTo-SecureString 'Wifi-Key-Pass-1' -AsPlainText -Force
    $script:Wimlib = Get-Command wimlib-imagex -ErrorAction SilentlyContinue
}

AfterAll {
    Disconnect-BulkEnroll
    Stop-BulkEnrollSandbox $script:Sandbox
}

Describe 'New-BulkEnrollPackage' {
    It 'builds a package for a user piped from New-BulkEnrollUser' {
        $package = New-BulkEnrollUser -Name pkg-pipe -Domain contoso.com |
            New-BulkEnrollPackage -DeviceNameTemplate 'PAR-%SERIAL%' -LocalAdminCredential $LocalAdmin -WifiSsid Corp -WifiKey $WifiKey -OutputPath $TestDrive
        $package | Should -BeOfType ([BulkEnroll.BulkEnrollPackage])
        $package.UserPrincipalName | Should -Be 'windows-bulkenroll-pkg-pipe@contoso.com'
        $package.DiscoveryServiceUrl | Should -Be 'https://login.mobileiron.com'
        Test-Path $package.Path | Should -BeTrue
        $package.Sha256 | Should -Be (Get-FileHash $package.Path -Algorithm SHA256).Hash
    }

    It 'is a WIM that wimlib verifies' {
        # An independent reader checks every package we write; CI installs it, so its absence is a failure, not a skip.
        $Wimlib | Should -Not -BeNullOrEmpty -Because 'wimlib-imagex verifies our packages: install it with apt-get install -y wimtools'
        $package = New-BulkEnrollPackage -UserPrincipalName windows-bulkenroll-user1@contoso.com -Secret $Secret -OutputPath $TestDrive -PackageName wimlib-check
        & wimlib-imagex verify $package.Path | Out-Null
        $LASTEXITCODE | Should -Be 0
    }

    It 'writes the Configuration Designer project with -SaveProject and only it with -ProjectOnly' {
        $saved = New-BulkEnrollPackage -UserPrincipalName windows-bulkenroll-user1@contoso.com -Secret $Secret -OutputPath $TestDrive -PackageName project -SaveProject
        Test-Path $saved.ProjectPath | Should -BeTrue
        $only = New-BulkEnrollPackage -UserPrincipalName windows-bulkenroll-user1@contoso.com -Secret $Secret -OutputPath (Join-Path $TestDrive 'only') -PackageName only -ProjectOnly
        Test-Path (Join-Path $TestDrive 'only/only.ppkg') | Should -BeFalse
        Test-Path $only.ProjectPath | Should -BeTrue
    }

    It 'refuses to overwrite without -Force' {
        New-BulkEnrollPackage -UserPrincipalName windows-bulkenroll-user1@contoso.com -Secret $Secret -OutputPath $TestDrive -PackageName twice | Out-Null
        { New-BulkEnrollPackage -UserPrincipalName windows-bulkenroll-user1@contoso.com -Secret $Secret -OutputPath $TestDrive -PackageName twice -ErrorAction Stop } |
            Should -Throw
        { New-BulkEnrollPackage -UserPrincipalName windows-bulkenroll-user1@contoso.com -Secret $Secret -OutputPath $TestDrive -PackageName twice -Force -ErrorAction Stop } |
            Should -Not -Throw
    }

    It 'writes nothing with -WhatIf' {
        New-BulkEnrollPackage -UserPrincipalName windows-bulkenroll-user1@contoso.com -Secret $Secret -OutputPath $TestDrive -PackageName whatif -WhatIf
        Test-Path (Join-Path $TestDrive 'whatif.ppkg') | Should -BeFalse
    }

    It 'refuses <Case> before writing anything' -ForEach @(
        @{ Case = 'a UPN without the prefix'; Arguments = @{ UserPrincipalName = 'adele.vance@contoso.com' } }
        @{ Case = 'a name template over 15 characters'; Arguments = @{ DeviceNameTemplate = 'CONTOSO-LAPTOP-%SERIAL%' } }
        @{ Case = 'a name template that can be all digits'; Arguments = @{ DeviceNameTemplate = '%RAND:8%' } }
        @{ Case = 'a non-https discovery URL'; Arguments = @{ DiscoveryServiceUrl = 'http://login.mobileiron.com' } }
        @{ Case = 'HideOobe without a local account'; Arguments = @{ HideOobe = $true } }
    ) {
        $parameters = @{ UserPrincipalName = 'windows-bulkenroll-user1@contoso.com'; Secret = $Secret; OutputPath = (Join-Path $TestDrive 'refused'); PackageName = 'refused' }
        foreach ($key in $Arguments.Keys) { $parameters[$key] = $Arguments[$key] }
        { New-BulkEnrollPackage @parameters -ErrorAction Stop } | Should -Throw
        Test-Path (Join-Path $TestDrive 'refused/refused.ppkg') | Should -BeFalse
    }

    It 'never shows a secret in any stream' {
        $text = New-BulkEnrollPackage -UserPrincipalName windows-bulkenroll-user1@contoso.com -Secret $Secret -LocalAdminCredential $LocalAdmin -WifiSsid Corp -WifiKey $WifiKey -OutputPath $TestDrive -PackageName quiet -Verbose -Debug *>&1 | Out-String
        $text | Should -Not -Match ([regex]::Escape($Sandbox.GenericUserPassword))
        $text | Should -Not -Match 'Local-Admin-Pass1'
        $text | Should -Not -Match 'Wifi-Key-Pass-1'
    }
}

Describe 'Get-BulkEnrollPackage' {
    BeforeAll {
        $script:Built = New-BulkEnrollPackage -UserPrincipalName windows-bulkenroll-user2@contoso.com -Secret $Secret -DeviceNameTemplate 'LYO-%RAND:5%' -WifiSsid Corp -WifiKey $WifiKey -OutputPath $TestDrive -PackageName readback -SaveProject
    }

    It 'reads back the identity and settings with the secrets masked' {
        $info = Get-BulkEnrollPackage $Built.Path
        $info.PackageId | Should -Be $Built.PackageId
        $info.UserPrincipalName | Should -Be 'windows-bulkenroll-user2@contoso.com'
        $info.DeviceNameTemplate | Should -Be 'LYO-%RAND:5%'
        $info.WifiSsid | Should -Be 'Corp'
        $info.HasEnrollmentSecret | Should -BeTrue
        ($info | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($Sandbox.GenericUserPassword))
    }

    It 'reads the project file and takes files from Get-ChildItem' {
        (Get-BulkEnrollPackage $Built.ProjectPath).UserPrincipalName | Should -Be 'windows-bulkenroll-user2@contoso.com'
        @(Get-ChildItem $TestDrive -Filter readback.ppkg | Get-BulkEnrollPackage).Count | Should -Be 1
    }

    It 'reports a file that is not a package without a .NET stack trace' {
        $bogus = Join-Path $TestDrive 'bogus.ppkg'
        Set-Content $bogus 'not a wim'
        Get-BulkEnrollPackage $bogus -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems | Should -HaveCount 1
        $problems[0].Exception.Message | Should -Not -Match '   at '
    }
}

Describe 'Test-BulkEnrollPackage' {
    BeforeAll {
        $script:Good = New-BulkEnrollPackage -UserPrincipalName windows-bulkenroll-user1@contoso.com -Secret $Secret -DeviceNameTemplate 'PAR-%SERIAL%' -WifiSsid Corp -WifiKey $WifiKey -OutputPath $TestDrive -PackageName good
        $script:Unknown = New-BulkEnrollPackage -UserPrincipalName windows-bulkenroll-nobody@contoso.com -Secret $Secret -OutputPath $TestDrive -PackageName unknown
    }

    It 'returns one result per check, all passed for a good package' {
        $results = Test-BulkEnrollPackage $Good.Path
        $results.Check | Should -Contain 'Structure'
        $results.Check | Should -Contain 'UpnExistsInTenant'
        ($results | Where-Object Result -EQ 'Failed') | Should -BeNullOrEmpty
        Test-BulkEnrollPackage $Good.Path -Quiet | Should -BeTrue
    }

    It 'fails UpnExistsInTenant for a generic user the tenant does not have' {
        ($Unknown | Test-BulkEnrollPackage | Where-Object Check -EQ 'UpnExistsInTenant').Result | Should -Be 'Failed'
        Test-BulkEnrollPackage $Unknown.Path -Quiet | Should -BeFalse
    }

    It 'warns when the package joins no network' {
        ($Unknown | Test-BulkEnrollPackage | Where-Object Check -EQ 'Network').Result | Should -Be 'Warning'
    }
}
