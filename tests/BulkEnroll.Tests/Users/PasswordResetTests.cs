using System.Threading.Tasks;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Users;

/// <summary>Reset-BulkEnrollUserPassword (issue 18): the tenant takes the new password and refuses the old one.</summary>
public sealed class PasswordResetTests : SandboxSession
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Connect().ThrowIfErrors();
    }

    [Fact]
    public void TheNewPasswordWorksTheOldOneNoLongerDoesAndTheAccountIsKept()
    {
        var created = Shell.Run("New-BulkEnrollUser -Name rotate -Domain contoso.com").ThrowIfErrors().Single<BulkEnrollUser>();
        string old = created.Credential!.GetNetworkCredential().Password;
        Sandbox.RequestLog.Clear();

        var reset = Shell.Run("Reset-BulkEnrollUserPassword $args[0] -PasswordLength 24 -Confirm:$false", created.UserPrincipalName).ThrowIfErrors().Single<BulkEnrollUser>();

        string now = reset.Credential!.GetNetworkCredential().Password;
        Assert.Equal(24, now.Length);
        Assert.NotEqual(old, now);
        Assert.Equal(created.Id, reset.Id);
        Assert.True(Sandbox.Tenant.CheckPassword(created.UserPrincipalName, now));
        Assert.False(Sandbox.Tenant.CheckPassword(created.UserPrincipalName, old));
        // One change, no delete, and the password redacted in the log.
        var put = Assert.Single(Sandbox.RequestLog.Entries, e => e.Method != "GET");
        Assert.Equal(("PUT", "/api/v1/accounts"), (put.Method, put.Path));
        Assert.Equal("***", put.Form["accounts[0].password"]);
    }

    [Fact]
    public void WhatIfChangesNothing()
    {
        var created = Shell.Run("New-BulkEnrollUser -Name rotate-whatif -Domain contoso.com").ThrowIfErrors().Single<BulkEnrollUser>();
        Sandbox.RequestLog.Clear();

        var result = Shell.Run("Reset-BulkEnrollUserPassword $args[0] -WhatIf", created.UserPrincipalName).ThrowIfErrors();

        Assert.Empty(result.Output);
        Assert.DoesNotContain(Sandbox.RequestLog.Entries, e => e.Method != "GET");
        Assert.True(Sandbox.Tenant.CheckPassword(created.UserPrincipalName, created.Credential!.GetNetworkCredential().Password));
    }
}
