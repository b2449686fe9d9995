@{
    RootModule             = 'BulkEnroll.dll'
    ModuleVersion          = '0.1.0'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = '5d0c3f6e-8a4b-4f7c-9a51-2b7e1c9d4f30'
    Author                 = 'BulkEnroll contributors'
    CompanyName            = 'BulkEnroll'
    Copyright              = '(c) 2026 BulkEnroll contributors. MIT License.'
    Description            = 'Windows bulk enrollment into Ivanti Neurons for MDM: generic windows-bulkenroll users, provisioning packages (.ppkg), bulk-enrolled devices and their assignment to real users.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    # Checks the .NET Framework version in Windows PowerShell before the DLL is loaded (the DLL cannot say it).
    ScriptsToProcess       = @('BulkEnroll.Requirements.ps1')
    FormatsToProcess       = @('BulkEnroll.Format.ps1xml')
    CmdletsToExport        = @(
        'Connect-BulkEnroll'
        'Disconnect-BulkEnroll'
        'Get-BulkEnrollConnection'
        'Get-BulkEnrollDeviceSpace'
        'Test-BulkEnrollTenant'
        'New-BulkEnrollUser'
        'Get-BulkEnrollUser'
        'Remove-BulkEnrollUser'
        'Reset-BulkEnrollUserPassword'
        'Get-BulkEnrolledDevice'
        'Set-DeviceAssignment'
        'Get-BulkEnrollRolloutReport'
        'New-BulkEnrollPackage'
        'Get-BulkEnrollPackage'
        'Test-BulkEnrollPackage'
        'Get-BulkEnrollLocalEnrollment'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('Ivanti', 'MobileIron', 'MDM', 'Windows', 'BulkEnrollment', 'ProvisioningPackage', 'ppkg', 'PSEdition_Desktop', 'PSEdition_Core', 'Linux', 'MacOS')
            # No ProjectUri or LicenseUri until the repository has a public home: a placeholder host would be a broken
            # link on the gallery page. The license ships in the module folder (LICENSE) and the package.
            ReleaseNotes = '0.1.0: first release. Generic users, provisioning packages, bulk-enrolled devices, assignment to real users, tenant self-test, local enrollment check and the rollout report (Get-BulkEnrollRolloutReport). CHANGELOG.md in the source repository has the details.'
        }
    }
}
