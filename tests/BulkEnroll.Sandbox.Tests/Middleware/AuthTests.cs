using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Middleware;

public sealed class AuthTests(ReadOnlySandbox fixture) : IClassFixture<ReadOnlySandbox>
{
    private readonly BulkEnroll.Sandbox.SandboxServer _sandbox = fixture.Sandbox;

    [Fact]
    public async Task Missing_credentials_get_401_with_challenge_and_envelope()
    {
        using var http = _sandbox.CreateClient();
        var r = await http.GetApiAsync("api/v1/tenant/partition/device");
        r.ShouldBeGlobalError(HttpStatusCode.Unauthorized, "Unauthorized");
        Assert.Equal("Basic realm=\"Ivanti Neurons for MDM\"", r.Headers.WwwAuthenticate.Single().ToString());
    }

    [Fact]
    public async Task Wrong_password_gets_401()
    {
        using var http = _sandbox.CreateClient(_sandbox.Admin with { Password = _sandbox.Admin.Password + "x" });
        (await http.GetApiAsync("api/v1/metadata/tenant")).ShouldBeGlobalError(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [Fact]
    public async Task Malformed_authorization_header_gets_401()
    {
        using var http = _sandbox.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "not base64!");
        (await http.GetApiAsync("api/v1/metadata/tenant")).ShouldBeGlobalError(HttpStatusCode.Unauthorized, "Unauthorized");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "abc");
        (await http.GetApiAsync("api/v1/metadata/tenant")).ShouldBeGlobalError(HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [Fact]
    public async Task User_names_are_case_insensitive_passwords_are_not()
    {
        var admin = _sandbox.Admin;
        using var upper = _sandbox.CreateClient(admin with { UserName = admin.UserName.ToUpperInvariant() });
        (await upper.GetApiAsync("api/v1/metadata/tenant")).ShouldBeOk();
        using var wrongCase = _sandbox.CreateClient(admin with { Password = admin.Password.ToLowerInvariant() });
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongCase.GetApiAsync("api/v1/metadata/tenant")).Status);
    }

    [Fact]
    public async Task Account_search_needs_a_user_role()
    {
        using var devicesOnly = _sandbox.CreateClient(_sandbox.DevicesOnly);
        (await devicesOnly.GetApiAsync("api/v1/account?q=adele")).ShouldBeGlobalError(HttpStatusCode.Forbidden, "Forbidden");
        using var readOnly = _sandbox.CreateClient(_sandbox.ReadOnly);
        (await readOnly.GetApiAsync("api/v1/account?q=adele")).ShouldBeOk();
    }

    [Fact]
    public async Task Read_only_user_cannot_write()
    {
        using var readOnly = _sandbox.CreateClient(_sandbox.ReadOnly);
        var device = _sandbox.Tenant.Snapshot().Devices.First(d => d.SpaceId == _sandbox.Tenant.DefaultSpace.Id);
        (await readOnly.PutFormAsync("api/v1/device/retire", ("ids", device.Id.ToString())))
            .ShouldBeGlobalError(HttpStatusCode.Forbidden, "Forbidden");
        (await readOnly.PostFormAsync("api/v1/accounts?sendInvite=false", ("accounts[0].uid", "ro@contoso.com")))
            .ShouldBeGlobalError(HttpStatusCode.Forbidden, "Forbidden");
        Assert.Equal(device.RegistrationState, _sandbox.Tenant.GetDevice(device.Id)!.RegistrationState);
        Assert.Null(_sandbox.Tenant.FindAccountByUid("ro@contoso.com"));
    }

    [Fact]
    public async Task Device_roles_are_per_space()
    {
        var scoped = _sandbox.Scoped!;
        var spaces = _sandbox.Tenant.Spaces;
        using var http = _sandbox.CreateClient(scoped);
        (await http.GetApiAsync($"api/v1/device?dmPartitionId={spaces[0].Id}")).ShouldBeGlobalError(HttpStatusCode.Forbidden, "Forbidden");
        (await http.GetApiAsync($"api/v1/device?dmPartitionId={spaces[1].Id}")).ShouldBeOk();
    }

    [Fact]
    public async Task Tenant_admin_can_do_everything_read_here()
    {
        using var http = _sandbox.CreateClient(_sandbox.TenantAdmin);
        (await http.GetApiAsync("api/v1/account?rows=1")).ShouldBeOk();
        foreach (var space in _sandbox.Tenant.Spaces)
        {
            (await http.GetApiAsync($"api/v1/device?rows=1&dmPartitionId={space.Id}")).ShouldBeOk();
        }
    }

    [Fact]
    public async Task Spaces_and_metadata_need_only_authentication()
    {
        foreach (var user in _sandbox.Credentials)
        {
            using var http = _sandbox.CreateClient(user);
            (await http.GetApiAsync("api/v1/tenant/partition/device")).ShouldBeOk();
            (await http.GetApiAsync("api/v1/metadata/tenant")).ShouldBeOk();
        }
    }

    [Fact]
    public async Task Unknown_routes_methods_and_ids_get_enveloped_errors()
    {
        using var http = _sandbox.CreateClient(_sandbox.Admin);
        (await http.GetApiAsync("api/v1/no/such/thing")).ShouldBeGlobalError(HttpStatusCode.NotFound, "NotFound");
        (await http.GetApiAsync("nothing-here")).ShouldBeGlobalError(HttpStatusCode.NotFound, "NotFound");
        (await http.GetApiAsync(SandboxTestKit.DevicesUri(_sandbox).Replace("api/v1/device", "api/v1/device/1"))).ShouldBeGlobalError(HttpStatusCode.NotFound, "NotFound");
        (await http.SendApiAsync(HttpMethod.Post, "api/v1/device")).ShouldBeGlobalError(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed");
    }

    [Fact]
    public async Task Paths_are_case_insensitive()
    {
        using var http = _sandbox.CreateClient(_sandbox.Admin);
        (await http.GetApiAsync("API/V1/Tenant/Partition/Device")).ShouldBeOk();
    }

    [Fact]
    public async Task Credentials_never_print_their_password()
    {
        var admin = _sandbox.Admin;
        Assert.DoesNotContain(admin.Password, admin.ToString());
        Assert.Contains(admin.UserName, admin.ToString());
    }

    [Fact]
    public async Task Utf8_basic_credentials_are_decoded()
    {
        // A valid header for a user that does not exist must be a 401, not a crash.
        using var http = _sandbox.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            System.Convert.ToBase64String(Encoding.UTF8.GetBytes("ünïcode@contoso.com:pässword")));
        (await http.GetApiAsync("api/v1/metadata/tenant")).ShouldBeGlobalError(HttpStatusCode.Unauthorized, "Unauthorized");
    }
}
