@{
    RootModule             = 'BulkEnroll.dll'
    ModuleVersion          = '0.1.0'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = '5d0c3f6e-8a4b-4f7c-9a51-2b7e1c9d4f30'
    Author                 = 'BulkEnroll contributors'
    CompanyName            = 'BulkEnroll'
    Copyright              = '(c) BulkEnroll contributors. All rights reserved.'
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
        'Get-BulkEnrolledDevice'
        'Set-DeviceAssignment'
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
            Tags         = @('Ivanti', 'MobileIron', 'MDM', 'Windows', 'BulkEnrollment', 'ProvisioningPackage', 'ppkg', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/example/BulkEnroll'
            LicenseUri   = 'https://github.com/example/BulkEnroll/blob/main/LICENSE'
            ReleaseNotes = 'See https://github.com/example/BulkEnroll/blob/main/CHANGELOG.md'
        }
    }
}
