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
        new("UPN without the windows-bulkenroll prefix", "New-BulkEnrollUser -UserPrincipalName 'adele.vance@contoso.com'", "NotGenericUserName"),
        new("UPN without a domain", "New-BulkEnrollUser -UserPrincipalName 'windows-bulkenroll-x'", "InvalidUserPrincipalName"),
        new("UPN ending with @", "New-BulkEnrollUser -UserPrincipalName 'windows-bulkenroll-x@'", "InvalidUserPrincipalName"),
        new("UPN with a single-label domain", "New-BulkEnrollUser -UserPrincipalName 'windows-bulkenroll-x@contoso'", "InvalidUserPrincipalName"),
        new("UPN with a space", "New-BulkEnrollUser -UserPrincipalName 'windows-bulkenroll-a b@contoso.com'", "InvalidUserPrincipalName"),
        new("UPN with two @", "New-BulkEnrollUser -UserPrincipalName 'windows-bulkenroll-a@b@contoso.com'", "InvalidUserPrincipalName"),
        new("UPN of 300 characters", "New-BulkEnrollUser -UserPrincipalName ('windows-bulkenroll-' + ('a' * 300) + '@contoso.com')", "InvalidUserPrincipalName"),
        new("Name without -Domain", "New-BulkEnrollUser -Name lonely", "DomainRequired"),
        new("Name with forbidden characters", "New-BulkEnrollUser -Name 'site/paris!' -Domain contoso.com", "InvalidUserPrincipalName"),
        new("Empty name", "New-BulkEnrollUser -Name '' -Domain contoso.com", "ParameterArgumentValidationError"),
        new("Empty password", "New-BulkEnrollUser -Name p1 -Domain contoso.com -Password ([securestring]::new())", "WeakPassword"),
        new("Password of one character class", "New-BulkEnrollUser -Name p2 -Domain contoso.com -Password (Secure 'passwordpassword')", "WeakPassword"),
        new("Password of two character classes", "New-BulkEnrollUser -Name p3 -Domain contoso.com -Password (Secure 'abcdefg1')", "WeakPassword"),
        new("Password of 7 characters", "New-BulkEnrollUser -Name p4 -Domain contoso.com -Password (Secure 'Ab1!xyz')", "WeakPassword"),
        new("Password of 129 characters", "New-BulkEnrollUser -Name p5 -Domain contoso.com -Password (Secure ('Ab1!' * 32 + 'x'))", "WeakPassword"),
        new("Count of zero", "New-BulkEnrollUser -Name c -Domain contoso.com -Count 0", "ParameterArgumentValidationError"),
        new("Count over 1000", "New-BulkEnrollUser -Name c -Domain contoso.com -Count 1001", "ParameterArgumentValidationError"),
        new("Generated password too short", "New-BulkEnrollUser -Name c -Domain contoso.com -PasswordLength 8", "ParameterArgumentValidationError"),
        new("User that already exists", "New-BulkEnrollUser -UserPrincipalName 'windows-bulkenroll-user1@contoso.com'", "UserAlreadyExists"),

        // Connect-BulkEnroll
        new("Tenant URI with another scheme", "Connect-BulkEnroll -TenantUri 'ftp://na1.mobileiron.com' -Credential $Api", "InvalidTenantUri"),
        new("Plain http to a remote tenant", "Connect-BulkEnroll -TenantUri 'http://na1.mobileiron.com' -Credential $Api", "InsecureTenantUri"),
        new("Zero retry budget", "Connect-BulkEnroll -TenantUri $TenantUri -Credential $Api -MaxRetryDuration 0", "InvalidDuration"),
        new("Attempt timeout over a day", "Connect-BulkEnroll -TenantUri $TenantUri -Credential $Api -RequestTimeout ([timespan]::FromHours(25))", "InvalidDuration"),
        new("No requests in flight", "Connect-BulkEnroll -TenantUri $TenantUri -Credential $Api -MaxConcurrentRequests 0", "ParameterArgumentValidationError"),

        // Get-BulkEnrolledDevice
        new("Assigned and unassigned together", "Get-BulkEnrolledDevice -Assigned -Unassigned", "ConflictingFilters"),
        new("Unknown registration state", "Get-BulkEnrolledDevice -RegistrationState BOGUS", "ParameterArgumentValidationError"),
        new("Unknown device id", "Get-BulkEnrolledDevice -Id 999999999", "DeviceNotFound"),
        new("Device not enrolled by a generic user", "Get-BulkEnrolledDevice -Id $D_Direct", "NotBulkEnrolled"),
        new("Unknown generic user", "Get-BulkEnrolledDevice -EnrolledBy 'windows-bulkenroll-ghost@contoso.com'", "UserNotFound"),
        new("Zero throttle limit", "Get-BulkEnrolledDevice -ThrottleLimit 0", "ParameterArgumentValidationError"),

        // Set-DeviceAssignment (CSV-shaped rows)
        new("CSV row without any device column", "[pscustomobject]@{ Notes = 'desk 4'; UPN = $RealUser } | Set-DeviceAssignment", "DeviceNotIdentified"),
        new("CSV row without a user column", "[pscustomobject]@{ DeviceId = $D_Unassigned } | Set-DeviceAssignment", "UserNotGiven"),
        new("CSV id that is not a number", "[pscustomobject]@{ DeviceId = 'abc'; UPN = $RealUser } | Set-DeviceAssignment", "InvalidDeviceId"),
        new("Malformed target UPN", "[pscustomobject]@{ DeviceId = $D_Unassigned; UPN = 'adele at contoso' } | Set-DeviceAssignment", "InvalidUserPrincipalName"),
        new("Generic user as the target", "[pscustomobject]@{ DeviceId = $D_Unassigned; UPN = 'windows-bulkenroll-user2@contoso.com' } | Set-DeviceAssignment", "TargetIsGenericUser"),
        new("Unknown target user", "[pscustomobject]@{ DeviceId = $D_Unassigned; UPN = 'nobody@contoso.com' } | Set-DeviceAssignment", "UserNotFound"),
        new("Unknown device id in a row", "[pscustomobject]@{ DeviceId = 999999999; UPN = $RealUser } | Set-DeviceAssignment", "DeviceNotFound"),
        new("Device not bulk enrolled", "[pscustomobject]@{ DeviceId = $D_Direct; UPN = $RealUser } | Set-DeviceAssignment", "NotBulkEnrolled"),
        new("Retired device", "[pscustomobject]@{ DeviceId = $D_Retired; UPN = $RealUser } | Set-DeviceAssignment", "DeviceNotActive"),
        new("Unknown serial number", "[pscustomobject]@{ 'Serial Number' = 'NO-SUCH-SERIAL'; UPN = $RealUser } | Set-DeviceAssignment", "DeviceNotFound"),
        new("Unknown device name", "[pscustomobject]@{ ComputerName = 'NO-SUCH-PC'; UPN = $RealUser } | Set-DeviceAssignment", "DeviceNotFound"),
        new("Duplicate rows (dry run)", "$r = [pscustomobject]@{ DeviceId = $D_Unassigned; UPN = $RealUser }; $r, $r | Set-DeviceAssignment -WhatIf -ThrottleLimit 1", "DuplicateDevice"),
        new("Wait timeout of zero", "[pscustomobject]@{ DeviceId = $D_Unassigned; UPN = $RealUser } | Set-DeviceAssignment -WaitTimeout 0", "InvalidDuration"),
        new("Wait timeout too large for a date", "[pscustomobject]@{ DeviceId = $D_Unassigned; UPN = $RealUser } | Set-DeviceAssignment -WaitTimeout ([timespan]::MaxValue)", "InvalidDuration"),
        new("Batch size over the UI's 10", "[pscustomobject]@{ DeviceId = $D_Unassigned; UPN = $RealUser } | Set-DeviceAssignment -BatchSize 11", "ParameterArgumentValidationError"),
        new("5,000 rows for an unknown user", "1..5000 | ForEach-Object { [pscustomobject]@{ DeviceId = $D_Unassigned; UPN = 'ghost@contoso.com' } } | Set-DeviceAssignment", "UserNotFound"),

        // Users
        new("Removing a real user", "Remove-BulkEnrollUser $RealUser -Confirm:$false", "NotGenericUser"),
        new("Removing an unknown generic user", "Remove-BulkEnrollUser 'windows-bulkenroll-ghost@contoso.com' -Confirm:$false", "UserNotFound"),
        new("Removing a generic user with devices", "Remove-BulkEnrollUser 'windows-bulkenroll-user1@contoso.com' -Confirm:$false", "UserHasDevices"),
        new("Getting an unknown generic user", "Get-BulkEnrollUser 'windows-bulkenroll-ghost@contoso.com'", "UserNotFound"),
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
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.DoesNotContain("   at ", message); // a sentence, not a stack trace
        Assert.DoesNotContain("NullReferenceException", result.AllText);
        Assert.Equal(versionBefore, _tenant.Sandbox.Tenant.Snapshot().Version);
        Assert.DoesNotContain(_tenant.Sandbox.RequestLog.Entries, e => e.Sequence > sequenceBefore && e.Method != "GET");
    }

    [Fact]
    public void TheTableHasAtLeastFortyCases() => Assert.True(Cases().Count >= 40);

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
        }

        public async Task DisposeAsync()
        {
            Shell.Dispose();
            await Sandbox.DisposeAsync();
        }
    }
}
