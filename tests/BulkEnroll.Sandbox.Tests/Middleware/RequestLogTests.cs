using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Middleware;

public sealed class RequestLogTests
{
    [Fact]
    public async Task Entries_record_requests_and_redact_secrets()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 20);
        using var http = sandbox.CreateClient(sandbox.Admin);
        (await http.PostFormAsync("api/v1/accounts?sendInvite=false",
            ("accounts[0].uid", "logged@contoso.com"), ("accounts[0].password", "Very-Secret-1"), ("accounts[0].secretAnswer", "blue"))).ShouldBeOk();
        await http.GetApiAsync("api/v1/account?fq=UID=logged@contoso.com&password=Query-Secret-2");
        using var anonymous = sandbox.CreateClient();
        await anonymous.GetApiAsync("api/v1/metadata/tenant");

        var entries = sandbox.RequestLog.Entries;
        Assert.Equal(3, entries.Count);
        Assert.Equal(entries.Select(e => e.Sequence).OrderBy(s => s), entries.Select(e => e.Sequence));

        var post = entries[0];
        Assert.Equal(("POST", "/api/v1/accounts", "?sendInvite=false", 200), (post.Method, post.Path, post.Query, post.StatusCode));
        Assert.Equal(sandbox.Admin.UserName, post.User);
        Assert.Equal("logged@contoso.com", post.Form["accounts[0].uid"]);
        Assert.Equal("***", post.Form["accounts[0].password"]);
        Assert.Equal("***", post.Form["accounts[0].secretAnswer"]);
        Assert.Null(post.Fault);
        Assert.True(post.Duration > System.TimeSpan.Zero);

        Assert.DoesNotContain("Query-Secret-2", entries[1].Query);
        Assert.Contains("password=***", entries[1].Query);
        Assert.Contains("fq=UID", entries[1].Query);

        Assert.Null(entries[2].User);
        Assert.Equal(401, entries[2].StatusCode);

        string served = await http.GetStringAsync("_sandbox/requests");
        Assert.DoesNotContain("Very-Secret-1", served);
        Assert.DoesNotContain("Query-Secret-2", served);
        Assert.Contains("logged@contoso.com", served);

        sandbox.RequestLog.Clear();
        Assert.Empty(sandbox.RequestLog.Entries);
        await http.GetApiAsync("api/v1/metadata/tenant");
        Assert.True(sandbox.RequestLog.Entries.Single().Sequence > post.Sequence); // sequence keeps counting
    }

    [Fact]
    public async Task Admin_requests_are_not_logged_and_log_can_be_cleared_over_http()
    {
        await using var sandbox = await SandboxTestKit.StartAsync(devices: 20);
        using var http = sandbox.CreateClient(sandbox.Admin);
        await http.GetApiAsync("api/v1/metadata/tenant");
        await http.GetAsync("_sandbox/state?devices=false");
        Assert.Single(sandbox.RequestLog.Entries);
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync("_sandbox/requests")).StatusCode);
        Assert.Empty(sandbox.RequestLog.Entries);
    }
}
