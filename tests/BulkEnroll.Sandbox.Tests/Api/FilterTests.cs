using System;
using System.Linq;
using System.Threading.Tasks;
using BulkEnroll.Sandbox.Tenant;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Api;

public sealed class FilterTests(ReadOnlySandbox fixture) : IClassFixture<ReadOnlySandbox>
{
    private readonly SandboxServer _sandbox = fixture.Sandbox;

    private TenantSnapshot Snapshot => _sandbox.Tenant.Snapshot();
    private long Space => _sandbox.Tenant.DefaultSpace.Id;

    private async Task<ApiResult> Devices(string rawQuery)
    {
        using var http = _sandbox.CreateClient(_sandbox.Admin);
        return (await http.GetApiAsync($"api/v1/device?dmPartitionId={Space}&rows=500&{rawQuery}")).ShouldBeOk();
    }

    [Fact]
    public async Task Equality_with_equals_sign()
    {
        var r = await Devices("fq=registrationState=ACTIVE");
        int expected = Snapshot.Devices.Count(d => d.SpaceId == Space && d.RegistrationState == RegistrationState.Active);
        Assert.Equal(expected, r.TotalCount);
        Assert.All(r.SearchResults, d => Assert.Equal("ACTIVE", d.GetProperty("registrationState").GetString()));
        Assert.True(expected < Snapshot.Devices.Count(d => d.SpaceId == Space)); // the filter really filtered
    }

    [Theory]
    [InlineData("fq=PLATFORMTYPE+EQ+'WINDOWS_PHONE'")]
    [InlineData("fq=PLATFORMTYPE%20EQ%20WINDOWS_PHONE")]
    [InlineData("fq=platformType%3DWINDOWS_PHONE")]
    [InlineData("fq=platformtype+eq+%22windows_phone%22")]
    public async Task EQ_forms_spaces_quotes_and_case(string fq)
    {
        var r = await Devices(fq);
        Assert.Equal(Snapshot.Devices.Count(d => d.SpaceId == Space && d.IsWindows), r.TotalCount);
        Assert.All(r.SearchResults, d => Assert.Equal("WINDOWS_PHONE", d.GetProperty("platformType").GetString()));
    }

    [Fact]
    public async Task Email_filter_as_public_scripts_send_it()
    {
        var generic = Snapshot.Account("windows-bulkenroll-user1@contoso.com");
        var r = await Devices($"fq=EMAILADDRESS+EQ+{generic.Uid}");
        int expected = Snapshot.Devices.Count(d => d.SpaceId == Space && d.Owner.Id == generic.Id);
        Assert.True(expected > 0);
        Assert.Equal(expected, r.TotalCount);
        Assert.All(r.SearchResults, d => Assert.Equal(generic.Uid, d.GetProperty("emailAddress").GetString()));
    }

    [Fact]
    public async Task And_or_and_parentheses()
    {
        var r = await Devices("fq=" + Uri.EscapeDataString("registrationState=ACTIVE and (platformType=IOS or platformType=ANDROID)"));
        int expected = Snapshot.Devices.Count(d => d.SpaceId == Space && d.RegistrationState == RegistrationState.Active && !d.IsWindows);
        Assert.True(expected > 0);
        Assert.Equal(expected, r.TotalCount);

        // "and" binds tighter than "or".
        var r2 = await Devices("fq=" + Uri.EscapeDataString("platformType=IOS OR platformType=WINDOWS_PHONE AND registrationState=RETIRED"));
        int expected2 = Snapshot.Devices.Count(d => d.SpaceId == Space &&
            (d.Platform == DevicePlatform.IOS || (d.IsWindows && d.RegistrationState == RegistrationState.Retired)));
        Assert.Equal(expected2, r2.TotalCount);
    }

    [Fact]
    public async Task NEQ_and_numeric_fields()
    {
        var generic = Snapshot.Account("windows-bulkenroll-user2@contoso.com");
        var r = await Devices($"fq=enrollerId={generic.Id}+and+ownerId+NEQ+{generic.Id}");
        int expected = Snapshot.Devices.Count(d => d.SpaceId == Space && d.Enroller.Id == generic.Id && d.Owner.Id != generic.Id);
        Assert.True(expected > 0, "fixture has assigned devices of user2");
        Assert.Equal(expected, r.TotalCount);
    }

