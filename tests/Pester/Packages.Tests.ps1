#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

# The package cmdlets as an admin's script uses them. Byte-level proof (wimlib extracts exactly what was meant, the ICD
# driver with a fake ICD.exe, hostile files) lives in xunit: tests/BulkEnroll.Tests/Packages.

BeforeDiscovery {
    # $IsWindows does not exist in Windows PowerShell 5.1, which only runs on Windows.
    $onWindows = ($PSVersionTable.PSEdition -eq 'Desktop') -or $IsWindows
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'BulkEnroll.Common.ps1')
    Import-Module (Get-BulkEnrollTestModulePath) -Force
    $script:Sandbox = Start-BulkEnrollSandbox -Devices 20
    Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $Sandbox.Admin
    $script:Folder = Join-Path ([IO.Path]::GetTempPath()) ("bulkenroll-pester-{0}" -f [guid]::NewGuid())
    New-Item -ItemType Directory -Path $Folder | Out-Null
    $script:Secret = ConvertTo-SecureString $Sandbox.GenericUserPassword -AsPlainText -Force
    $script:WifiKey = ConvertTo-SecureString 'Pester-Wifi-Key-1' -AsPlainText -Force
    $script:Admin = [pscredential]::new('localadmin', (ConvertTo-SecureString 'Pester-Admin-Pass-1' -AsPlainText -Force))
    $script:Upn = 'windows-bulkenroll-user1@contoso.com'
}

