using System.Linq;
using BulkEnroll.Sandbox;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Users;

/// <summary>
/// Remove-BulkEnrollUser and Get-BulkEnrollUser against the sandbox in each API variant a real tenant may show:
/// the path that deletes a user (plural <c>/accounts?accountIds=</c> or singular <c>/account?id=</c>) and account
/// records without their optional fields. Each test connects afresh, so each detects from scratch.
/// </summary>
public sealed class UserVariantTests : SandboxSession
{
    private const string ProbeId = "probe";

    private static bool IsDelete(RequestLogEntry e) => e.Method == "DELETE" && e.Path is "/api/v1/accounts" or "/api/v1/account";

    private string NewUser(string name)
        => Shell.Run("New-BulkEnrollUser -Name $args[0] -Domain contoso.com", name).ThrowIfErrors().Single<BulkEnrollUser>().UserPrincipalName;

    [Theory]
    [InlineData(AccountDeletePath.Plural, "/api/v1/accounts", "accountIds=", 1)]
    [InlineData(AccountDeletePath.Both, "/api/v1/accounts", "accountIds=", 1)]
    [InlineData(AccountDeletePath.Singular, "/api/v1/account", "id=", 2)]
    public void AUserIsDeletedOnceOnThePathTheTenantHas(AccountDeletePath variant, string path, string parameter, int probes)
    {
        Sandbox.Controls.AccountDeletePath = variant;
        Connect().ThrowIfErrors();
        string first = NewUser("variant-a");
        string second = NewUser("variant-b");
        long firstId = Sandbox.Tenant.FindAccountByUid(first)!.Id;
        Sandbox.RequestLog.Clear();

        var removed = Shell.Run("Remove-BulkEnrollUser $args[0] -Confirm:$false -Verbose", first).ThrowIfErrors();

        Assert.Null(Sandbox.Tenant.FindAccountByUid(first));
        Assert.Contains(removed.Verbose, v => v.Contains("API variant: the tenant deletes users with DELETE " + path + "?"));
        var deletes = Sandbox.RequestLog.Entries.Where(IsDelete).ToList();
        // The probes name an id no account has; the real id is sent once, on the detected path.
        Assert.Equal(probes + 1, deletes.Count);
        Assert.All(deletes.Take(probes), d => Assert.EndsWith("=" + ProbeId, d.Query));
        Assert.Equal(path, deletes.Last().Path);
        Assert.Equal("?" + parameter + firstId, deletes.Last().Query);

        // Detected once per connection: the next removal sends no probe.
        Sandbox.RequestLog.Clear();
        Shell.Run("Remove-BulkEnrollUser $args[0] -Confirm:$false", second).ThrowIfErrors();
        Assert.Null(Sandbox.Tenant.FindAccountByUid(second));
        Assert.Equal(path, Assert.Single(Sandbox.RequestLog.Entries, IsDelete).Path);
    }

    [Fact]
    public void WhatIfSendsNoDeleteNotEvenAProbe()
    {
        Sandbox.Controls.AccountDeletePath = AccountDeletePath.Singular;
        Connect().ThrowIfErrors();
        string user = NewUser("variant-w");
        Sandbox.RequestLog.Clear();

        Shell.Run("Remove-BulkEnrollUser $args[0] -WhatIf", user).ThrowIfErrors();

        Assert.NotNull(Sandbox.Tenant.FindAccountByUid(user));
        Assert.DoesNotContain(Sandbox.RequestLog.Entries, IsDelete);
    }

    [Fact]
    public void AccountsWithoutOptionalFieldsAreListed()
    {
        Sandbox.Controls.OmitOptionalFields = true;
        Connect().ThrowIfErrors();

        var users = Shell.Run("Get-BulkEnrollUser").ThrowIfErrors().All<BulkEnrollUser>();

        var expected = Sandbox.Tenant.Snapshot().Accounts.Where(a => a.IsGeneric).Select(a => a.Uid).OrderBy(u => u);
        Assert.Equal(expected, users.Select(u => u.UserPrincipalName).OrderBy(u => u));
    }
}
