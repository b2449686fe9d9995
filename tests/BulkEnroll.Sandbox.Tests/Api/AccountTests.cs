using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using BulkEnroll.Sandbox.Tenant;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Api;

/// <summary>Each test uses its own uids, so they can share one sandbox.</summary>
public sealed class AccountTests : IAsyncLifetime
{
    private SandboxServer _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxTestKit.StartAsync(devices: 100, seed: 3);

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    private static (string, string)[] Account(int i, string uid, string? password, string first = "Windows", string last = "Bulk") =>
        new[]
        {
            ($"accounts[{i}].uid", uid), ($"accounts[{i}].emailAddress", uid), ($"accounts[{i}].firstName", first),
            ($"accounts[{i}].lastName", last), ($"accounts[{i}].accountSource", "LOCAL"),
        }.Concat(password is null ? [] : new[] { ($"accounts[{i}].password", password) }).ToArray();

    [Fact]
    public async Task Create_with_password_returns_the_account_and_stores_the_password()
    {
        using var http = _sandbox.CreateClient(_sandbox.Admin);
        const string uid = "windows-bulkenroll-paris@contoso.com";
        var r = (await http.PostFormAsync("api/v1/accounts?sendInvite=false", Account(0, uid, "Paris-2024!"))).ShouldBeOk();

        Assert.Equal(JsonValueKind.Object, r.Result.ValueKind);
        Assert.Equal(uid, r.Result.GetProperty("uid").GetString());
        Assert.Equal(uid, r.Result.GetProperty("emailAddress").GetString());
        Assert.Equal("LOCAL", r.Result.GetProperty("accountSource").GetString());
        Assert.Equal("Windows Bulk", r.Result.GetProperty("displayName").GetString());
        Assert.Equal(_sandbox.Admin.UserName, r.Result.GetProperty("createdBy").GetString());
        Assert.DoesNotContain("Paris-2024!", r.Text);
        Assert.DoesNotContain(r.Result.EnumerateObject(), p => p.Name.Equals("password", System.StringComparison.OrdinalIgnoreCase));
        long id = r.Result.GetProperty("id").GetInt64();

        Assert.True(_sandbox.Tenant.CheckPassword(uid, "Paris-2024!"));
        Assert.True(_sandbox.Tenant.CheckPassword(uid.ToUpperInvariant(), "Paris-2024!"));
        Assert.False(_sandbox.Tenant.CheckPassword(uid, "paris-2024!"));

        var found = (await http.GetApiAsync($"api/v1/account?fq=UID={uid}")).ShouldBeOk();
        Assert.Equal(id, Assert.Single(found.SearchResults).GetProperty("id").GetInt64());
    }

    [Theory]
    [InlineData("short1!")]      // too short
    [InlineData("alllowercase")] // one class
    [InlineData("lower1234")]    // two classes
    public async Task Weak_password_is_rejected_and_nothing_created(string password)
    {
        using var http = _sandbox.CreateClient(_sandbox.Admin);
        string uid = $"weak-{password.Length}-{password[0]}@contoso.com";
        var r = await http.PostFormAsync("api/v1/accounts?sendInvite=false", Account(0, uid, password));
        r.ShouldHaveFieldError("accounts[0].password", "PasswordComplexity");
        Assert.Null(_sandbox.Tenant.FindAccountByUid(uid));
        Assert.True(PasswordPolicy.IsSatisfiedBy("Abcdefg1"));
    }

    [Fact]
    public async Task Existing_uid_is_a_duplicate()
    {
        using var http = _sandbox.CreateClient(_sandbox.Admin);
        int before = _sandbox.Tenant.Snapshot().Accounts.Count;
        var r = await http.PostFormAsync("api/v1/accounts?sendInvite=false", Account(0, "WINDOWS-BULKENROLL-USER1@contoso.com", "Str0ng-Pass"));
        r.ShouldHaveFieldError("accounts[0].uid", "Duplicate");
        Assert.Equal(before, _sandbox.Tenant.Snapshot().Accounts.Count);
    }

