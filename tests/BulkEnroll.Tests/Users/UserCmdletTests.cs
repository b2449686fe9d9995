using System;
using System.Linq;
using System.Management.Automation;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Users;

public sealed class UserCmdletTests : SandboxSession
{
    protected override bool ConnectsOnStart => true;

    private int AccountPosts => Sandbox.RequestLog.Entries.Count(e => e.Method == "POST" && e.Path == "/api/v1/accounts");

    [Fact]
    public void CreatesAGenericUserWithAGeneratedPasswordTheTenantAccepts()
    {
        var user = Shell.Run("New-BulkEnrollUser -Name site-paris -Domain contoso.com").ThrowIfErrors().Single<BulkEnrollUser>();

        Assert.Equal("windows-bulkenroll-site-paris@contoso.com", user.UserPrincipalName);
        Assert.NotNull(user.Credential);
        Assert.Equal(user.UserPrincipalName, user.Credential!.UserName);
        string password = user.Credential.GetNetworkCredential().Password;
        Assert.Equal(20, password.Length);
        Assert.True(Sandbox.Tenant.CheckPassword(user.UserPrincipalName, password));
        Assert.Equal(Sandbox.Tenant.FindAccountByUid(user.UserPrincipalName)!.Id, user.Id);
        // The request log shows the password field was sent, and redacted.
        var post = Sandbox.RequestLog.Entries.Single(e => e.Method == "POST" && e.Path == "/api/v1/accounts");
        Assert.Equal("***", post.Form["accounts[0].password"]);
        Assert.Contains("sendInvite=false", post.Query);
    }

    [Theory]
    [InlineData("windows-bulkenroll-site-lille", "windows-bulkenroll-site-lille@contoso.com")]
    [InlineData("Windows-BulkEnroll-site-nice", "Windows-BulkEnroll-site-nice@contoso.com")]
    public void ANameThatAlreadyHasThePrefixIsTakenOnceNotDoubled(string name, string expected)
    {
        var user = Shell.Run("New-BulkEnrollUser -Name $args[0] -Domain contoso.com", name).ThrowIfErrors().Single<BulkEnrollUser>();

        Assert.Equal(expected, user.UserPrincipalName, ignoreCase: true);
        Assert.NotNull(Sandbox.Tenant.FindAccountByUid(expected.ToLowerInvariant()) ?? Sandbox.Tenant.FindAccountByUid(expected));
    }

    [Fact]
    public void GeneratedPasswordsDifferPerUserAndUseEveryCharacterClass()
    {
        var users = Shell.Run("New-BulkEnrollUser -Name gen -Domain contoso.com -Count 3 -PasswordLength 16").ThrowIfErrors().All<BulkEnrollUser>();

        Assert.Equal(new[] { "windows-bulkenroll-gen-1@contoso.com", "windows-bulkenroll-gen-2@contoso.com", "windows-bulkenroll-gen-3@contoso.com" },
            users.Select(u => u.UserPrincipalName));
        var passwords = users.Select(u => u.Credential!.GetNetworkCredential().Password).ToList();
        Assert.Equal(3, passwords.Distinct().Count());
        Assert.All(passwords, p =>
        {
            Assert.Equal(16, p.Length);
            Assert.Contains(p, char.IsUpper);
            Assert.Contains(p, char.IsLower);
            Assert.Contains(p, char.IsDigit);
            Assert.Contains(p, c => !char.IsLetterOrDigit(c));
        });
    }

    [Fact]
    public void ReRunReportsExistingUsersAndCreatesOnlyWhatIsMissing()
    {
        Shell.Run("New-BulkEnrollUser -Name rerun-a -Domain contoso.com").ThrowIfErrors();
        Sandbox.RequestLog.Clear();

        var result = Shell.Run("New-BulkEnrollUser -Name rerun-a, rerun-b -Domain contoso.com");

        var error = result.Error("UserAlreadyExists");
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Equal("windows-bulkenroll-rerun-a@contoso.com", error.TargetObject);
        Assert.Contains("windows-bulkenroll-rerun-a@contoso.com", error.Exception.Message);
        Assert.Equal("windows-bulkenroll-rerun-b@contoso.com", result.Single<BulkEnrollUser>().UserPrincipalName);
        Assert.Equal(1, AccountPosts);
        Assert.Single(Sandbox.Tenant.Snapshot().Accounts, a => a.Uid == "windows-bulkenroll-rerun-a@contoso.com");
    }

