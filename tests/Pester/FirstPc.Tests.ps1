#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# examples/FirstPc/Compare-BulkEnrollPackage.ps1, the README's first-PC diff, on two packages built here.

BeforeAll {
    . (Join-Path $PSScriptRoot 'BulkEnroll.Common.ps1')
    Import-Module (Get-BulkEnrollTestModulePath) -Force
    $script:Sandbox = Start-BulkEnrollSandbox -Devices 1
    $script:Compare = Join-Path (Split-Path (Split-Path $PSScriptRoot)) 'examples/FirstPc/Compare-BulkEnrollPackage.ps1'
    $script:Secret = ConvertTo-SecureString $Sandbox.GenericUserPassword -AsPlainText -Force
    $script:Definition = @{ UserPrincipalName = 'windows-bulkenroll-user1@contoso.com'; Secret = $Secret; DeviceNameTemplate = 'PAR-%SERIAL%'; WarningAction = 'SilentlyContinue' }
}

AfterAll {
    Stop-BulkEnrollSandbox $script:Sandbox
}

Describe 'Compare-BulkEnrollPackage.ps1' {
    It 'prints nothing for two builds of the same definition' {
        $one = New-BulkEnrollPackage @Definition -OutputPath (New-Item "$TestDrive/one" -ItemType Directory) -PackageName same
        $two = New-BulkEnrollPackage @Definition -OutputPath (New-Item "$TestDrive/two" -ItemType Directory) -PackageName same
        & $Compare -Reference $one.Path -Difference $two.Path | Should -BeNullOrEmpty
    }

    It 'prints each setting that differs, with both values' {
        $one = New-BulkEnrollPackage @Definition -OutputPath (New-Item "$TestDrive/a" -ItemType Directory) -PackageName diff
        $other = $Definition.Clone()
        $other.DeviceNameTemplate = 'LYO-%SERIAL%'
        $other.DiscoveryServiceUrl = 'https://enroll.contoso.com/EnrollmentServer/Discovery.svc'
        $two = New-BulkEnrollPackage @other -OutputPath (New-Item "$TestDrive/b" -ItemType Directory) -PackageName diff
        $differences = @(& $Compare -Reference $one.Path -Difference $two.Path)
        $differences.Property | Sort-Object | Should -Be @('DeviceNameTemplate', 'DiscoveryServiceUrl')
        ($differences | Where-Object Property -EQ DeviceNameTemplate).Reference | Should -Be 'PAR-%SERIAL%'
        ($differences | Where-Object Property -EQ DeviceNameTemplate).Difference | Should -Be 'LYO-%SERIAL%'
    }
}
