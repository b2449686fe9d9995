using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Api;

public sealed class PagingTests(ReadOnlySandbox fixture) : IClassFixture<ReadOnlySandbox>
{
    private readonly SandboxServer _sandbox = fixture.Sandbox;

    [Fact]
    public async Task Pages_cover_every_device_of_the_space_once_and_totalCount_matches()
    {
        var space = _sandbox.Tenant.DefaultSpace;
        var expected = _sandbox.Tenant.Snapshot().Devices.Where(d => d.SpaceId == space.Id).Select(d => d.Id).ToList();
        using var http = _sandbox.CreateClient(_sandbox.Admin);
        var seen = new List<long>();
        for (int start = 0; ; start += 37)
        {
            var page = (await http.GetApiAsync($"api/v1/device?dmPartitionId={space.Id}&rows=37&start={start}")).ShouldBeOk();
            Assert.Equal(expected.Count, page.TotalCount);
            Assert.Equal(start, page.Result.GetProperty("offset").GetInt32());
            Assert.Equal(37, page.Result.GetProperty("limit").GetInt32());
            Assert.True(page.Result.GetProperty("facetedResults").ValueKind == System.Text.Json.JsonValueKind.Object);
            Assert.True(page.Result.TryGetProperty("queryTime", out _));
            if (page.SearchResults.Count == 0)
            {
                break;
            }

            Assert.All(page.SearchResults, d => Assert.Equal(space.Id, d.GetProperty("dmPartitionId").GetInt64()));
            seen.AddRange(page.SearchResults.Select(d => d.GetProperty("id").GetInt64()));
        }
        Assert.Equal(expected, seen); // default order: id ascending
    }

    [Theory]
    [InlineData("501")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("many")]
    public async Task Rows_outside_1_to_500_is_the_documented_400(string rows)
    {
        using var http = _sandbox.CreateClient(_sandbox.Admin);
        var r = await http.GetApiAsync(SandboxTestKit.DevicesUri(_sandbox, $"rows={rows}"));
        var error = r.ShouldHaveFieldError("rows", "Range");
        Assert.Equal("must be between 1 and 500", error.GetProperty("message").GetString());
        var accounts = await http.GetApiAsync($"api/v1/account?rows={rows}");
        accounts.ShouldHaveFieldError("rows", "Range");
    }

    [Fact]
    public async Task Rows_501_body_is_exactly_the_documented_one()
    {
        using var http = _sandbox.CreateClient(_sandbox.Admin);
        var r = await http.GetApiAsync(SandboxTestKit.DevicesUri(_sandbox, "rows=501"));
        Assert.Equal(
            """{"errors":{"globalErrors":null,"fieldErrors":[{"code":"Range","message":"must be between 1 and 500","field":"rows"}]},"result":null}""",
            r.Text);
    }

    [Fact]
    public async Task Rows_500_is_allowed_and_start_past_the_end_is_empty()
    {
        using var http = _sandbox.CreateClient(_sandbox.Admin);
        var all = (await http.GetApiAsync(SandboxTestKit.DevicesUri(_sandbox, "rows=500"))).ShouldBeOk();
        Assert.Equal(all.TotalCount, all.SearchResults.Count); // fewer than 500 in this fixture
        var past = (await http.GetApiAsync(SandboxTestKit.DevicesUri(_sandbox, $"rows=10&start={all.TotalCount + 5}"))).ShouldBeOk();
        Assert.Empty(past.SearchResults);
        Assert.Equal(all.TotalCount, past.TotalCount);
    }

    [Fact]
    public async Task Missing_or_unknown_space_is_a_field_error()
    {
        using var http = _sandbox.CreateClient(_sandbox.Admin);
        (await http.GetApiAsync("api/v1/device?rows=5")).ShouldHaveFieldError("dmPartitionId", "Required");
        (await http.GetApiAsync("api/v1/device?dmPartitionId=42")).ShouldHaveFieldError("dmPartitionId", "Invalid");
        (await http.GetApiAsync("api/v1/device?dmPartitionId=abc")).ShouldHaveFieldError("dmPartitionId", "TypeMismatch");
    }

    [Theory]
    [InlineData("sortFields[0].name=lastCheckin&sortFields[0].order=DESC")]
    [InlineData("sortFields%5B0%5D.name=lastCheckin&sortFields%5B0%5D.order=desc")]
    public async Task Sorting_works_with_plain_or_encoded_brackets(string sort)
    {
        using var http = _sandbox.CreateClient(_sandbox.Admin);
        var page = (await http.GetApiAsync(SandboxTestKit.DevicesUri(_sandbox, "rows=500&" + sort))).ShouldBeOk();
        var checkins = page.SearchResults.Select(d => d.GetProperty("lastCheckin").GetInt64()).ToList();
        Assert.True(checkins.Count > 10);
        Assert.Equal(checkins.OrderByDescending(c => c), checkins);
    }