    [Fact]
    public async Task Several_accounts_in_one_call_return_an_array_and_are_all_or_nothing()
    {
        using var http = _sandbox.CreateClient(_sandbox.Admin);
        var ok = (await http.PostFormAsync("api/v1/accounts?sendInvite=false",
            [.. Account(0, "multi-a@contoso.com", "Multi-Pass1"), .. Account(1, "multi-b@contoso.com", null)])).ShouldBeOk();
        Assert.Equal(JsonValueKind.Array, ok.Result.ValueKind);
        Assert.Equal(new[] { "multi-a@contoso.com", "multi-b@contoso.com" }, ok.Result.EnumerateArray().Select(a => a.GetProperty("uid").GetString()!).ToArray());
        Assert.False(_sandbox.Tenant.CheckPassword("multi-b@contoso.com", ""));

        var bad = await http.PostFormAsync("api/v1/accounts?sendInvite=false",
            [.. Account(0, "multi-c@contoso.com", "Multi-Pass1"), .. Account(1, "multi-c@contoso.com", "Multi-Pass1")]);
        bad.ShouldHaveFieldError("accounts[1].uid", "Duplicate");
        Assert.Null(_sandbox.Tenant.FindAccountByUid("multi-c@contoso.com"));
    }

    [Fact]
    public async Task Missing_or_malformed_uid()
    {
        using var http = _sandbox.CreateClient(_sandbox.Admin);
        (await http.PostFormAsync("api/v1/accounts?sendInvite=false", ("accounts[0].firstName", "X"))).ShouldHaveFieldError("accounts[0].uid", "Required");
        (await http.PostFormAsync("api/v1/accounts?sendInvite=false", Account(0, "not-an-email", null))).ShouldHaveFieldError("accounts[0].uid", "Email");
        (await http.PostFormAsync("api/v1/accounts?sendInvite=false")).ShouldHaveFieldError("accounts", "Required");
    }

    [Fact]
    public async Task Delete_removes_accounts_and_counts_them()
    {
        using var http = _sandbox.CreateClient(_sandbox.Admin);
        var created = (await http.PostFormAsync("api/v1/accounts?sendInvite=false",
            [.. Account(0, "del-a@contoso.com", "Delete-Me1"), .. Account(1, "del-b@contoso.com", null)])).ShouldBeOk();
        var ids = created.Result.EnumerateArray().Select(a => a.GetProperty("id").GetInt64()).ToArray();

        var r = (await http.DeleteApiAsync($"api/v1/accounts?accountIds={ids[0]},{ids[1]}")).ShouldBeOk();
        Assert.Equal(2, r.Result.GetInt32());
        Assert.Equal(0, (await http.GetApiAsync("api/v1/account?q=del-")).ShouldBeOk().TotalCount);
        Assert.False(_sandbox.Tenant.CheckPassword("del-a@contoso.com", "Delete-Me1"));

        (await http.DeleteApiAsync($"api/v1/accounts?accountIds={ids[0]}")).ShouldBeGlobalError(HttpStatusCode.NotFound, "NotFound");
        (await http.DeleteApiAsync("api/v1/accounts")).ShouldHaveFieldError("accountIds", "Required");
    }

    [Fact]
    public async Task Delete_retires_the_devices_registered_to_the_account_only()
    {
        using var http = _sandbox.CreateClient(_sandbox.Admin);
        var created = (await http.PostFormAsync("api/v1/accounts?sendInvite=false", Account(0, "windows-bulkenroll-doomed@contoso.com", "Doomed-2024!"))).ShouldBeOk();
        long id = created.Result.GetProperty("id").GetInt64();
        var kept = _sandbox.Tenant.RegisterEnrolledDevice(new NewWindowsDevice("DOOM-1", "DOOM1", "M", "V", "10.0.26100.1", id));
        var retired = _sandbox.Tenant.RegisterEnrolledDevice(new NewWindowsDevice("DOOM-2", "DOOM2", "M", "V", "10.0.26100.1", id));
        long realUser = _sandbox.Tenant.Snapshot().Account("adele.vance@contoso.com").Id;
        (await http.PutFormAsync("api/v1/device/updateAccount", ("accountId", realUser.ToString()), ("deviceIds", kept.Id.ToString()))).ShouldBeOk();
        await SandboxTestKit.WaitUntilAsync(() => _sandbox.Tenant.GetDevice(kept.Id)!.Owner.Id == realUser, "owner change");

        (await http.DeleteApiAsync($"api/v1/accounts?accountIds={id}")).ShouldBeOk();

        Assert.Equal(RegistrationState.RetirePending, _sandbox.Tenant.GetDevice(retired.Id)!.RegistrationState);
        Assert.Equal(RegistrationState.Active, _sandbox.Tenant.GetDevice(kept.Id)!.RegistrationState);
    }

