using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BulkEnroll.Packaging.Tests.Wim;
using BulkEnroll.Sandbox;
using BulkEnroll.Sandbox.Tenant;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Users;

/// <summary>
/// The tenant's per-user device cap has no documented API, so the admin gives it (-DeviceLimit); New- and
/// Test-BulkEnrollPackage then warn when the generic user is near (90%) or at it. The sandbox enforces the same cap
/// on enrollment, so the warning is about what a PC would really meet.
/// </summary>
public sealed class DeviceLimitTests : SandboxSession
{
    private const int Limit = 10;
    private readonly TempDirectory _temp = new();

    protected override SandboxOptions Options => new() { DeviceCount = 20, Seed = 5, Controls = new SandboxControlSettings { MaxDevicesPerUser = Limit } };

    protected override bool ConnectsOnStart => true;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _temp.Dispose();
    }

    private BulkEnrollUser NewUserWithDevices(string name, int devices)
    {
        var user = Shell.Run("New-BulkEnrollUser -Name $args[0] -Domain contoso.com", name).ThrowIfErrors().Single<BulkEnrollUser>();
        for (int i = 0; i < devices; i++)
        {
            Sandbox.Tenant.RegisterEnrolledDevice(new NewWindowsDevice($"{name.ToUpperInvariant()}-{i}", $"{name}{i}", "M", "V", "10.0.26100.1", user.Id), Limit);
        }

        return user;
    }

    /// <summary>The warnings about the cap (a package without Wi-Fi gets one of its own).</summary>
    private static string[] LimitWarnings(ScriptResult result) => result.Warnings.Where(w => w.Contains("per user", StringComparison.Ordinal)).ToArray();

    private ScriptResult NewPackage(BulkEnrollUser user, string extra = "")
        => Shell.Run("$args[0] | New-BulkEnrollPackage -OutputPath $args[1] " + extra, user, Path.Combine(_temp.Path, user.UserPrincipalName)).ThrowIfErrors();

    [Fact]
    public void NoWarningWhileTheUserHasRoomAndNoneWithoutDeviceLimit()
    {
        var user = NewUserWithDevices("roomy", 8);
        Assert.Empty(LimitWarnings(NewPackage(user, "-DeviceLimit 10")));
        Assert.Empty(LimitWarnings(NewPackage(user, "-Force")));
    }

    [Fact]
    public void NearTheCapBothCmdletsWarnHowManyMorePcsCanEnroll()
    {
        var user = NewUserWithDevices("nearly", 9);
        var built = NewPackage(user, "-DeviceLimit 10");
        string warning = Assert.Single(LimitWarnings(built));
        Assert.Contains("9 active device(s)", warning);
        Assert.Contains("only 1 more PC(s)", warning);

        string package = built.Single<BulkEnrollPackage>().Path;
        var tested = Shell.Run("Test-BulkEnrollPackage -Path $args[0] -DeviceLimit 10", package).ThrowIfErrors();
        Assert.Contains("only 1 more PC(s)", Assert.Single(LimitWarnings(tested)));
    }

    [Fact]
    public void AtTheCapTheWarningSaysPcsWillBeRefusedAsTheTenantDoes()
    {
        var user = NewUserWithDevices("full", Limit);
        var account = Sandbox.Tenant.FindAccountByUid(user.UserPrincipalName)!;
        Assert.Throws<DeviceLimitReachedException>(() => Sandbox.Tenant.RegisterEnrolledDevice(
            new NewWindowsDevice("FULL-X", "fullx", "M", "V", "10.0.26100.1", account.Id), Limit));

        string warning = Assert.Single(LimitWarnings(NewPackage(user, "-DeviceLimit 10")));
        Assert.Contains("already has 10 active device(s)", warning);
        Assert.Contains("will be refused", warning);
    }
}
