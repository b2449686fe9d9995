#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

# A sample of the bad-input table (tests/BulkEnroll.Tests/BadInput) in the real shell, as an admin types it: CSV
# files written to disk by Export-Csv -Delimiter ';' and by hand, read back with Import-Csv. Each row must give its
# stable error id, a message that names the offending value or row, no stack trace, no secret in any stream, and
# leave the sandbox unchanged (same state version, no POST/PUT/DELETE).

BeforeAll {
    . (Join-Path $PSScriptRoot 'BulkEnroll.Common.ps1')
    Import-Module (Get-BulkEnrollTestModulePath) -Force
    $script:Sandbox = Start-BulkEnrollSandbox -Devices 200
    Connect-BulkEnroll -TenantUri $Sandbox.Uri -Credential $Sandbox.Admin -ErrorAction Stop
    $script:Secrets = @($Sandbox.Admin.GetNetworkCredential().Password, $Sandbox.GenericUserPassword)
    $script:RealUser = 'adele.vance@contoso.com'   # seeded in every sandbox
    $state = Get-SandboxState $Sandbox
    $unassigned = @($state.devices | Where-Object { $_.bulkEnrolled -and $_.registrationState -eq 'ACTIVE' -and $_.ownerUid -like 'windows-bulkenroll*' })
    $script:DeviceA = $unassigned[0]
    $script:DeviceB = $unassigned[1]

    # Excel in a ';' locale: written by Export-Csv, read back by an admin who forgot -Delimiter.
    $script:SemicolonCsv = Join-Path $TestDrive 'excel-fr.csv'
    @([pscustomobject]@{ Id = $DeviceA.id; UserPrincipalName = $RealUser }) | Export-Csv -LiteralPath $SemicolonCsv -Delimiter ';' -NoTypeInformation
    # Typed by hand: a decimal id, a row whose id and name are two devices, a generic user as the target.
    $script:HandCsv = Join-Path $TestDrive 'by-hand.csv'
    Set-Content -LiteralPath $HandCsv -Encoding utf8 -Value @(
        'DeviceId,Device Name,Assigned User'
        "1.5,,$RealUser"
        "$($DeviceA.id),$($DeviceB.deviceName),$RealUser"
        "$($DeviceB.id),,windows-bulkenroll-user2@contoso.com"
    )

    $script:PackageOut = Join-Path $TestDrive 'packages'
    New-Item -ItemType Directory -Path $PackageOut | Out-Null
    $script:Generic = ConvertTo-SecureString $Sandbox.GenericUserPassword -AsPlainText -Force

    # Runs one row and returns its ErrorRecords and everything it wrote, whatever the stream.
    function Invoke-Row([string] $Script) {
        $block = [scriptblock]::Create($Script)
        $records = [System.Collections.Generic.List[object]]::new()
        try {
            & $block *>&1 | ForEach-Object { $records.Add($_) }
        }
        catch {
            $records.Add($_)
        }

        [pscustomobject]@{
            Errors = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            Text   = ($records | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { "$($_.Exception.Message) $($_.ScriptStackTrace)" } else { "$_" } }) -join "`n"
        }
    }
}

AfterAll {
    Stop-BulkEnrollSandbox $Sandbox
}

