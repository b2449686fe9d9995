using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BulkEnroll.Sandbox;
using BulkEnroll.Sandbox.Tenant;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.BadInput;

/// <summary>
/// Malformed input to the cmdlets that talk to the tenant: each gets a clear message and a stable error id,
/// and the tenant is left exactly as it was (no change, no write request). One sandbox for the whole table.
/// </summary>
public sealed class ApiBadInputTests : IClassFixture<ApiBadInputTests.Tenant>
{
    private readonly Tenant _tenant;

    public ApiBadInputTests(Tenant tenant) => _tenant = tenant;

    public static TheoryData<BadInputCase> Cases() => new()
    {
        // New-BulkEnrollUser
        new("UPN without the windows-bulkenroll prefix", "New-BulkEnrollUser -UserPrincipalName 'adele.vance@contoso.com'", "NotGenericUserName", "adele.vance@contoso.com"),
        new("UPN without a domain", "New-BulkEnrollUser -UserPrincipalName 'windows-bulkenroll-x'", "InvalidUserPrincipalName", "windows-bulkenroll-x"),
        new("UPN ending with @", "New-BulkEnrollUser -UserPrincipalName 'windows-bulkenroll-x@'", "InvalidUserPrincipalName", "windows-bulkenroll-x@"),
        new("UPN with a single-label domain", "New-BulkEnrollUser -UserPrincipalName 'windows-bulkenroll-x@contoso'", "InvalidUserPrincipalName", "windows-bulkenroll-x@contoso"),
        new("UPN with a space", "New-BulkEnrollUser -UserPrincipalName 'windows-bulkenroll-a b@contoso.com'", "InvalidUserPrincipalName", "windows-bulkenroll-a b@contoso.com"),
        new("UPN with two @", "New-BulkEnrollUser -UserPrincipalName 'windows-bulkenroll-a@b@contoso.com'", "InvalidUserPrincipalName", "windows-bulkenroll-a@b@contoso.com"),
        new("UPN of 300 characters", "New-BulkEnrollUser -UserPrincipalName ('windows-bulkenroll-' + ('a' * 300) + '@contoso.com')", "InvalidUserPrincipalName", "windows-bulkenroll-aaaa"),
        new("UPN with brackets", "New-BulkEnrollUser -UserPrincipalName 'windows-bulkenroll-[x]@contoso.com'", "InvalidUserPrincipalName", "windows-bulkenroll-[x]@contoso.com"),
        new("Empty UPN", "New-BulkEnrollUser -UserPrincipalName ''", "ParameterArgumentValidationError", "'UserPrincipalName'"),
        new("Name without -Domain", "New-BulkEnrollUser -Name lonely", "DomainRequired", "-Domain"),
        new("Name with forbidden characters", "New-BulkEnrollUser -Name 'site/paris!' -Domain contoso.com", "InvalidUserPrincipalName", "site/paris!"),
        new("Name with an unclosed bracket is literal", "New-BulkEnrollUser -Name 'CTS-[' -Domain contoso.com", "InvalidUserPrincipalName", "windows-bulkenroll-CTS-[@contoso.com"),
        new("Name with a star is literal", "New-BulkEnrollUser -Name 'CTS-*' -Domain contoso.com", "InvalidUserPrincipalName", "windows-bulkenroll-CTS-*@contoso.com"),
        new("Name with a question mark is literal", "New-BulkEnrollUser -Name 'CTS-?' -Domain contoso.com", "InvalidUserPrincipalName", "windows-bulkenroll-CTS-?@contoso.com"),
        new("Prefixed name with a bracket, prefix not doubled", "New-BulkEnrollUser -Name 'windows-bulkenroll-CTS-[' -Domain contoso.com", "InvalidUserPrincipalName", "'windows-bulkenroll-CTS-[@contoso.com'"),
        new("Prefixed name of an existing user, prefix not doubled", "New-BulkEnrollUser -Name 'windows-bulkenroll-user1' -Domain contoso.com", "UserAlreadyExists", "'windows-bulkenroll-user1@contoso.com'"),
        new("Name of an existing user", "New-BulkEnrollUser -Name user1 -Domain contoso.com", "UserAlreadyExists", "windows-bulkenroll-user1@contoso.com"),
        new("Name with a single-label domain", "New-BulkEnrollUser -Name x -Domain contoso", "InvalidUserPrincipalName", "windows-bulkenroll-x@contoso"),
        new("Name of 70 characters", "New-BulkEnrollUser -Name ('a' * 70) -Domain contoso.com", "InvalidUserPrincipalName", "windows-bulkenroll-aaaa"),
        new("Name starting with a hyphen", "New-BulkEnrollUser -Name '-lab' -Domain contoso.com", "InvalidUserPrincipalName", "windows-bulkenroll--lab@contoso.com"),
        new("Name with a space", "New-BulkEnrollUser -Name 'lab lab' -Domain contoso.com", "InvalidUserPrincipalName", "windows-bulkenroll-lab lab@contoso.com"),
        new("Empty name", "New-BulkEnrollUser -Name '' -Domain contoso.com", "ParameterArgumentValidationError", "'Name'"),
        new("Empty password", "New-BulkEnrollUser -Name p1 -Domain contoso.com -Password ([securestring]::new())", "WeakPassword", "8 characters"),
        new("Password of one character class", "New-BulkEnrollUser -Name p2 -Domain contoso.com -Password (Secure 'passwordpassword')", "WeakPassword", "3 of"),
        new("Password of two character classes", "New-BulkEnrollUser -Name p3 -Domain contoso.com -Password (Secure 'abcdefg1')", "WeakPassword", "3 of"),
        new("Password of 7 characters", "New-BulkEnrollUser -Name p4 -Domain contoso.com -Password (Secure 'Ab1!xyz')", "WeakPassword", "8 characters"),
        new("Password of 129 characters", "New-BulkEnrollUser -Name p5 -Domain contoso.com -Password (Secure ('Ab1!' * 32 + 'x'))", "WeakPassword", "128 characters"),
        new("Digits-only password", "New-BulkEnrollUser -Name p6 -Domain contoso.com -Password (Secure '1234567890')", "WeakPassword", "3 of"),
        new("Count of zero", "New-BulkEnrollUser -Name c -Domain contoso.com -Count 0", "ParameterArgumentValidationError", "'Count'"),
        new("Count over 1000", "New-BulkEnrollUser -Name c -Domain contoso.com -Count 1001", "ParameterArgumentValidationError", "'Count'"),
        new("Generated password too short", "New-BulkEnrollUser -Name c -Domain contoso.com -PasswordLength 8", "ParameterArgumentValidationError", "'PasswordLength'"),
        new("Generated password too long", "New-BulkEnrollUser -Name c -Domain contoso.com -PasswordLength 500", "ParameterArgumentValidationError", "'PasswordLength'"),
        new("User that already exists", "New-BulkEnrollUser -UserPrincipalName 'windows-bulkenroll-user1@contoso.com'", "UserAlreadyExists", "windows-bulkenroll-user1@contoso.com"),

        // Connect-BulkEnroll (a failed attempt leaves the session's connection as it was)
        new("Tenant URI with another scheme", "Connect-BulkEnroll -TenantUri 'ftp://na1.mobileiron.com' -Credential $Api", "InvalidTenantUri", "ftp://na1.mobileiron.com"),
        new("Tenant URI without a scheme", "Connect-BulkEnroll -TenantUri 'na1.mobileiron.com' -Credential $Api", "InvalidTenantUri", "'na1.mobileiron.com'"),
        new("Tenant URI without a host", "Connect-BulkEnroll -TenantUri 'https://' -Credential $Api", "CannotConvertArgumentNoMessage", "'TenantUri'"),
        new("Plain http to a remote tenant", "Connect-BulkEnroll -TenantUri 'http://na1.mobileiron.com' -Credential $Api", "InsecureTenantUri", "http://na1.mobileiron.com"),
        new("Wrong API password", "Connect-BulkEnroll -TenantUri $TenantUri -Credential ([pscredential]::new('api-admin@contoso.com', (Secure 'Wrong-Pass-99')))", "Unauthorized", "401"),
        new("Unknown API user", "Connect-BulkEnroll -TenantUri $TenantUri -Credential ([pscredential]::new('nobody@contoso.com', (Secure 'Nobody-Pass-99')))", "Unauthorized", "401"),
        new("Empty API password", "Connect-BulkEnroll -TenantUri $TenantUri -Credential ([pscredential]::new('api-admin@contoso.com', [securestring]::new()))", "Unauthorized", "401"),
        new("Unknown device space name", "Connect-BulkEnroll -TenantUri $TenantUri -Credential $Api -DeviceSpace 'No Such Space'", "DeviceSpaceNotFound", "'No Such Space'"),
        new("Unknown device space id", "Connect-BulkEnroll -TenantUri $TenantUri -Credential $Api -DeviceSpaceId 987654", "DeviceSpaceNotFound", "987654"),
        new("Device space by name and by id", "Connect-BulkEnroll -TenantUri $TenantUri -Credential $Api -DeviceSpace Global -DeviceSpaceId 1", "AmbiguousParameterSet", "Parameter set"),
        new("Zero retry budget", "Connect-BulkEnroll -TenantUri $TenantUri -Credential $Api -MaxRetryDuration 0", "InvalidDuration", "-MaxRetryDuration"),
        new("Negative retry budget", "Connect-BulkEnroll -TenantUri $TenantUri -Credential $Api -MaxRetryDuration ([timespan]::FromSeconds(-1))", "InvalidDuration", "-MaxRetryDuration"),
        new("Attempt timeout over a day", "Connect-BulkEnroll -TenantUri $TenantUri -Credential $Api -RequestTimeout ([timespan]::FromHours(25))", "InvalidDuration", "-RequestTimeout"),
        new("Attempt timeout of zero", "Connect-BulkEnroll -TenantUri $TenantUri -Credential $Api -RequestTimeout 0", "InvalidDuration", "-RequestTimeout"),
        new("Retry delay of zero", "Connect-BulkEnroll -TenantUri $TenantUri -Credential $Api -RetryDelay 0", "InvalidDuration", "-RetryDelay"),
        new("Retry delay of two days", "Connect-BulkEnroll -TenantUri $TenantUri -Credential $Api -RetryDelay ([timespan]::FromDays(2))", "InvalidDuration", "-RetryDelay"),
        new("Negative retry count", "Connect-BulkEnroll -TenantUri $TenantUri -Credential $Api -MaxRetryCount -1", "ParameterArgumentValidationError", "'MaxRetryCount'"),
        new("Retry count of 1000", "Connect-BulkEnroll -TenantUri $TenantUri -Credential $Api -MaxRetryCount 1000", "ParameterArgumentValidationError", "'MaxRetryCount'"),
        new("Negative request rate", "Connect-BulkEnroll -TenantUri $TenantUri -Credential $Api -MaxRequestsPerSecond -5", "ParameterArgumentValidationError", "'MaxRequestsPerSecond'"),
        new("No requests in flight", "Connect-BulkEnroll -TenantUri $TenantUri -Credential $Api -MaxConcurrentRequests 0", "ParameterArgumentValidationError", "'MaxConcurrentRequests'"),
        new("A thousand requests in flight", "Connect-BulkEnroll -TenantUri $TenantUri -Credential $Api -MaxConcurrentRequests 1000", "ParameterArgumentValidationError", "'MaxConcurrentRequests'"),
        new("Certificate pin that is not a SHA-256", "Connect-BulkEnroll -TenantUri $TenantUri -Credential $Api -TrustedCertificateSha256 'xyz'", "InvalidCertificateSha256", "'xyz'"),

        // Get-BulkEnrollDeviceSpace
        new("Space name with an unclosed bracket", "Get-BulkEnrollDeviceSpace -Name 'CTS-['", "InvalidWildcardPattern", "'CTS-['"),
        new("Empty space name", "Get-BulkEnrollDeviceSpace -Name ''", "ParameterArgumentValidationError", "'Name'"),
        new("Empty literal space name", "Get-BulkEnrollDeviceSpace -LiteralName ''", "ParameterArgumentValidationError", "'LiteralName'"),

        // Get-BulkEnrolledDevice
        new("Assigned and unassigned together", "Get-BulkEnrolledDevice -Assigned -Unassigned", "ConflictingFilters", "-Assigned"),
        new("Unknown registration state", "Get-BulkEnrolledDevice -RegistrationState BOGUS", "ParameterArgumentValidationError", "BOGUS"),
        new("Empty registration state", "Get-BulkEnrolledDevice -RegistrationState ''", "ParameterArgumentValidationError", "'RegistrationState'"),
        new("Unknown device id", "Get-BulkEnrolledDevice -Id 999999999", "DeviceNotFound", "999999999"),
        new("Negative device id", "Get-BulkEnrolledDevice -Id -5", "DeviceNotFound", "-5"),
        new("Device id that is not a number", "Get-BulkEnrolledDevice -Id abc", "CannotConvertArgumentNoMessage", "abc"),
        new("Device id with a name", "Get-BulkEnrolledDevice -Id 1 -Name x", "AmbiguousParameterSet", "Parameter set"),
        new("Device not enrolled by a generic user", "Get-BulkEnrolledDevice -Id $D_Direct", "NotBulkEnrolled", "$D_Direct"),
        new("Unknown generic user", "Get-BulkEnrolledDevice -EnrolledBy 'windows-bulkenroll-ghost@contoso.com'", "UserNotFound", "windows-bulkenroll-ghost@contoso.com"),
        new("Real user as the enroller", "Get-BulkEnrolledDevice -EnrolledBy 'adele.vance@contoso.com'", "UserNotFound", "adele.vance@contoso.com"),
        new("Enroller with an unclosed bracket", "Get-BulkEnrolledDevice -EnrolledBy 'windows-bulkenroll-['", "InvalidWildcardPattern", "-EnrolledBy 'windows-bulkenroll-['"),
        new("Empty enroller", "Get-BulkEnrolledDevice -EnrolledBy ''", "ParameterArgumentValidationError", "'EnrolledBy'"),
        new("Device name with an unclosed bracket", "Get-BulkEnrolledDevice -Name 'CTS-['", "InvalidWildcardPattern", "-LiteralName"),
        new("Empty device name", "Get-BulkEnrolledDevice -Name ''", "ParameterArgumentValidationError", "'Name'"),
        new("Empty literal device name", "Get-BulkEnrolledDevice -LiteralName ''", "ParameterArgumentValidationError", "'LiteralName'"),
        new("Empty serial number", "Get-BulkEnrolledDevice -SerialNumber ''", "ParameterArgumentValidationError", "'SerialNumber'"),
        new("Date that is a word", "Get-BulkEnrolledDevice -LastCheckInBefore 'yesterday'", "CannotConvertArgumentNoMessage", "yesterday"),
        new("Zero throttle limit", "Get-BulkEnrolledDevice -ThrottleLimit 0", "ParameterArgumentValidationError", "'ThrottleLimit'"),
        new("Throttle limit of 1000", "Get-BulkEnrolledDevice -ThrottleLimit 1000", "ParameterArgumentValidationError", "'ThrottleLimit'"),

        // Set-DeviceAssignment (CSV-shaped rows)
        new("CSV row without any device column", "[pscustomobject]@{ Notes = 'desk 4'; UPN = $RealUser } | Set-DeviceAssignment", "DeviceNotIdentified", "Row 1"),
        new("CSV row with a blank serial cell", "[pscustomobject]@{ SerialNumber = '   '; UPN = $RealUser } | Set-DeviceAssignment", "DeviceNotIdentified", "'SerialNumber'"),
        new("CSV row without a user column", "[pscustomobject]@{ DeviceId = $D_Unassigned } | Set-DeviceAssignment", "UserNotGiven", "Row 1"),
        new("CSV row with an empty user cell", "[pscustomobject]@{ DeviceId = $D_Unassigned; UPN = '' } | Set-DeviceAssignment", "UserNotGiven", "Row 1"),
        new("CSV id that is not a number", "[pscustomobject]@{ DeviceId = 'abc'; UPN = $RealUser } | Set-DeviceAssignment", "InvalidDeviceId", "'abc'"),
        new("CSV id with letters after digits", "[pscustomobject]@{ DeviceId = '12abc'; UPN = $RealUser } | Set-DeviceAssignment", "InvalidDeviceId", "'12abc'"),
        new("CSV id with a decimal point", "[pscustomobject]@{ DeviceId = '1.5'; UPN = $RealUser } | Set-DeviceAssignment", "InvalidDeviceId", "'1.5'"),
        new("CSV id too large for a number", "[pscustomobject]@{ DeviceId = '99999999999999999999999'; UPN = $RealUser } | Set-DeviceAssignment", "InvalidDeviceId", "'99999999999999999999999'"),
        new("Malformed target UPN", "[pscustomobject]@{ DeviceId = $D_Unassigned; UPN = 'adele at contoso' } | Set-DeviceAssignment", "InvalidUserPrincipalName", "'adele at contoso'"),
        new("Target UPN with mailto:", "[pscustomobject]@{ DeviceId = $D_Unassigned; UPN = 'mailto:adele.vance@contoso.com' } | Set-DeviceAssignment", "InvalidUserPrincipalName", "'mailto:adele.vance@contoso.com'"),
        new("Target UPN without a domain suffix", "[pscustomobject]@{ DeviceId = $D_Unassigned; UPN = 'adele.vance@contoso' } | Set-DeviceAssignment", "InvalidUserPrincipalName", "'adele.vance@contoso'"),
        new("Target UPN without a name", "[pscustomobject]@{ DeviceId = $D_Unassigned; UPN = '@contoso.com' } | Set-DeviceAssignment", "InvalidUserPrincipalName", "'@contoso.com'"),
        new("Target UPN with a space", "[pscustomobject]@{ DeviceId = $D_Unassigned; UPN = 'adele vance@contoso.com' } | Set-DeviceAssignment", "InvalidUserPrincipalName", "'adele vance@contoso.com'"),
        new("Generic user as the target", "[pscustomobject]@{ DeviceId = $D_Unassigned; UPN = 'windows-bulkenroll-user2@contoso.com' } | Set-DeviceAssignment", "TargetIsGenericUser", "windows-bulkenroll-user2@contoso.com"),
        new("Generic user in capitals as the target", "[pscustomobject]@{ DeviceId = $D_Unassigned; UPN = 'WINDOWS-BULKENROLL-USER1@CONTOSO.COM' } | Set-DeviceAssignment", "TargetIsGenericUser", "WINDOWS-BULKENROLL-USER1@CONTOSO.COM"),
        new("Unknown target user", "[pscustomobject]@{ DeviceId = $D_Unassigned; UPN = 'nobody@contoso.com' } | Set-DeviceAssignment", "UserNotFound", "nobody@contoso.com"),
        new("Unknown device id in a row", "[pscustomobject]@{ DeviceId = 999999999; UPN = $RealUser } | Set-DeviceAssignment", "DeviceNotFound", "999999999"),
        new("Negative device id", "Set-DeviceAssignment -Id -1 -UserPrincipalName $RealUser", "DeviceNotFound", "-1"),
        new("Device not bulk enrolled", "[pscustomobject]@{ DeviceId = $D_Direct; UPN = $RealUser } | Set-DeviceAssignment", "NotBulkEnrolled", "$D_Direct"),
        new("Retired device", "[pscustomobject]@{ DeviceId = $D_Retired; UPN = $RealUser } | Set-DeviceAssignment", "DeviceNotActive", "$D_Retired"),
        new("Unknown serial number", "[pscustomobject]@{ 'Serial Number' = 'NO-SUCH-SERIAL'; UPN = $RealUser } | Set-DeviceAssignment -NotEnrolledAsError", "DeviceNotFound", "'NO-SUCH-SERIAL'"),
        new("Unknown device name", "[pscustomobject]@{ ComputerName = 'NO-SUCH-PC'; UPN = $RealUser } | Set-DeviceAssignment -NotEnrolledAsError", "DeviceNotFound", "'NO-SUCH-PC'"),
        new("Device name with an unclosed bracket is literal", "Set-DeviceAssignment -Name 'CTS-[' -UserPrincipalName $RealUser -NotEnrolledAsError", "DeviceNotFound", "'CTS-['"),
        new("Device name with a star is literal", "Set-DeviceAssignment -Name 'PC*' -UserPrincipalName $RealUser -NotEnrolledAsError", "DeviceNotFound", "'PC*'"),
        new("Device name with quotes", "[pscustomobject]@{ Name = \"NO SUCH 'PC'\"; UPN = $RealUser } | Set-DeviceAssignment -NotEnrolledAsError", "DeviceNotFound", "NO SUCH 'PC'"),
        new("No device at all", "Set-DeviceAssignment -UserPrincipalName $RealUser", "DeviceNotIdentified", "-SerialNumber"),
        new("An empty string piped", "'' | Set-DeviceAssignment -UserPrincipalName $RealUser", "DeviceNotIdentified", "-Name"),
        new("Empty user on the command line", "Set-DeviceAssignment -Id $D_Unassigned -UserPrincipalName ''", "ParameterArgumentValidationError", "-UserPrincipalName"),
        new("Id and serial number of two devices", "[pscustomobject]@{ DeviceId = $K_A_Id; SerialNumber = $K_B_Serial; UPN = $RealUser } | Set-DeviceAssignment", "ConflictingDeviceKeys", "$K_B_Name"),
        new("Serial number and name of two devices", "[pscustomobject]@{ SerialNumber = $K_A_Serial; DeviceName = $K_B_Name; UPN = $RealUser } | Set-DeviceAssignment", "ConflictingDeviceKeys", "$K_A_Name"),
        new("Id and name of two devices", "[pscustomobject]@{ Id = $K_A_Id; 'Device Name' = $K_B_Name; UPN = $RealUser } | Set-DeviceAssignment", "ConflictingDeviceKeys", "$K_B_Name"),
        new("Id and a name no device has", "[pscustomobject]@{ Id = $K_A_Id; DeviceName = 'NO-SUCH-PC'; UPN = $RealUser } | Set-DeviceAssignment", "ConflictingDeviceKeys", "'NO-SUCH-PC'"),
        new("Serial number on two active devices", "[pscustomobject]@{ SerialNumber = $Twin_Serial; UPN = $RealUser } | Set-DeviceAssignment", "AmbiguousDevice", "$Twin_Id"),
        new("Duplicate rows (dry run)", "$r = [pscustomobject]@{ DeviceId = $D_Unassigned; UPN = $RealUser }; $r, $r | Set-DeviceAssignment -WhatIf -ThrottleLimit 1", "DuplicateDevice", "first entry"),
        new("Wait timeout of zero", "[pscustomobject]@{ DeviceId = $D_Unassigned; UPN = $RealUser } | Set-DeviceAssignment -WaitTimeout 0", "InvalidDuration", "-WaitTimeout"),
        new("Negative wait timeout", "[pscustomobject]@{ DeviceId = $D_Unassigned; UPN = $RealUser } | Set-DeviceAssignment -WaitTimeout ([timespan]::FromSeconds(-5))", "InvalidDuration", "-WaitTimeout"),
        new("Wait timeout too large for a date", "[pscustomobject]@{ DeviceId = $D_Unassigned; UPN = $RealUser } | Set-DeviceAssignment -WaitTimeout ([timespan]::MaxValue)", "InvalidDuration", "-WaitTimeout"),
        new("Batch size over the UI's 10", "[pscustomobject]@{ DeviceId = $D_Unassigned; UPN = $RealUser } | Set-DeviceAssignment -BatchSize 11", "ParameterArgumentValidationError", "'BatchSize'"),
        new("Batch size of zero", "[pscustomobject]@{ DeviceId = $D_Unassigned; UPN = $RealUser } | Set-DeviceAssignment -BatchSize 0", "ParameterArgumentValidationError", "'BatchSize'"),
        new("Assignment throttle of zero", "[pscustomobject]@{ DeviceId = $D_Unassigned; UPN = $RealUser } | Set-DeviceAssignment -ThrottleLimit 0", "ParameterArgumentValidationError", "'ThrottleLimit'"),
        new("5,000 rows for an unknown user", "1..5000 | ForEach-Object { [pscustomobject]@{ DeviceId = $D_Unassigned; UPN = 'ghost@contoso.com' } } | Set-DeviceAssignment", "UserNotFound", "ghost@contoso.com"),

        // Users
        new("Rotating a real user's password", "Reset-BulkEnrollUserPassword $RealUser -Confirm:$false", "NotGenericUser", "$RealUser"),
        new("Rotating an unknown generic user's password", "Reset-BulkEnrollUserPassword 'windows-bulkenroll-ghost@contoso.com' -Confirm:$false", "UserNotFound", "windows-bulkenroll-ghost@contoso.com"),
        new("Rotating with a wildcard is literal", "Reset-BulkEnrollUserPassword 'windows-bulkenroll-*' -Confirm:$false", "UserNotFound", "'windows-bulkenroll-*'"),
        new("Rotating an empty UPN", "Reset-BulkEnrollUserPassword '' -Confirm:$false", "ParameterArgumentValidationError", "'UserPrincipalName'"),
        new("Rotating to a short password", "Reset-BulkEnrollUserPassword 'windows-bulkenroll-user1@contoso.com' -PasswordLength 8 -Confirm:$false", "ParameterArgumentValidationError", "8"),
        new("Rotating and rebuilding from a folder that does not exist", "Reset-BulkEnrollUserPassword 'windows-bulkenroll-user1@contoso.com' -Path (Join-Path $Defs 'nope') -Confirm:$false", "PathNotFound", "nope"),
        new("Rotating and rebuilding a user with no saved definition there", "Reset-BulkEnrollUserPassword 'windows-bulkenroll-user2@contoso.com' -Path $Defs -Confirm:$false", "NoPackageDefinition", "windows-bulkenroll-user2@contoso.com"),
        new("Rotating and rebuilding without the Wi-Fi key", "Reset-BulkEnrollUserPassword 'windows-bulkenroll-user1@contoso.com' -Path $Defs -LocalAdminCredential $LocalAdmin -Confirm:$false", "WifiKeyRequired", "'Corp'"),
        new("Rotating and rebuilding without the local administrator", "Reset-BulkEnrollUserPassword 'windows-bulkenroll-user1@contoso.com' -Path $Defs -WifiKey (Secure 'wifi-key-1234') -Confirm:$false", "LocalAdminCredentialRequired", "'localadmin'"),
        new("Rotating and rebuilding with another local administrator", "Reset-BulkEnrollUserPassword 'windows-bulkenroll-user1@contoso.com' -Path $Defs -WifiKey (Secure 'wifi-key-1234') -LocalAdminCredential ([pscredential]::new('other', (Secure 'Other-Admin-Pass1'))) -Confirm:$false", "LocalAdminMismatch", "'other'"),
        new("Rotating and rebuilding with a weak local administrator password", "Reset-BulkEnrollUserPassword 'windows-bulkenroll-user1@contoso.com' -Path $Defs -WifiKey (Secure 'wifi-key-1234') -LocalAdminCredential ([pscredential]::new('localadmin', (Secure 'abcdefghij'))) -Confirm:$false", "WeakLocalAdminPassword", "'localadmin'"),
        new("Rotating and rebuilding from a file that is no definition", "Reset-BulkEnrollUserPassword 'windows-bulkenroll-user1@contoso.com' -Path $BadDefs -Confirm:$false", "InvalidPackageDefinition", "not valid JSON"),
        new("Removing a real user", "Remove-BulkEnrollUser $RealUser -Confirm:$false", "NotGenericUser", "$RealUser"),
        new("Removing a real user with -RetireDevices", "Remove-BulkEnrollUser $RealUser -RetireDevices -Confirm:$false", "NotGenericUser", "$RealUser"),
        new("Removing text that is no UPN", "Remove-BulkEnrollUser 'not a upn' -Confirm:$false", "NotGenericUser", "'not a upn'"),
        new("Removing an unknown generic user", "Remove-BulkEnrollUser 'windows-bulkenroll-ghost@contoso.com' -Confirm:$false", "UserNotFound", "windows-bulkenroll-ghost@contoso.com"),
        new("Removing an unknown generic user with -RetireDevices", "Remove-BulkEnrollUser 'windows-bulkenroll-ghost@contoso.com' -RetireDevices -Confirm:$false", "UserNotFound", "windows-bulkenroll-ghost@contoso.com"),
        new("Removing with a wildcard is literal", "Remove-BulkEnrollUser 'windows-bulkenroll-*' -RetireDevices -Confirm:$false", "UserNotFound", "'windows-bulkenroll-*'"),
        new("Removing with an unclosed bracket is literal", "Remove-BulkEnrollUser 'windows-bulkenroll-[' -Confirm:$false", "UserNotFound", "'windows-bulkenroll-['"),
        new("Removing an empty UPN", "Remove-BulkEnrollUser '' -Confirm:$false", "ParameterArgumentValidationError", "'UserPrincipalName'"),
        new("Removing a generic user with devices", "Remove-BulkEnrollUser 'windows-bulkenroll-user1@contoso.com' -Confirm:$false", "UserHasDevices", "-RetireDevices"),
        new("Getting an unknown generic user", "Get-BulkEnrollUser 'windows-bulkenroll-ghost@contoso.com'", "UserNotFound", "windows-bulkenroll-ghost@contoso.com"),
        new("Getting a real user", "Get-BulkEnrollUser 'adele.vance@contoso.com'", "UserNotFound", "adele.vance@contoso.com"),
        new("Getting an escaped literal that does not exist", "Get-BulkEnrollUser 'windows-bulkenroll-`[x`]@contoso.com'", "UserNotFound", "windows-bulkenroll-"),
        new("Getting with an unclosed bracket", "Get-BulkEnrollUser 'windows-bulkenroll-['", "InvalidWildcardPattern", "'windows-bulkenroll-['"),
        new("Getting an empty UPN", "Get-BulkEnrollUser ''", "ParameterArgumentValidationError", "'UserPrincipalName'"),

        // Get-BulkEnrollRolloutReport
        new("Report page in a folder that does not exist", "Get-BulkEnrollRolloutReport -HtmlPath '/no/such/folder/rollout.html'", "HtmlFolderNotFound", "'/no/such/folder'"),
        new("Report page path empty", "Get-BulkEnrollRolloutReport -HtmlPath ''", "ParameterArgumentValidationError", "'HtmlPath'"),
        new("Report throttle limit of zero", "Get-BulkEnrollRolloutReport -ThrottleLimit 0", "ParameterArgumentValidationError", "'ThrottleLimit'"),
        new("Report throttle limit over 32", "Get-BulkEnrollRolloutReport -ThrottleLimit 33", "ParameterArgumentValidationError", "'ThrottleLimit'"),
        new("Report for an empty UPN", "Get-BulkEnrollRolloutReport -UserPrincipalName ''", "ParameterArgumentValidationError", "'UserPrincipalName'"),

        // Test-BulkEnrollTenant, New-BulkEnrollPackage's tenant side, the local machine
        new("Tenant test without a connection object", "Test-BulkEnrollTenant -Connection $null", "ParameterArgumentValidationError", "'Connection'"),
        new("Device limit of zero when testing a package", "Test-BulkEnrollPackage -Path '/no/such/file.ppkg' -DeviceLimit 0", "ParameterArgumentValidationError", "'DeviceLimit'"),
        new("Tenant test with a connection that is text", "Test-BulkEnrollTenant -Connection 'na1.mobileiron.com'", "CannotConvertArgumentNoMessage", "'Connection'"),
        new("Connection query with a parameter it does not have", "Get-BulkEnrollConnection -TenantUri $TenantUri", "NamedParameterNotFound", "'TenantUri'"),
        new("Disconnecting a connection that is text", "Disconnect-BulkEnroll -Connection 'na1.mobileiron.com'", "CannotConvertArgumentNoMessage", "'Connection'"),
        new("Empty UPN for the local enrollments", "Get-BulkEnrollLocalEnrollment -UserPrincipalName ''", "ParameterArgumentValidationError", "'UserPrincipalName'"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MalformedInputGetsAClearErrorWithAStableIdAndChangesNothing(BadInputCase bad)
    {
        long versionBefore = _tenant.Sandbox.Tenant.Snapshot().Version;
        long sequenceBefore = _tenant.Sandbox.RequestLog.Entries.LastOrDefault()?.Sequence ?? 0;

        ScriptResult result = _tenant.Shell.Run(bad.Script);

        var error = result.Error(bad.ErrorId);
        string message = error.ErrorDetails?.Message ?? error.Exception?.Message ?? string.Empty;
        Assert.Contains(_tenant.Expand(bad.Names), message);
        // What the admin reads (the message of every error, as PowerShell shows it) is sentences, not a stack trace.
        Assert.All(result.AllErrors, e => Assert.DoesNotContain("   at ", e.ToString() + e.ErrorDetails?.Message));
        Assert.DoesNotContain("NullReferenceException", result.AllText);
        foreach (string secret in bad.Secrets.Append(_tenant.Sandbox.Admin.Password))
        {
            Assert.DoesNotContain(secret, result.AllText);
        }

        Assert.Equal(versionBefore, _tenant.Sandbox.Tenant.Snapshot().Version);
        Assert.DoesNotContain(_tenant.Sandbox.RequestLog.Entries, e => e.Sequence > sequenceBefore && e.Method != "GET");
    }

    [Fact]
    public void TheTablesTogetherCoverEveryCmdletAndHoldMoreThan150Rows()
    {
        var scripts = Enumerable.Concat<object[]>(Cases(), PackageBadInputTests.Cases()).Select(row => ((BadInputCase)row[0]).Script).ToList();
        var cmdlets = _tenant.Shell.Run("(Get-Command -Module BulkEnroll).Name").Output.Select(o => o.ToString()!).ToList();

        Assert.NotEmpty(cmdlets);
        Assert.All(cmdlets, cmdlet => Assert.Contains(scripts, script => script.Contains(cmdlet + " ", System.StringComparison.OrdinalIgnoreCase)));
        Assert.True(scripts.Count > 150, $"{scripts.Count} rows");
    }

    [Fact]
    public void TheTableHasAtLeastOneHundredCases() => Assert.True(Cases().Count >= 100);

    /// <summary>A sandbox and a connected session shared by every case; variables name real sandbox objects.</summary>
    public sealed class Tenant : IAsyncLifetime
    {
        public SandboxServer Sandbox { get; private set; } = null!;

        public PowerShellSession Shell { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Sandbox = await SandboxServer.StartAsync(new SandboxOptions { DeviceCount = 600, Seed = 5 });
            Shell = new PowerShellSession();
            var snapshot = Sandbox.Tenant.Snapshot();
            long space = snapshot.DefaultSpace.Id;
            var api = SandboxSession.Credential(Sandbox.Admin.UserName, Sandbox.Admin.Password);
            Shell.Run("Connect-BulkEnroll -TenantUri $args[0] -Credential $args[1]", Sandbox.BaseAddress, api).ThrowIfErrors();
            // ConvertTo-SecureString lives in a module the hosted engine does not carry.
            Shell.Run("function global:Secure([string] $Text) { $s = [securestring]::new(); foreach ($c in $Text.ToCharArray()) { $s.AppendChar($c) }; $s }").ThrowIfErrors();
            var variables = Shell.Runspace.SessionStateProxy;
            variables.SetVariable("Api", api);
            variables.SetVariable("TenantUri", Sandbox.BaseAddress);
            variables.SetVariable("RealUser", snapshot.Accounts.First(a => !a.IsGeneric).Uid);
            variables.SetVariable("D_Direct", snapshot.Devices.First(d => d.IsWindows && !d.IsBulkEnrolled && d.SpaceId == space).Id);
            variables.SetVariable("D_Unassigned", snapshot.Devices.First(d => d.IsBulkEnrolled && d.SpaceId == space && d.Owner.Id == d.Enroller.Id && d.RegistrationState == RegistrationState.Active).Id);
            variables.SetVariable("D_Retired", snapshot.Devices.First(d => d.IsBulkEnrolled && d.SpaceId == space && d.RegistrationState != RegistrationState.Active).Id);

            // Two devices for rows whose keys contradict each other, and one serial number on two active devices.
            long generic = snapshot.Accounts.First(a => a.IsGeneric).Id;
            SandboxDevice Enroll(string name, string serial) => Sandbox.Tenant.RegisterEnrolledDevice(new NewWindowsDevice(name, serial, "EliteBook", "HP", "10.0.26100.2314", generic));
            SandboxDevice a = Enroll("PC-KEYA0001", "KEYA0001");
            SandboxDevice b = Enroll("PC-KEYB0002", "KEYB0002");
            Enroll("PC-TWIN0003", "TWIN0003");
            SandboxDevice twin = Enroll("PC-TWIN0003B", "TWIN0003");
            variables.SetVariable("K_A_Id", a.Id);
            variables.SetVariable("K_A_Serial", a.HardwareSerial);
            variables.SetVariable("K_A_Name", a.DeviceName);
            variables.SetVariable("K_B_Serial", b.HardwareSerial);
            variables.SetVariable("K_B_Name", b.DeviceName);
            variables.SetVariable("Twin_Serial", twin.HardwareSerial);
            variables.SetVariable("Twin_Id", twin.Id);

            // Saved package definitions for the rotation rows: user1's package joins Wi-Fi with a key and creates a local administrator.
            Definitions = Directory.CreateTempSubdirectory("bulkenroll-defs-");
            string defs = Directory.CreateDirectory(Path.Combine(Definitions.FullName, "good")).FullName;
            string bad = Directory.CreateDirectory(Path.Combine(Definitions.FullName, "bad")).FullName;
            File.WriteAllText(Path.Combine(bad, "site.bulkenroll.json"), "{ not json");
            variables.SetVariable("Defs", defs);
            variables.SetVariable("BadDefs", bad);
            Shell.Run("$global:LocalAdmin = [pscredential]::new('localadmin', (Secure 'Local-Admin-Pass1'))").ThrowIfErrors();
            Shell.Run("New-BulkEnrollPackage 'windows-bulkenroll-user1@contoso.com' -Secret (Secure 'Any-Pass-1234') -OutputPath $Defs -WifiSsid Corp -WifiKey (Secure 'wifi-key-1234') -LocalAdminCredential $LocalAdmin -DiscoveryServiceUrl $TenantUri")
                .ThrowIfErrors();
        }

        public DirectoryInfo Definitions { get; private set; } = null!;

        /// <summary>"$Name" is the value of that session variable; anything else is itself.</summary>
        public string Expand(string names)
            => names.StartsWith('$') ? System.Convert.ToString(Shell.Runspace.SessionStateProxy.GetVariable(names.Substring(1)), System.Globalization.CultureInfo.InvariantCulture)! : names;

        public async Task DisposeAsync()
        {
            Shell.Dispose();
            Definitions.Delete(recursive: true);
            await Sandbox.DisposeAsync();
        }
    }
}