    [Theory]
    [InlineData("-UserPrincipalName 'adele.vance@contoso.com'", "NotGenericUserName")]
    [InlineData("-UserPrincipalName 'windows-bulkenroll-x'", "InvalidUserPrincipalName")]
    [InlineData("-UserPrincipalName 'windows-bulkenroll-a b@contoso.com'", "InvalidUserPrincipalName")]
    [InlineData("-Name 'no-domain'", "DomainRequired")]
    [InlineData("-Name 'bad name!' -Domain contoso.com", "InvalidUserPrincipalName")]
    [InlineData("-Name 'a..b' -Domain contoso.com", "InvalidUserPrincipalName")]
    [InlineData("-UserPrincipalName 'windows-bulkenroll-a/b@contoso.com'", "InvalidUserPrincipalName")]
    [InlineData("-Name ('x' * 46) -Domain contoso.com", "InvalidUserPrincipalName")]
    public void BadNamesAreClearErrorsAndNothingIsSent(string arguments, string errorId)
    {
        var result = Shell.Run("New-BulkEnrollUser " + arguments);

        Assert.Equal(ErrorCategory.InvalidArgument, result.Error(errorId).CategoryInfo.Category);
        Assert.Empty(result.Output);
        Assert.Equal(0, AccountPosts);
    }

    [Fact]
    public void TheLongestNameAPackageCanCarryIsCreated()
    {
        // 19 characters of prefix and dash plus 45: the 64 a UPN may have before the @, which the package validator also allows.
        string name = new string('x', 45);

        var user = Shell.Run("New-BulkEnrollUser -Name $args[0] -Domain contoso.com", name).ThrowIfErrors().Single<BulkEnrollUser>();

        Assert.Equal($"windows-bulkenroll-{name}@contoso.com", user.UserPrincipalName);
        Assert.True(GenericUser.IsEnrollableUpn(user.UserPrincipalName));
    }

    [Fact]
    public void AWeakPasswordFailsBeforeAnythingIsSent()
    {
        var result = Shell.Run("New-BulkEnrollUser -Name weak -Domain contoso.com -Password $args[0]", Secure("short"));

        Assert.Contains("fewer than 8", result.Error("WeakPassword").Exception.Message);
        Assert.Empty(Sandbox.RequestLog.Entries);
    }

    [Fact]
    public void AGivenPasswordIsUsedForEveryUser()
    {
        var users = Shell.Run("New-BulkEnrollUser -Name given -Domain contoso.com -Count 2 -Password $args[0]", Secure("Given-Pass-42")).ThrowIfErrors().All<BulkEnrollUser>();

        Assert.Equal(2, users.Count);
        Assert.All(users, u => Assert.True(Sandbox.Tenant.CheckPassword(u.UserPrincipalName, "Given-Pass-42")));
    }

    [Fact]
    public void NamesAndUpnsComeFromThePipelineAsStringsOrObjects()
    {
        var fromStrings = Shell.Run("'pipe-1', 'windows-bulkenroll-pipe-2@contoso.com' | New-BulkEnrollUser -Domain contoso.com").ThrowIfErrors().All<BulkEnrollUser>();
        var fromObjects = Shell.Run("[pscustomobject]@{ UserPrincipalName = 'windows-bulkenroll-pipe-3@contoso.com' } | New-BulkEnrollUser").ThrowIfErrors().All<BulkEnrollUser>();

        Assert.Equal(new[] { "windows-bulkenroll-pipe-1@contoso.com", "windows-bulkenroll-pipe-2@contoso.com" }, fromStrings.Select(u => u.UserPrincipalName));
        Assert.Equal("windows-bulkenroll-pipe-3@contoso.com", Assert.Single(fromObjects).UserPrincipalName);
    }