Describe 'Bad input in the real shell' {
    It '<Name>: <ErrorId>' -ForEach @(
        @{ Name = 'literal name with a bracket'; Script = "New-BulkEnrollUser -Name 'CTS-[' -Domain contoso.com"; ErrorId = 'InvalidUserPrincipalName'; Names = 'windows-bulkenroll-CTS-[@contoso.com' }
        @{ Name = 'device name pattern with an unclosed bracket'; Script = "Get-BulkEnrolledDevice -Name 'CTS-['"; ErrorId = 'InvalidWildcardPattern'; Names = '-LiteralName' }
        @{ Name = 'user pattern with an unclosed bracket'; Script = "Get-BulkEnrollUser 'windows-bulkenroll-['"; ErrorId = 'InvalidWildcardPattern'; Names = "'windows-bulkenroll-['" }
        @{ Name = 'space pattern with an unclosed bracket'; Script = "Get-BulkEnrollDeviceSpace -Name 'CTS-['"; ErrorId = 'InvalidWildcardPattern'; Names = "'CTS-['" }
        @{ Name = 'weak local administrator password'; Script = "New-BulkEnrollPackage -UserPrincipalName windows-bulkenroll-user1@contoso.com -Secret `$Generic -OutputPath `$PackageOut -LocalAdminCredential ([pscredential]::new('localadmin', (ConvertTo-SecureString 'password1' -AsPlainText -Force)))"; ErrorId = 'WeakLocalAdminPassword'; Names = '3 of'; Secret = 'password1' }
        @{ Name = 'removing a generic user with devices'; Script = "Remove-BulkEnrollUser windows-bulkenroll-user1@contoso.com -Confirm:`$false"; ErrorId = 'UserHasDevices'; Names = '-RetireDevices' }
        @{ Name = 'removing a real user with -RetireDevices'; Script = "Remove-BulkEnrollUser `$RealUser -RetireDevices -Confirm:`$false"; ErrorId = 'NotGenericUser'; Names = 'adele.vance@contoso.com' }
        @{ Name = 'wrong API password'; Script = "Connect-BulkEnroll -TenantUri `$Sandbox.Uri -Credential ([pscredential]::new('api-admin@contoso.com', (ConvertTo-SecureString 'Wrong-Pass-99' -AsPlainText -Force)))"; ErrorId = 'Unauthorized'; Names = '401'; Secret = 'Wrong-Pass-99' }
        @{ Name = 'negative device id'; Script = "Set-DeviceAssignment -Id -1 -UserPrincipalName `$RealUser"; ErrorId = 'DeviceNotFound'; Names = '-1' }
        @{ Name = 'Export-Csv -Delimiter ; file read with commas'; Script = "Import-Csv -LiteralPath `$SemicolonCsv | Set-DeviceAssignment"; ErrorId = 'UserNotGiven'; Names = "Import-Csv -Delimiter ';'" }
        @{ Name = 'hand-made CSV: decimal id'; Script = "Import-Csv -LiteralPath `$HandCsv | Select-Object -First 1 | Set-DeviceAssignment"; ErrorId = 'InvalidDeviceId'; Names = "'1.5'" }
        @{ Name = 'hand-made CSV: id and name of two devices'; Script = "Import-Csv -LiteralPath `$HandCsv | Select-Object -Skip 1 -First 1 | Set-DeviceAssignment"; ErrorId = 'ConflictingDeviceKeys'; Names = 'DeviceB' }
        @{ Name = 'hand-made CSV: generic user as the target'; Script = "Import-Csv -LiteralPath `$HandCsv | Select-Object -Skip 2 | Set-DeviceAssignment"; ErrorId = 'TargetIsGenericUser'; Names = 'windows-bulkenroll-user2@contoso.com' }
        @{ Name = 'missing package'; Script = "Test-BulkEnrollPackage (Join-Path `$TestDrive 'nothere.ppkg')"; ErrorId = 'PackageNotFound'; Names = 'nothere.ppkg' }
        @{ Name = 'tenant test with a connection that is text'; Script = "Test-BulkEnrollTenant -Connection 'na1.mobileiron.com'"; ErrorId = 'CannotConvertArgumentNoMessage'; Names = "'Connection'" }
    ) {
        $before = (Get-SandboxState $Sandbox).version
        Clear-SandboxRequest $Sandbox

        $run = Invoke-Row $Script

        $error1 = $run.Errors | Where-Object { $_.FullyQualifiedErrorId -like "$ErrorId,*" -or $_.FullyQualifiedErrorId -eq $ErrorId } | Select-Object -First 1
        $error1 | Should -Not -BeNullOrEmpty -Because "the errors were: $($run.Errors.FullyQualifiedErrorId -join '; ')"
        $expected = if ($Names -eq 'DeviceB') { $DeviceB.deviceName } else { $Names }
        $error1.Exception.Message | Should -BeLike "*$([WildcardPattern]::Escape($expected))*"
        $error1.Exception.Message | Should -Not -Match '   at '
        foreach ($secret in @($Secrets) + @($Secret | Where-Object { $_ })) {
            $run.Text | Should -Not -BeLike "*$([WildcardPattern]::Escape($secret))*"
        }
        (Get-SandboxState $Sandbox).version | Should -Be $before
        @(Get-SandboxRequest $Sandbox | Where-Object method -NE 'GET') | Should -BeNullOrEmpty
        @(Get-ChildItem $PackageOut) | Should -BeNullOrEmpty
    }
}

Describe 'Completion of tenant objects in the real shell' {
    It 'completes the target user of Set-DeviceAssignment from the tenant, not from file names' {
        $line = 'Set-DeviceAssignment -Name PC1 -UserPrincipalName adele'
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches

        $completions.CompletionText | Should -Contain 'adele.vance@contoso.com'
        $completions.ResultType | Should -Not -Contain 'ProviderItem'
    }
}