AfterAll {
    Disconnect-BulkEnroll
    Stop-BulkEnrollSandbox $script:Sandbox
    Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'New-BulkEnrollPackage' {
    It 'builds one package per generic user piped from New-BulkEnrollUser' {
        $packages = New-BulkEnrollUser -Name pester-a, pester-b -Domain contoso.com |
            New-BulkEnrollPackage -OutputPath $Folder -DeviceNameTemplate 'PST-%RAND:6%' -WifiSsid Corp -WifiKey $WifiKey
        $packages.Count | Should -Be 2
        $packages | ForEach-Object {
            $_ | Should -BeOfType ([BulkEnroll.BulkEnrollPackage])
            $_.Builder | Should -Be 'Native'
            Test-Path $_.Path | Should -BeTrue
            $_.Size | Should -Be (Get-Item $_.Path).Length
            $_.Sha256 | Should -Be (Get-FileHash $_.Path -Algorithm SHA256).Hash.ToLowerInvariant()
        }
        $packages[0].PackageId | Should -Not -Be $packages[1].PackageId
        $packages.Name | Should -Be @('windows-bulkenroll-pester-a', 'windows-bulkenroll-pester-b')
    }

    It 'takes -UserPrincipalName and -Secret, and saves the project beside the package' {
        $package = New-BulkEnrollPackage -UserPrincipalName $Upn -Secret $Secret -OutputPath $Folder -PackageName Project -SaveProject
        $package.ProjectPath | Should -Be (Join-Path $Folder 'Project.customizations.xml')
        Test-Path $package.ProjectPath | Should -BeTrue
    }

    It 'writes nothing with -WhatIf' {
        New-BulkEnrollPackage -UserPrincipalName $Upn -Secret $Secret -OutputPath $Folder -PackageName WhatIf -WhatIf | Should -BeNullOrEmpty
        Test-Path (Join-Path $Folder 'WhatIf.ppkg') | Should -BeFalse
    }

    It 'keeps an existing package unless -Force is given' {
        $first = New-BulkEnrollPackage -UserPrincipalName $Upn -Secret $Secret -OutputPath $Folder -PackageName Again
        { New-BulkEnrollPackage -UserPrincipalName $Upn -Secret $Secret -OutputPath $Folder -PackageName Again -ErrorAction Stop } |
            Should -Throw -ErrorId 'PackageExists,BulkEnroll.Commands.NewBulkEnrollPackageCommand'
        $second = New-BulkEnrollPackage -UserPrincipalName $Upn -Secret $Secret -OutputPath $Folder -PackageName Again -Force
        $second.PackageId | Should -Not -Be $first.PackageId
    }

    It 'refuses <Case> with <ErrorId> and writes nothing' -ForEach @(
        @{ Case = 'a UPN without the prefix'; ErrorId = 'UpnNotBulkEnroll'; Extra = @{ UserPrincipalName = 'adele.vance@contoso.com' } }
        @{ Case = 'a name longer than 15 characters'; ErrorId = 'DeviceNameTooLong'; Extra = @{ DeviceNameTemplate = 'PARIS-OFFICE-%SERIAL%' } }
        @{ Case = 'HideOobe without a local account'; ErrorId = 'HideOobeWithoutAccount'; Extra = @{ HideOobe = $true } }
        @{ Case = 'a plain HTTP discovery URL'; ErrorId = 'DiscoveryUrlNotHttps'; Extra = @{ DiscoveryServiceUrl = 'http://login.mobileiron.com' } }
    ) {
        $parameters = @{ UserPrincipalName = $Upn; Secret = $Secret; OutputPath = (Join-Path $Folder 'refused'); PackageName = 'Refused' }
        foreach ($key in $Extra.Keys) { $parameters[$key] = $Extra[$key] }
        { New-BulkEnrollPackage @parameters -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,BulkEnroll.Commands.NewBulkEnrollPackageCommand"
        Test-Path (Join-Path $Folder 'refused') | Should -BeFalse
    }

    It 'writes the package readable by its owner only' -Skip:$onWindows {
        $package = New-BulkEnrollPackage -UserPrincipalName $Upn -Secret $Secret -OutputPath $Folder -PackageName Private
        ((Get-Item $package.Path).UnixFileMode.ToString()) | Should -Be 'UserRead, UserWrite'
    }

    It 'never shows a secret in any stream' {
        $text = New-BulkEnrollPackage -UserPrincipalName $Upn -Secret $Secret -OutputPath $Folder -PackageName Quiet -Force `
            -WifiSsid Corp -WifiKey $WifiKey -LocalAdminCredential $Admin -Verbose *>&1 | Out-String
        $text | Should -Not -Match ([regex]::Escape($Sandbox.GenericUserPassword))
        $text | Should -Not -Match 'Pester-Wifi-Key-1|Pester-Admin-Pass-1'
    }
}

Describe 'Get-BulkEnrollPackage' {
    It 'reads back what was built, secrets only as present or not' {
        $built = New-BulkEnrollPackage -UserPrincipalName $Upn -Secret $Secret -OutputPath $Folder -PackageName ReadBack `
            -DeviceNameTemplate 'RB-%SERIAL%' -WifiSsid Corp -WifiKey $WifiKey -LocalAdminCredential $Admin
        $info = Get-BulkEnrollPackage -Path $built.Path
        $info | Should -BeOfType ([BulkEnroll.BulkEnrollPackageInfo])
        $info.PackageId | Should -Be $built.PackageId
        $info.UserPrincipalName | Should -Be $Upn
        $info.AuthPolicy | Should -Be 'OnPremise'
        $info.DeviceNameTemplate | Should -Be 'RB-%SERIAL%'
        $info.WifiSsid | Should -Be 'Corp'
        $info.LocalAdminUserName | Should -Be 'localadmin'
        $info.HasEnrollmentSecret | Should -BeTrue
        $info.HasWifiKey | Should -BeTrue
        ($info | Format-List * | Out-String) | Should -Not -Match 'Pester-Wifi-Key-1|Pester-Admin-Pass-1'
    }

    It 'takes Get-ChildItem output' {
        $infos = Get-ChildItem $Folder -Filter *.ppkg | Get-BulkEnrollPackage
        $infos.Count | Should -Be @(Get-ChildItem $Folder -Filter *.ppkg).Count
    }

    It 'reports a damaged file with a stable id and reads the others' {
        $bad = Join-Path $Folder 'damaged.bin'
        Set-Content -Path $bad -Value 'not a provisioning package'
        $infos = Get-BulkEnrollPackage -Path $bad, (Join-Path $Folder 'ReadBack.ppkg') -ErrorVariable problems -ErrorAction SilentlyContinue
        @($infos).Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be 'PackageNotAWim,BulkEnroll.Commands.GetBulkEnrollPackageCommand'
        Remove-Item $bad
    }
}

Describe 'Test-BulkEnrollPackage' {
    BeforeAll {
        $script:Checked = New-BulkEnrollPackage -UserPrincipalName $Upn -Secret $Secret -OutputPath $Folder -PackageName Checked -Force `
            -DeviceNameTemplate 'CHK-%RAND:5%' -WifiSsid Corp -WifiKey $WifiKey -DiscoveryServiceUrl ([uri]::new($Sandbox.Uri, 'EnrollmentServer/Discovery.svc'))
    }

    It 'returns one result per check, in a stable order' {
        $results = Test-BulkEnrollPackage -Path $Checked.Path
        $results.Check | Should -Be @('Structure', 'DeviceNameTemplate', 'UpnPrefix', 'HideOobeWithoutAccount', 'Network', 'UpnExistsInTenant', 'Discovery')
        ($results | Where-Object Check -EQ 'UpnExistsInTenant').Result | Should -Be 'Passed'
        ($results | Where-Object Check -EQ 'Discovery').Result | Should -Be 'Skipped'
        $results | Where-Object Result -EQ 'Failed' | Should -BeNullOrEmpty
    }

    It 'asks the discovery service with -Online' {
        (Test-BulkEnrollPackage -Path $Checked.Path -Online | Where-Object Check -EQ 'Discovery').Result | Should -Be 'Passed'
    }

    It 'answers -Quiet with a single boolean' {
        Test-BulkEnrollPackage -Path $Checked.Path -Quiet | Should -BeTrue
        $unknown = New-BulkEnrollPackage -UserPrincipalName 'windows-bulkenroll-ghost@contoso.com' -Secret $Secret -OutputPath $Folder -PackageName Ghost -Force
        Test-BulkEnrollPackage -Path $unknown.Path -Quiet | Should -BeFalse
    }
}
