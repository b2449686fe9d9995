using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using BulkEnroll.Sandbox.Cli;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Api;

/// <summary>The API-variant controls (ApiVariants.cs, README "Contract decisions"): each makes the sandbox behave like one
/// shape a real tenant may have, and the default keeps the inferred one.</summary>
public sealed class ApiVariantTests
{
    private const long UnknownId = int.MaxValue;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static long RealAccountId(SandboxServer sandbox) => sandbox.Tenant.Snapshot().Accounts.First(a => !a.IsGeneric).Id;

    [Fact]
    public async Task Variant_controls_round_trip_over_http_and_reject_unknown_names()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 20);
        using var http = sandbox.CreateClient();
        var defaults = JsonDocument.Parse(await http.GetStringAsync("_sandbox/controls")).RootElement;
        Assert.Equal("Any", defaults.GetProperty("multiIdForm").GetString());
        Assert.Equal("Plural", defaults.GetProperty("accountDeletePath").GetString());
        Assert.Equal("Upper", defaults.GetProperty("reassignmentStatusStyle").GetString());
        Assert.False(defaults.GetProperty("omitOptionalFields").GetBoolean());

        var put = await http.PutAsync("_sandbox/controls",
            Json("""{"multiIdForm":"comma","accountDeletePath":"singular","reassignmentStatusStyle":"pending","omitOptionalFields":true}"""));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(MultiIdForm.Comma, sandbox.Controls.MultiIdForm);
        Assert.Equal(AccountDeletePath.Singular, sandbox.Controls.AccountDeletePath);
        Assert.Equal(ReassignmentStatusStyle.Pending, sandbox.Controls.ReassignmentStatusStyle);
        Assert.True(sandbox.Controls.OmitOptionalFields);

        var bad = await http.PutAsync("_sandbox/controls", Json("""{"multiIdForm":"sideways"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("multiIdForm", await bad.Content.ReadAsStringAsync());
        Assert.Equal(MultiIdForm.Comma, sandbox.Controls.MultiIdForm);
    }

    [Fact]
    public async Task Serve_rejects_an_unknown_variant_name()
    {
        Assert.Equal(2, await ServeCommand.RunAsync(["--multi-id-form", "sideways"]));
        Assert.Equal(2, await ServeCommand.RunAsync(["--account-delete-path", "sideways"]));
        Assert.Equal(2, await ServeCommand.RunAsync(["--reassignment-status", "sideways"]));
        Assert.Equal(2, await ServeCommand.RunAsync(["--omit-optional-fields", "maybe"]));
    }

    [Theory]
    [InlineData(MultiIdForm.Any, true, true)]
    [InlineData(MultiIdForm.Comma, false, true)]
    [InlineData(MultiIdForm.Repeated, true, false)]
    [InlineData(MultiIdForm.Single, false, false)]
    public async Task Several_ids_are_read_in_the_forms_the_variant_allows(MultiIdForm form, bool repeated, bool comma)
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 20, controls: c => c with { MultiIdForm = form });
        using var http = sandbox.CreateClient(sandbox.Admin);
        string account = RealAccountId(sandbox).ToString();
        long version = sandbox.Tenant.DeviceVersion;

        var asRepeated = await http.PutFormAsync("api/v1/device/updateAccount",
            ("accountId", account), ("deviceIds", (UnknownId - 1).ToString()), ("deviceIds", UnknownId.ToString()));
        var asComma = await http.PutFormAsync("api/v1/device/updateAccount", ("accountId", account), ("deviceIds", $"{UnknownId - 1},{UnknownId}"));
        var single = await http.PutFormAsync("api/v1/device/updateAccount", ("accountId", account), ("deviceIds", UnknownId.ToString()));

        AssertReadBoth(asRepeated, repeated);
        AssertReadBoth(asComma, comma);
        Assert.Equal(1, single.ShouldBeOk().TotalCount);
        // Unknown ids change nothing, in any form: what makes them a safe probe.
        Assert.Equal(version, sandbox.Tenant.DeviceVersion);
    }

    private static void AssertReadBoth(ApiResult result, bool accepted)
    {
        if (accepted)
        {
            Assert.Equal(new[] { UnknownId - 1, UnknownId }, result.ShouldBeOk().SearchResults.Select(d => d.GetProperty("id").GetInt64()).OrderBy(i => i));
        }
        else
        {
            result.ShouldHaveFieldError("deviceIds", "TypeMismatch");
        }
    }

    [Theory]
    [InlineData(AccountDeletePath.Plural, true, false)]
    [InlineData(AccountDeletePath.Singular, false, true)]
    [InlineData(AccountDeletePath.Both, true, true)]
    public async Task Users_are_deleted_on_the_paths_the_variant_has(AccountDeletePath variant, bool plural, bool singular)
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 20, controls: c => c with { AccountDeletePath = variant });
        using var http = sandbox.CreateClient(sandbox.Admin);
        var victims = sandbox.Tenant.Snapshot().Accounts.Where(a => !a.IsGeneric).Take(2).ToList();

        var byPlural = await http.DeleteApiAsync($"api/v1/accounts?accountIds={victims[0].Id}");
        var bySingular = await http.DeleteApiAsync($"api/v1/account?id={victims[1].Id}");

        AssertDeleted(sandbox, byPlural, victims[0].Id, plural);
        AssertDeleted(sandbox, bySingular, victims[1].Id, singular);

        // A path that is there judges the id: one that is not a number is a field error, and nothing is deleted.
        int accounts = sandbox.Tenant.Snapshot().Accounts.Count;
        var probe = await http.DeleteApiAsync(plural ? "api/v1/accounts?accountIds=probe" : "api/v1/account?id=probe");
        probe.ShouldHaveFieldError(plural ? "accountIds" : "id", "TypeMismatch");
        Assert.Equal(accounts, sandbox.Tenant.Snapshot().Accounts.Count);
    }

    private static void AssertDeleted(SandboxServer sandbox, ApiResult result, long id, bool deleted)
    {
        if (deleted)
        {
            Assert.Equal(1, result.ShouldBeOk().Result.GetInt32());
            Assert.Null(sandbox.Tenant.GetAccount(id));
        }
        else
        {
            // The sandbox's answer for any method a path does not take.
            result.ShouldBeGlobalError(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed");
            Assert.NotNull(sandbox.Tenant.GetAccount(id));
        }
    }

    [Theory]
    [InlineData(ReassignmentStatusStyle.Upper, "INITIATED")]
    [InlineData(ReassignmentStatusStyle.Title, "Initiated")]
    [InlineData(ReassignmentStatusStyle.Pending, "Pending")]
    [InlineData(ReassignmentStatusStyle.Absent, null)]
    public async Task The_reassignment_status_is_spelled_as_the_variant_says(ReassignmentStatusStyle style, string? inProgress)
    {
        // A reassignment that outlives the test: the status read is the in-progress one.
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 40,
            controls: c => c with { ReassignmentStatusStyle = style, ReassignmentDelay = TimeSpan.FromHours(1) });
        using var http = sandbox.CreateClient(sandbox.Admin);
        var device = sandbox.Tenant.Snapshot().Devices.First(d => d.IsBulkEnrolled && d.SpaceId == sandbox.Tenant.DefaultSpace.Id
            && d.Owner.Id == d.Enroller.Id && d.RegistrationState == BulkEnroll.Sandbox.Tenant.RegistrationState.Active && d.LastReassignmentStatus == null);
        var before = (await http.GetApiAsync($"api/v1/device/{device.Id}?dmPartitionId={device.SpaceId}")).ShouldBeOk();
        Assert.False(before.Result.TryGetProperty("lastReassignmentStatus", out _));

        Assert.Equal(0, (await http.PutFormAsync("api/v1/device/updateAccount", ("accountId", RealAccountId(sandbox).ToString()), ("deviceIds", device.Id.ToString())))
            .ShouldBeOk().TotalCount);
        var during = (await http.GetApiAsync($"api/v1/device/{device.Id}?dmPartitionId={device.SpaceId}")).ShouldBeOk();

        if (inProgress is null)
        {
            Assert.False(during.Result.TryGetProperty("lastReassignmentStatus", out _));
        }
        else
        {
            Assert.Equal(inProgress, during.Result.GetProperty("lastReassignmentStatus").GetString());
        }
    }

    [Fact]
    public async Task Optional_fields_can_be_left_out_of_device_and_account_records()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 20, controls: c => c with { OmitOptionalFields = true });
        using var http = sandbox.CreateClient(sandbox.Admin);

        var device = (await http.GetApiAsync(SandboxTestKit.DevicesUri(sandbox, "rows=1"))).ShouldBeOk().SearchResults.Single();
        foreach (string field in new[] { "displayName", "emailAddress", "firstName", "lastName", "deviceModel", "manufacturer", "lastCheckin", "changeOwnerCounter" })
        {
            Assert.False(device.TryGetProperty(field, out _), field);
        }

        foreach (string field in new[] { "id", "deviceName", "uid", "ownerId", "enrollerId", "registrationState", "platformType" })
        {
            Assert.True(device.TryGetProperty(field, out _), field);
        }

        var account = (await http.GetApiAsync("api/v1/account?rows=1")).ShouldBeOk().SearchResults.Single();
        Assert.False(account.TryGetProperty("displayName", out _));
        Assert.False(account.TryGetProperty("emailAddress", out _));
        Assert.True(account.TryGetProperty("uid", out _));
    }
}