    [Theory]
    [InlineData("deviceName", "deviceName")]
    [InlineData("registrationTime", "lastRegistrationTime")]
    [InlineData("id", "id")]
    public async Task Sorting_by_documented_fields_ascending(string sortName, string property)
    {
        using var http = _sandbox.CreateClient(_sandbox.Admin);
        var page = (await http.GetApiAsync(SandboxTestKit.DevicesUri(_sandbox, $"rows=500&sortFields[0].name={sortName}&sortFields[0].order=ASC"))).ShouldBeOk();
        var values = page.SearchResults.Select(d => d.GetProperty(property).ToString()).ToList();
        var sorted = property == "deviceName"
            ? values.OrderBy(v => v, System.StringComparer.OrdinalIgnoreCase).ToList()
            : values.OrderBy(long.Parse).ToList();
        Assert.Equal(sorted, values);
    }

    [Theory]
    [InlineData("ASC")]
    [InlineData("DESC")]
    public async Task Ties_keep_id_order_in_both_directions(string order)
    {
        using var http = _sandbox.CreateClient(_sandbox.Admin);
        var page = (await http.GetApiAsync(SandboxTestKit.DevicesUri(_sandbox, $"rows=500&sortFields[0].name=platformType&sortFields[0].order={order}"))).ShouldBeOk();
        var rows = page.SearchResults.Select(d => (Platform: d.GetProperty("platformType").GetString()!, Id: d.GetProperty("id").GetInt64())).ToList();
        var platforms = rows.Select(r => r.Platform).Distinct().ToList();
        Assert.True(platforms.Count > 1);
        Assert.Equal(order == "ASC" ? platforms.Order(System.StringComparer.OrdinalIgnoreCase) : platforms.OrderDescending(System.StringComparer.OrdinalIgnoreCase), platforms);
        foreach (var platform in platforms)
        {
            var ids = rows.Where(r => r.Platform == platform).Select(r => r.Id).ToList();
            Assert.Equal(ids.Order(), ids);
        }
    }

    [Fact]
    public async Task Bad_sort_field_or_order_is_a_field_error()
    {
        using var http = _sandbox.CreateClient(_sandbox.Admin);
        (await http.GetApiAsync(SandboxTestKit.DevicesUri(_sandbox, "sortFields[0].name=noSuchField"))).ShouldHaveFieldError("sortFields[0].name", "Invalid");
        (await http.GetApiAsync(SandboxTestKit.DevicesUri(_sandbox, "sortFields[0].name=id&sortFields[0].order=UP"))).ShouldHaveFieldError("sortFields[0].order", "Invalid");
    }

    [Fact]
    public async Task Account_pages_and_sorting()
    {
        using var http = _sandbox.CreateClient(_sandbox.Admin);
        int total = _sandbox.Tenant.Snapshot().Accounts.Count;
        var page = (await http.GetApiAsync("api/v1/account?rows=500&sortFields[0].name=uid&sortFields[0].order=DESC")).ShouldBeOk();
        Assert.Equal(total, page.TotalCount);
        Assert.Equal(total, page.Result.GetProperty("totalUnfilteredResultCount").GetInt32());
        var uids = page.SearchResults.Select(a => a.GetProperty("uid").GetString()!).ToList();
        Assert.Equal(uids.OrderByDescending(u => u, System.StringComparer.OrdinalIgnoreCase), uids);
        var second = (await http.GetApiAsync("api/v1/account?rows=3&start=3&sortFields[0].name=uid&sortFields[0].order=DESC")).ShouldBeOk();
        Assert.Equal(uids.Skip(3).Take(3), second.SearchResults.Select(a => a.GetProperty("uid").GetString()));
    }

    [Fact]
    public async Task Spaces_list_has_one_default_and_device_counts()
    {
        using var http = _sandbox.CreateClient(_sandbox.ReadOnly);
        var r = (await http.GetApiAsync("api/v1/tenant/partition/device")).ShouldBeOk();
        var spaces = r.SearchResults;
        Assert.Equal(3, r.TotalCount);
        Assert.Single(spaces, s => s.GetProperty("defaultPartition").GetBoolean());
        Assert.Equal("Global", spaces.Single(s => s.GetProperty("defaultPartition").GetBoolean()).GetProperty("name").GetString());
        var snapshot = _sandbox.Tenant.Snapshot();
        foreach (var s in spaces)
        {
            long id = s.GetProperty("id").GetInt64();
            Assert.Equal(snapshot.Devices.Count(d => d.SpaceId == id), s.GetProperty("deviceCount").GetInt32());
            foreach (var field in new[] { "description", "priority", "domainRule", "configurationCount", "policyCount", "deviceGroupCount", "createdAt", "modifiedAt" })
            {
                Assert.True(s.TryGetProperty(field, out _), field);
            }
        }
        var meta = (await http.GetApiAsync("api/v1/metadata/tenant")).ShouldBeOk();
        Assert.Equal(_sandbox.Tenant.DefaultSpace.Id, meta.Result.GetProperty("defaultDmPartitionId").GetInt64());
    }
}
