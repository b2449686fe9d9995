#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }

<#
.SYNOPSIS
    Validates a real Ivanti Neurons for MDM tenant's bulk enrollment with Pester 5. Runs nothing unless told which
    tenant: without BULKENROLL_TENANT every check is skipped and says why.

.DESCRIPTION
    Settings (environment variables, so the same file runs by hand, in a scheduled task or in a pipeline):

      BULKENROLL_TENANT               Tenant address, e.g. https://na1.mobileiron.com. Required.
      BULKENROLL_CREDENTIAL_FILE      An API user's PSCredential saved with
                                      Get-Credential | Export-Clixml <file> (Windows encrypts it for that user
                                      on that machine). Or:
      BULKENROLL_USERNAME, BULKENROLL_PASSWORD
                                      The API user, e.g. from a pipeline's secret store.
      BULKENROLL_TRUSTED_CERTIFICATE_SHA256
                                      SHA-256 of the tenant's certificate, only when the system does not trust
                                      it (a test tenant's self-signed one): that certificate alone is trusted,
                                      for that host alone. Leave it unset for Ivanti's SaaS.
      BULKENROLL_DEVICE_SPACE         Device space name; default: the tenant's default space.
      BULKENROLL_PACKAGE_FOLDER       Folder with the .ppkg files in use; the package checks are skipped without it.
      BULKENROLL_MAX_UNASSIGNED_DAYS  Days a device may stay on a generic user; default 7.
      BULKENROLL_MAX_UNUSED_DAYS      Days a generic user may exist without enrolling a device; default 30.
      BULKENROLL_MODULE               BulkEnroll.psd1 to import; default: the installed module.

    Only reads: nothing in the tenant or the folder is changed. (Test-BulkEnrollTenant's one PUT, to updateAccount,
    names no account and no device, so the tenant has nothing to change.)

.EXAMPLE
    $env:BULKENROLL_TENANT = 'https://na1.mobileiron.com'
    $env:BULKENROLL_CREDENTIAL_FILE = "$HOME\ivanti-api.xml"
    $env:BULKENROLL_PACKAGE_FOLDER = '\\fileserver\ppkg'
    Invoke-Pester -Path .\examples\Validation\Tenant.Tests.ps1 -Output Detailed
#>

BeforeDiscovery {
    $tenantGiven = -not [string]::IsNullOrWhiteSpace($env:BULKENROLL_TENANT)
    $packagesGiven = $tenantGiven -and -not [string]::IsNullOrWhiteSpace($env:BULKENROLL_PACKAGE_FOLDER)
}

BeforeAll {
    function Get-SettingNumber {
        param([string] $Name, [int] $Default)
        $text = [Environment]::GetEnvironmentVariable($Name)
        if ([string]::IsNullOrWhiteSpace($text)) { return $Default }
        $number = 0
        if (-not [int]::TryParse($text, [ref] $number) -or $number -lt 1) { throw "$Name must be a whole number of days, not '$text'." }
        $number
    }

    function Get-ApiCredential {
        if ($env:BULKENROLL_CREDENTIAL_FILE) {
            return Import-Clixml -Path $env:BULKENROLL_CREDENTIAL_FILE
        }

        if ($env:BULKENROLL_USERNAME -and $env:BULKENROLL_PASSWORD) {
            $secure = ConvertTo-SecureString -String $env:BULKENROLL_PASSWORD -AsPlainText -Force
            return New-Object System.Management.Automation.PSCredential ($env:BULKENROLL_USERNAME, $secure)
        }

        throw 'BULKENROLL_TENANT is set but no credential is: set BULKENROLL_CREDENTIAL_FILE, or BULKENROLL_USERNAME and BULKENROLL_PASSWORD.'
    }

    # One line per offender, so a failure lists every device or user to look at.
    function Format-Offender {
        param([Parameter(ValueFromPipeline)] $Item, [string] $Format, [string[]] $Property)
        process { $Format -f @($Property | ForEach-Object { $Item.$_ }) }
    }

    $script:TenantGiven = -not [string]::IsNullOrWhiteSpace($env:BULKENROLL_TENANT)
    if (-not $TenantGiven) {
        return
    }

    if ($env:BULKENROLL_MODULE) {
        Import-Module $env:BULKENROLL_MODULE -Force -ErrorAction Stop
    }
    else {
        Import-Module BulkEnroll -ErrorAction Stop
    }

    $connect = @{ TenantUri = $env:BULKENROLL_TENANT; Credential = (Get-ApiCredential) }
    if ($env:BULKENROLL_DEVICE_SPACE) { $connect.DeviceSpace = $env:BULKENROLL_DEVICE_SPACE }
    if ($env:BULKENROLL_TRUSTED_CERTIFICATE_SHA256) { $connect.TrustedCertificateSha256 = $env:BULKENROLL_TRUSTED_CERTIFICATE_SHA256 }
    Connect-BulkEnroll @connect -ErrorAction Stop

    $script:MaxUnassignedDays = Get-SettingNumber BULKENROLL_MAX_UNASSIGNED_DAYS 7
    $script:MaxUnusedDays = Get-SettingNumber BULKENROLL_MAX_UNUSED_DAYS 30
    $script:Now = Get-Date
    $script:GenericUsers = @(Get-BulkEnrollUser -ErrorAction Stop)
    $script:UnassignedDevices = @(Get-BulkEnrolledDevice -Unassigned -ErrorAction Stop)
}

AfterAll {
    if ($TenantGiven -and (Get-Command Disconnect-BulkEnroll -ErrorAction SilentlyContinue)) {
        Disconnect-BulkEnroll
    }
}

Describe 'Tenant API conformance' -Skip:(-not $tenantGiven) {
    BeforeAll {
        # Read-only checks of every assumption the module makes about the tenant's API (Test-BulkEnrollTenant).
        $script:TenantChecks = @(Test-BulkEnrollTenant -ErrorAction Stop)
    }

    It 'the tenant passes every check of Test-BulkEnrollTenant' {
        $TenantChecks | Where-Object Result -NE 'Passed' |
            Format-Offender -Format '{0}: {1}; received {2}; the module: {3}' -Property Check, Result, Received, ModuleAction |
            Should -BeNullOrEmpty -Because 'the module relies on each of these (Test-BulkEnrollTenant | Format-List shows what was sent); Unknown means there was nothing to look at yet, such as no PC enrolled by a generic user'
    }
}

Describe 'Validation settings' {
    It 'names a tenant in BULKENROLL_TENANT' {
        if (-not $TenantGiven) {
            Set-ItResult -Skipped -Because 'BULKENROLL_TENANT is not set, so no tenant is checked. Set it and a credential (see the top of this file) to run the checks'
            return
        }

        $env:BULKENROLL_TENANT | Should -Match '^https://'
        Get-BulkEnrollConnection | Should -Not -BeNullOrEmpty
    }

    It 'names a package folder in BULKENROLL_PACKAGE_FOLDER' {
        if (-not $env:BULKENROLL_PACKAGE_FOLDER) {
            Set-ItResult -Skipped -Because 'BULKENROLL_PACKAGE_FOLDER is not set, so the package checks are skipped'
            return
        }

        Test-Path -LiteralPath $env:BULKENROLL_PACKAGE_FOLDER -PathType Container | Should -BeTrue -Because 'the package folder must exist'
    }
}

Describe 'Generic users' -Skip:(-not $tenantGiven) {
    It 'there is at least one generic windows-bulkenroll user' {
        $GenericUsers.Count | Should -BeGreaterThan 0 -Because 'bulk enrollment needs a windows-bulkenroll* account'
    }

    It 'no generic user has gone unused for more than the allowed days' {
        $limit = $Now.AddDays(-$MaxUnusedDays)
        $unused = @($GenericUsers | Where-Object { $_.EnrolledDeviceCount -eq 0 -and $_.CreatedAt -and $_.CreatedAt -lt $limit })
        $unused | Format-Offender -Format '{0} (created {1:yyyy-MM-dd})' -Property UserPrincipalName, CreatedAt |
            Should -BeNullOrEmpty -Because "a generic user that enrolled nothing in $MaxUnusedDays days is a password to rotate or an account to remove"
    }

    # Ivanti's API does not say whether an account is locked out; a failed enrollment shows up as a PC that never
    # appears, which the package and device checks catch instead.
}

Describe 'Bulk-enrolled devices' -Skip:(-not $tenantGiven) {
    It 'no device has stayed on a generic user for more than the allowed days' {
        $limit = $Now.AddDays(-$MaxUnassignedDays)
        $stale = @($UnassignedDevices | Where-Object { $_.EnrolledAt -and $_.EnrolledAt -lt $limit })
        $stale | Format-Offender -Format '{0} (id {1}) enrolled {2:yyyy-MM-dd} by {3}' -Property Name, Id, EnrolledAt, EnrolledBy |
            Should -BeNullOrEmpty -Because "devices should be assigned to their real user within $MaxUnassignedDays days (Set-DeviceAssignment)"
    }

    It 'no device waiting for its user has a failed reassignment' {
        # Get-BulkEnrolledDevice finds devices through the generic users that exist, so a device always names one of
        # them in EnrolledBy; what can go wrong after that is an assignment the tenant did not complete.
        $failed = @($UnassignedDevices | Where-Object { $_.ReassignmentStatus -eq 'FAILED' })
        $failed | Format-Offender -Format '{0} (id {1}) enrolled by {2}' -Property Name, Id, EnrolledBy |
            Should -BeNullOrEmpty -Because 'the tenant failed to assign these devices to their real user: run Set-DeviceAssignment for them again'
    }
}

Describe 'Provisioning packages in BULKENROLL_PACKAGE_FOLDER' -Skip:(-not $packagesGiven) {
    BeforeAll {
        $script:PackageFiles = @(Get-ChildItem -LiteralPath $env:BULKENROLL_PACKAGE_FOLDER -Filter *.ppkg -File)
        # -LiteralPath with the full name: file names with [ ] are not patterns, and Windows PowerShell 5.1 would
        # otherwise bind some FileInfo objects by their bare name.
        $script:Packages = @($PackageFiles | ForEach-Object { Get-BulkEnrollPackage -LiteralPath $_.FullName -ErrorAction Stop })
    }

    It 'the folder holds at least one package' {
        $PackageFiles.Count | Should -BeGreaterThan 0 -Because "$env:BULKENROLL_PACKAGE_FOLDER should hold the .ppkg files technicians use"
    }

    It 'every package enrolls under a generic user' {
        $Packages | Where-Object { $_.UserPrincipalName -notlike 'windows-bulkenroll*' } |
            Format-Offender -Format '{0} enrolls as "{1}"' -Property Path, UserPrincipalName |
            Should -BeNullOrEmpty -Because 'Ivanti only bulk-enrolls under windows-bulkenroll* accounts'
    }

    It 'every package targets an existing generic user' {
        $known = @($GenericUsers | ForEach-Object { $_.UserPrincipalName })
        $Packages | Where-Object { $known -notcontains $_.UserPrincipalName } |
            Format-Offender -Format '{0} enrolls as {1}, which the tenant does not have' -Property Path, UserPrincipalName |
            Should -BeNullOrEmpty -Because 'PCs flashed with it would fail to enroll'
    }

    It 'every generic user is used by a package in this folder' {
        $used = @($Packages | ForEach-Object { $_.UserPrincipalName })
        $GenericUsers | Where-Object { $used -notcontains $_.UserPrincipalName } |
            Format-Offender -Format '{0} (created {1:yyyy-MM-dd}, {2} device(s))' -Property UserPrincipalName, CreatedAt, EnrolledDeviceCount |
            Should -BeNullOrEmpty -Because 'a generic user no package uses is a password nobody rotates'
    }

    It 'every package passes Test-BulkEnrollPackage' {
        $failed = @($PackageFiles | Where-Object { -not (Test-BulkEnrollPackage -LiteralPath $_.FullName -Quiet) } | ForEach-Object { $_.FullName })
        $failed | Should -BeNullOrEmpty -Because 'Test-BulkEnrollPackage -Path <file> shows which check failed'
    }
}