    [Fact]
    public void WhatIfCreatesNothing()
    {
        var result = Shell.Run("New-BulkEnrollUser -Name whatif -Domain contoso.com -WhatIf").ThrowIfErrors();

        Assert.Empty(result.Output);
        Assert.Equal(0, AccountPosts);
        Assert.Null(Sandbox.Tenant.FindAccountByUid("windows-bulkenroll-whatif@contoso.com"));
    }

    [Fact]
    public void PasswordsNeverAppearInAnyStream()
    {
        var result = Shell.Run("New-BulkEnrollUser -Name secret -Domain contoso.com -Password $args[0] -Verbose -Debug; New-BulkEnrollUser -Name secret -Domain contoso.com -Password $args[0] -Verbose -Debug",
            Secure("Very-Secret-Pass-9"));

        Assert.Single(result.All<BulkEnrollUser>());
        Assert.NotEmpty(result.Verbose);
        Assert.DoesNotContain("Very-Secret-Pass-9", result.AllText + Shell.HostText);
        Assert.DoesNotContain("Very-Secret-Pass-9", result.All<BulkEnrollUser>().Single().ToString());
    }

    [Fact]
    public void GetListsGenericUsersWithTheirEnrolledDeviceCounts()
    {
        var users = Shell.Run("Get-BulkEnrollUser").ThrowIfErrors().All<BulkEnrollUser>();
        var snapshot = Sandbox.Tenant.Snapshot();
        long space = Sandbox.Tenant.DefaultSpace.Id;

        var expected = snapshot.Accounts.Where(a => a.IsGeneric).Select(a => a.Uid).OrderBy(u => u, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(expected, users.Select(u => u.UserPrincipalName));
        Assert.All(users, u =>
        {
            Assert.Null(u.Credential);
            Assert.Equal(snapshot.Devices.Count(d => d.Enroller.Id == u.Id && d.SpaceId == space), u.EnrolledDeviceCount);
        });
        Assert.Contains(users, u => u.EnrolledDeviceCount == 0);
        Assert.Contains(users, u => u.EnrolledDeviceCount > 0);
    }

    [Fact]
    public void GetFiltersByWildcardAndReportsAnUnknownExactName()
    {
        var result = Shell.Run("Get-BulkEnrollUser -UserPrincipalName 'windows-bulkenroll-user1*', 'windows-bulkenroll-nobody@contoso.com'");

        Assert.Equal("windows-bulkenroll-user1@contoso.com", result.Single<BulkEnrollUser>().UserPrincipalName);
        Assert.Equal(ErrorCategory.ObjectNotFound, result.Error("UserNotFound").CategoryInfo.Category);
    }

    [Fact]
    public void RemoveRefusesAUserWhoseDeletionWouldRetireDevicesNamesThemAndRetiresThemOnlyWhenAsked()
    {
        var user = Shell.Run("New-BulkEnrollUser -Name doomed -Domain contoso.com").ThrowIfErrors().Single<BulkEnrollUser>();
        var devices = Enumerable.Range(1, 7).Select(i => Sandbox.Tenant.RegisterEnrolledDevice(
            new BulkEnroll.Sandbox.Tenant.NewWindowsDevice($"DOOM-{i}", $"DOOM{i}", "EliteBook", "HP", "10.0.26100.2314", user.Id))).ToList();
        bool AllActive() => devices.All(d => Sandbox.Tenant.GetDevice(d.Id)!.RegistrationState == BulkEnroll.Sandbox.Tenant.RegistrationState.Active);

        var refused = Shell.Run("Remove-BulkEnrollUser $args[0] -Confirm:$false", user.UserPrincipalName);
        var error = refused.Error("UserHasDevices");
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Contains("retire the 7 device(s) (DOOM-1, DOOM-2, DOOM-3, DOOM-4, DOOM-5 and 2 more)", error.Exception.Message);
        Assert.Contains("-RetireDevices", error.Exception.Message);

        Shell.ClearHostText();
        Shell.Run("Remove-BulkEnrollUser $args[0] -RetireDevices -WhatIf", user.UserPrincipalName).ThrowIfErrors();
        Assert.Contains("retire the 7 device(s) (DOOM-1", Shell.HostText);
        Assert.NotNull(Sandbox.Tenant.FindAccountByUid(user.UserPrincipalName));
        Assert.True(AllActive());

        Shell.Run("Remove-BulkEnrollUser $args[0] -RetireDevices -Confirm:$false", user.UserPrincipalName).ThrowIfErrors();
        Assert.Null(Sandbox.Tenant.FindAccountByUid(user.UserPrincipalName));
        Assert.All(devices, d => Assert.Equal(BulkEnroll.Sandbox.Tenant.RegistrationState.RetirePending, Sandbox.Tenant.GetDevice(d.Id)!.RegistrationState));
    }

    [Fact]
    public void RemoveDeletesAUserWhoseDevicesAreAllAssignedAndLeavesThemEnrolled()
    {
        var user = Shell.Run("New-BulkEnrollUser -Name handedover -Domain contoso.com").ThrowIfErrors().Single<BulkEnrollUser>();
        var device = Sandbox.Tenant.RegisterEnrolledDevice(new BulkEnroll.Sandbox.Tenant.NewWindowsDevice("HND-1", "HND1", "EliteBook", "HP", "10.0.26100.2314", user.Id));
        string real = Sandbox.Tenant.Snapshot().Accounts.First(a => !a.IsGeneric).Uid;
        Shell.Run("Set-DeviceAssignment -Id $args[0] -UserPrincipalName $args[1] -Confirm:$false", device.Id, real).ThrowIfErrors();

        Shell.Run("Remove-BulkEnrollUser $args[0] -Confirm:$false", user.UserPrincipalName).ThrowIfErrors();

        Assert.Null(Sandbox.Tenant.FindAccountByUid(user.UserPrincipalName));
        Assert.Equal(BulkEnroll.Sandbox.Tenant.RegistrationState.Active, Sandbox.Tenant.GetDevice(device.Id)!.RegistrationState);
    }

    [Fact]
    public void RemoveCountsDevicesInEveryDeviceSpaceNotJustTheConnectedOne()
    {
        var user = Shell.Run("New-BulkEnrollUser -Name elsewhere -Domain contoso.com").ThrowIfErrors().Single<BulkEnrollUser>();
        var otherSpace = Sandbox.Tenant.Spaces.First(s => !s.IsDefault);
        Sandbox.Tenant.RegisterEnrolledDevice(new BulkEnroll.Sandbox.Tenant.NewWindowsDevice("LYO-ELSEWHERE1", "ELSEWHERE1", "EliteBook", "HP", "10.0.26100.2314", user.Id) { SpaceId = otherSpace.Id });

        var refused = Shell.Run("Remove-BulkEnrollUser $args[0] -Confirm:$false", user.UserPrincipalName);

        Assert.Contains("1 device", refused.Error("UserHasDevices").Exception.Message);
        Assert.NotNull(Sandbox.Tenant.FindAccountByUid(user.UserPrincipalName));
    }

    [Fact]
    public void RemoveTakesUsersFromThePipelineHonoursWhatIfAndRefusesRealUsers()
    {
        Shell.Run("New-BulkEnrollUser -Name gone -Domain contoso.com").ThrowIfErrors();

        Shell.Run("Get-BulkEnrollUser 'windows-bulkenroll-gone*' | Remove-BulkEnrollUser -WhatIf").ThrowIfErrors();
        Assert.NotNull(Sandbox.Tenant.FindAccountByUid("windows-bulkenroll-gone@contoso.com"));

        Shell.Run("Get-BulkEnrollUser 'windows-bulkenroll-gone*' | Remove-BulkEnrollUser -Confirm:$false").ThrowIfErrors();
        Assert.Null(Sandbox.Tenant.FindAccountByUid("windows-bulkenroll-gone@contoso.com"));

        string real = Sandbox.Tenant.Snapshot().Accounts.First(a => !a.IsGeneric).Uid;
        var result = Shell.Run("Remove-BulkEnrollUser $args[0] -Confirm:$false", real);
        Assert.Equal(ErrorCategory.InvalidArgument, result.Error("NotGenericUser").CategoryInfo.Category);
        Assert.NotNull(Sandbox.Tenant.FindAccountByUid(real));
        Assert.DoesNotContain(Sandbox.RequestLog.Entries, e => e.Method == "DELETE" && e.Query.Contains(Sandbox.Tenant.FindAccountByUid(real)!.Id.ToString()));
    }
}