    [Fact]
    public async Task Windows_serial_is_not_filterable_but_mobile_serial_is()
    {
        var snapshot = Snapshot;
        // A device named DESKTOP-xxx: nothing in its record holds the serial (bulk devices' names often do).
        var windows = snapshot.Devices.First(d => d.SpaceId == Space && d.IsWindows && d.DeviceName.StartsWith("DESKTOP-"));
        Assert.Equal(0, (await Devices($"fq=serialNumber={windows.HardwareSerial}")).TotalCount);
        Assert.Equal(0, (await Devices($"q={windows.HardwareSerial}")).TotalCount);

        var phone = snapshot.Devices.First(d => d.SpaceId == Space && d.Platform == DevicePlatform.IOS);
        var r = await Devices($"fq=serialNumber={phone.HardwareSerial}");
        Assert.Equal(phone.Id, r.SearchResults.Single().GetProperty("id").GetInt64());
        Assert.Equal(phone.Id, (await Devices($"q={phone.HardwareSerial.ToLowerInvariant()}")).SearchResults.Single().GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Free_text_q_matches_owner_and_name_substrings()
    {
        var r = await Devices("q=BULKENROLL-USER3");
        int expected = Snapshot.Devices.Count(d => d.SpaceId == Space && d.Owner.Uid.Contains("bulkenroll-user3"));
        Assert.True(expected > 0);
        Assert.Equal(expected, r.TotalCount);
    }

    [Theory]
    [InlineData("registrationState")]
    [InlineData("registrationState=")]
    [InlineData("registrationState=ACTIVE and")]
    [InlineData("(registrationState=ACTIVE")]
    [InlineData("registrationState=ACTIVE)")]
    [InlineData("registrationState LIKE ACTIVE")]
    [InlineData("deviceName='unterminated")]
    [InlineData("noSuchField=1")]
    public async Task Malformed_fq_is_a_field_error(string fq)
    {
        using var http = _sandbox.CreateClient(_sandbox.Admin);
        var r = await http.GetApiAsync($"api/v1/device?dmPartitionId={Space}&fq={Uri.EscapeDataString(fq)}");
        r.ShouldHaveFieldError("fq", "Invalid");
    }

    [Theory]
    [InlineData("fq=UID=adele.vance@contoso.com")]
    [InlineData("fq=EMAILADDRESS+EQ+ADELE.VANCE@contoso.com")]
    [InlineData("fq=uid%20EQ%20'adele.vance@contoso.com'")]
    [InlineData("q=adele.vance@contoso.com")]
    public async Task Account_lookups_find_exactly_one(string query)
    {
        using var http = _sandbox.CreateClient(_sandbox.ReadOnly);
        var r = (await http.GetApiAsync("api/v1/account?" + query)).ShouldBeOk();
        var account = Assert.Single(r.SearchResults);
        Assert.Equal("adele.vance@contoso.com", account.GetProperty("uid").GetString());
        Assert.Equal(Snapshot.Account("adele.vance@contoso.com").Id, account.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Account_q_finds_all_generic_users()
    {
        using var http = _sandbox.CreateClient(_sandbox.ReadOnly);
        var r = (await http.GetApiAsync("api/v1/account?q=windows-bulkenroll")).ShouldBeOk();
        Assert.Equal(Snapshot.Accounts.Count(a => a.IsGeneric), r.TotalCount);
        Assert.Equal(4, r.TotalCount);
    }

    [Fact]
    public async Task Several_fq_parameters_combine_with_and()
    {
        var r = await Devices("fq=platformType=WINDOWS_PHONE&fq=registrationState=RETIRE_PENDING");
        Assert.Equal(Snapshot.Devices.Count(d => d.SpaceId == Space && d.IsWindows && d.RegistrationState == RegistrationState.RetirePending), r.TotalCount);
    }
}