    [Fact]
    public async Task Unknown_id_in_a_delete_deletes_nothing()
    {
        using var http = _sandbox.CreateClient(_sandbox.Admin);
        var created = (await http.PostFormAsync("api/v1/accounts?sendInvite=false", Account(0, "keep-me@contoso.com", null))).ShouldBeOk();
        long id = created.Result.GetProperty("id").GetInt64();
        (await http.DeleteApiAsync($"api/v1/accounts?accountIds={id},1")).ShouldBeGlobalError(HttpStatusCode.NotFound, "NotFound");
        Assert.NotNull(_sandbox.Tenant.GetAccount(id));
    }

    [Fact]
    public async Task Delete_needs_user_management()
    {
        using var http = _sandbox.CreateClient(_sandbox.ReadOnly);
        long id = _sandbox.Tenant.Snapshot().Account("adele.vance@contoso.com").Id;
        (await http.DeleteApiAsync($"api/v1/accounts?accountIds={id}")).ShouldBeGlobalError(HttpStatusCode.Forbidden, "Forbidden");
        Assert.NotNull(_sandbox.Tenant.GetAccount(id));
    }

    [Fact]
    public async Task Uid_and_email_lookups_follow_the_data()
    {
        using var http = _sandbox.CreateClient(_sandbox.Admin);
        var created = (await http.PostFormAsync("api/v1/accounts?sendInvite=false",
            ("accounts[0].uid", "lookup-uid@contoso.com"), ("accounts[0].emailAddress", "Lookup.Mail@Contoso.com"))).ShouldBeOk();
        long id = created.Result.GetProperty("id").GetInt64();

        async Task<long[]> Ids(string fq) => (await http.GetApiAsync("api/v1/account?fq=" + fq)).ShouldBeOk()
            .SearchResults.Select(a => a.GetProperty("id").GetInt64()).ToArray();
        Assert.Equal([id], await Ids("UID=LOOKUP-UID@contoso.com"));
        Assert.Equal([id], await Ids("emailAddress=lookup.mail@contoso.com"));
        Assert.Equal([id], await Ids("EMAILADDRESS+EQ+'lookup.mail@contoso.com'"));
        Assert.Empty(await Ids("UID=lookup.mail@contoso.com"));
        Assert.Empty(await Ids("emailAddress=lookup-uid@contoso.com"));
        var r = (await http.GetApiAsync("api/v1/account?fq=UID=lookup-uid@contoso.com")).ShouldBeOk();
        Assert.Equal(_sandbox.Tenant.Snapshot().Accounts.Count, r.Result.GetProperty("totalUnfilteredResultCount").GetInt32());

        (await http.DeleteApiAsync($"api/v1/accounts?accountIds={id}")).ShouldBeOk();
        Assert.Empty(await Ids("emailAddress=lookup.mail@contoso.com"));
        Assert.Empty(await Ids("UID=lookup-uid@contoso.com"));
    }

    [Fact]
    public async Task Seeded_generic_users_have_the_configured_password()
    {
        Assert.True(_sandbox.Tenant.CheckPassword("windows-bulkenroll-user1@contoso.com", _sandbox.Options.GenericUserPassword));
        Assert.False(_sandbox.Tenant.CheckPassword("windows-bulkenroll-user1@contoso.com", "wrong"));
        Assert.False(_sandbox.Tenant.CheckPassword("nobody@contoso.com", _sandbox.Options.GenericUserPassword));
        await Task.CompletedTask;
    }
}

public sealed class AccountDeletionKeepsDevicesTests
{
    [Fact]
    public async Task Devices_enrolled_by_a_deleted_account_keep_their_data()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 100, seed: 5);
        var generic = sandbox.Tenant.Snapshot().Account("windows-bulkenroll-user1@contoso.com");
        var device = sandbox.Tenant.Snapshot().Devices.First(d => d.Enroller.Id == generic.Id && d.Owner.Id == generic.Id);
        using var http = sandbox.CreateClient(sandbox.Admin);
        (await http.DeleteApiAsync($"api/v1/accounts?accountIds={generic.Id}")).ShouldBeOk();

        var r = (await http.GetApiAsync($"api/v1/device/{device.Id}?dmPartitionId={device.SpaceId}")).ShouldBeOk();
        Assert.Equal(generic.Uid, r.Result.GetProperty("uid").GetString());
        Assert.Equal(generic.Id, r.Result.GetProperty("enrollerId").GetInt64());
        Assert.True(sandbox.Tenant.GetDevice(device.Id)!.IsBulkEnrolled);
    }
}
