using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using BulkEnroll.Tests.Hosting;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace BulkEnroll.Tests.Connection;

public sealed class ConnectionCmdletTests : SandboxSession
{
    [Fact]
    public void ConnectVerifiesTheCredentialAndPicksTheDefaultDeviceSpace()
    {
        Connect().ThrowIfErrors();
        var connection = Shell.Run("Get-BulkEnrollConnection").ThrowIfErrors().Single<BulkEnrollConnection>();

        Assert.Equal(Sandbox.Admin.UserName, connection.UserName);
        Assert.Equal(Sandbox.Tenant.DefaultSpace.Id, connection.DeviceSpaceId);
        Assert.Equal(Sandbox.Tenant.DefaultSpace.Name, connection.DeviceSpaceName);
        Assert.Equal(Sandbox.Tenant.Spaces.Count, connection.DeviceSpaces.Count);
        Assert.Contains(Sandbox.RequestLog.Entries, e => e.Path == "/api/v1/tenant/partition/device" && e.StatusCode == 200);
    }

    [Fact]
    public void ConnectSendsBasicAuthPreemptively()
    {
        Connect().ThrowIfErrors();
        // Never a 401 round trip first: every request carried the credentials.
        Assert.DoesNotContain(Sandbox.RequestLog.Entries, e => e.StatusCode == 401);
        Assert.All(Sandbox.RequestLog.Entries.Where(e => e.Path.StartsWith("/api/")), e => Assert.Equal(Sandbox.Admin.UserName, e.User));
    }

    [Fact]
    public void WrongPasswordIsATerminatingAuthenticationErrorAndLeavesNoConnection()
    {
        var result = Shell.Run("Connect-BulkEnroll -TenantUri $args[0] -Credential $args[1]",
            Sandbox.BaseAddress, Credential(Sandbox.Admin.UserName, "not-the-password"));

        var error = result.Error("Unauthorized");
        Assert.Equal("Unauthorized,BulkEnroll.Commands.ConnectBulkEnrollCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.DoesNotContain("not-the-password", result.AllText);
        Assert.Empty(Shell.Run("Get-BulkEnrollConnection").Output);
    }

    [Fact]
    public void UnreachableTenantIsAClearConnectionError()
    {
        int closedPort = FreePort();
        var result = Shell.Run("Connect-BulkEnroll -TenantUri $args[0] -Credential $args[1] -MaxRetryCount 1",
            new Uri($"http://127.0.0.1:{closedPort}/"), AdminCredential);

        var error = result.Error("Unreachable");
        Assert.Equal("Unreachable,BulkEnroll.Commands.ConnectBulkEnrollCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains($"127.0.0.1:{closedPort}", error.Exception.Message);
    }

    [Theory]
    [InlineData("http://na1.mobileiron.com", "", "InsecureTenantUri")]
    [InlineData("https://na1.mobileiron.com", "-SkipCertificateCheck", "SkipCertificateCheckNotLoopback")]
    [InlineData("ftp://na1.mobileiron.com", "", "InvalidTenantUri")]
    public void UnsafeTenantUrisFailBeforeAnythingIsSent(string uri, string extra, string errorId)
    {
        var result = Shell.Run($"Connect-BulkEnroll -TenantUri $args[0] -Credential $args[1] {extra}", new Uri(uri), AdminCredential);

        Assert.Equal(ErrorCategory.InvalidArgument, result.Error(errorId).CategoryInfo.Category);
        Assert.Empty(Sandbox.RequestLog.Entries);
    }

    [Fact]
    public void DeviceSpaceCanBeChosenByNameOrIdAndAnUnknownOneIsAnError()
    {
        var second = Sandbox.Tenant.Spaces.First(s => !s.IsDefault);
        Connect(extra: $"-DeviceSpace '{second.Name.ToUpperInvariant()}'").ThrowIfErrors();
        Assert.Equal(second.Id, Shell.Run("(Get-BulkEnrollConnection).DeviceSpaceId").ThrowIfErrors().Single<long>());

        Connect(extra: $"-DeviceSpaceId {second.Id}").ThrowIfErrors();
        Assert.Equal(second.Name, Shell.Run("(Get-BulkEnrollConnection).DeviceSpaceName").ThrowIfErrors().Single<string>());

        var missing = Connect(extra: "-DeviceSpace 'No such space'");
        Assert.Equal(ErrorCategory.ObjectNotFound, missing.Error("DeviceSpaceNotFound").CategoryInfo.Category);
    }

    [Fact]
    public void ApiUserWithoutDeviceRightsInTheSpaceGetsAWarningNotAFailure()
    {
        var scoped = Sandbox.Scoped!;
        var result = Connect(user: scoped);

        Assert.Empty(result.AllErrors);
        Assert.Contains(result.Warnings, w => w.Contains("may not read devices", StringComparison.Ordinal));
    }

    [Fact]
    public void ApiUserWhoMayNotReadUsersGetsAWarningNamingTheRoleNotAFailure()
    {
        var result = Connect(user: Sandbox.DevicesOnly);

        Assert.Empty(result.AllErrors);
        Assert.Contains(result.Warnings, w => w.Contains("may not read users", StringComparison.Ordinal) && w.Contains("'User Management'", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Warnings, w => w.Contains("may not read devices", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATenantThatRefusesTheGenericUserSearchStillConnectsAndSaysSoInVerbose()
    {
        // Connect reads the users only as a head start for the first listing: a refusal (the q= search is inferred, [I])
        // must not fail a script that only builds packages. The stand-in tenant refuses the search and forwards the rest.
        await using var tenant = await StandInTenant.StartAsync(Sandbox.BaseAddress, answer: async ctx =>
        {
            if (!ctx.Request.Path.StartsWithSegments("/api/v1/account"))
            {
                return false;
            }

            ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync("{\"errors\":{\"globalErrors\":[\"q is not supported here\"],\"fieldErrors\":null},\"result\":null}");
            return true;
        });

        var result = Shell.Run("Connect-BulkEnroll -TenantUri $args[0] -Credential $args[1] -Verbose", tenant.BaseAddress, AdminCredential);

        Assert.Empty(result.AllErrors);
        Assert.Empty(result.Warnings);
        Assert.Contains(result.Verbose, v => v.Contains("generic users could not be read now", StringComparison.Ordinal) && v.Contains("q is not supported here", StringComparison.Ordinal));
        Assert.Single(Shell.Run("Get-BulkEnrollConnection").ThrowIfErrors().Output);
    }

    [Fact]
    public void DisconnectForgetsTheSessionAndApiCmdletsThenSayHowToConnect()
    {
        Connect().ThrowIfErrors();
        Shell.Run("Disconnect-BulkEnroll").ThrowIfErrors();

        Assert.Empty(Shell.Run("Get-BulkEnrollConnection").Output);
        var result = Shell.Run("Get-BulkEnrollDeviceSpace");
        var error = result.Error("NotConnected");
        Assert.Equal("NotConnected,BulkEnroll.Commands.GetBulkEnrollDeviceSpaceCommand", error.FullyQualifiedErrorId);
        Assert.Contains("Connect-BulkEnroll", error.Exception.Message);
    }

    [Fact]
    public void EachRunspaceHasItsOwnConnectionAndAnotherCanUseItThroughConnection()
    {
        using var other = new PowerShellSession();
        var connection = Connect(extra: "-PassThru").ThrowIfErrors().Single<BulkEnrollConnection>();

        Assert.Empty(other.Run("Get-BulkEnrollConnection").Output);
        var spaces = other.Run("Get-BulkEnrollDeviceSpace -Connection $args[0]", connection).ThrowIfErrors().All<DeviceSpace>();
        Assert.Equal(Sandbox.Tenant.Spaces.Select(s => s.Name).OrderBy(n => n), spaces.Select(s => s.Name).OrderBy(n => n));
    }

    [Fact]
    public void ConnectingAgainNeverClosesAnotherConnectionAndTheLastConnectedIsTheDefault()
    {
        // Two tenants or spaces in one session: each connection lives until Disconnect-BulkEnroll.
        Connect().ThrowIfErrors();
        var stored = Shell.Run("Get-BulkEnrollConnection").ThrowIfErrors().Single<BulkEnrollConnection>();
        var first = Connect(extra: "-PassThru").ThrowIfErrors().Single<BulkEnrollConnection>();
        var second = Connect(user: Sandbox.TenantAdmin, extra: "-PassThru").ThrowIfErrors().Single<BulkEnrollConnection>();

        Assert.False(stored.IsDisconnected);
        Assert.False(first.IsDisconnected);
        Assert.Same(second, Shell.Run("Get-BulkEnrollConnection").ThrowIfErrors().Single<BulkEnrollConnection>());
        Sandbox.RequestLog.Clear();
        Shell.Run("Get-BulkEnrollDeviceSpace -Connection $args[0]", stored).ThrowIfErrors();
        Shell.Run("Get-BulkEnrollDeviceSpace -Connection $args[0]", first).ThrowIfErrors();
        Assert.All(Sandbox.RequestLog.Entries, e => Assert.Equal(Sandbox.Admin.UserName, e.User));
        Sandbox.RequestLog.Clear();
        Shell.Run("Get-BulkEnrollDeviceSpace").ThrowIfErrors();
        Assert.All(Sandbox.RequestLog.Entries, e => Assert.Equal(Sandbox.TenantAdmin.UserName, e.User));

        // Disconnecting one leaves the others working.
        Shell.Run("Disconnect-BulkEnroll -Connection $args[0]", first).ThrowIfErrors();
        Assert.True(first.IsDisconnected);
        Shell.Run("Get-BulkEnrollDeviceSpace -Connection $args[0]", stored).ThrowIfErrors();
        Shell.Run("Get-BulkEnrollDeviceSpace").ThrowIfErrors();
    }

    [Fact]
    public void AnUnreachableHostFailsWithinTheConnectTimeoutNamingTheHost()
    {
        // Without -ConnectTimeout the default 8 retries with backoff would keep the prompt for about a minute.
        int closedPort = FreePort();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // A plain number is seconds, as admins write it (bound as ticks, 2 would be 200 ns and fail validation).
        var result = Shell.Run("Connect-BulkEnroll -TenantUri $args[0] -Credential $args[1] -ConnectTimeout 2 -Verbose 4>&1",
            new Uri($"http://127.0.0.1:{closedPort}/"), AdminCredential);
        clock.Stop();

        var error = result.Error("ConnectTimeout");
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Contains($"127.0.0.1:{closedPort}", error.Exception.Message);
        Assert.Contains("within 2 s (-ConnectTimeout)", error.Exception.Message);
        Assert.Contains("no answer:", error.Exception.Message); // the last attempt's own failure, not just "timed out"
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Contains("Retrying", result.AllText); // not silent while it tries
        Assert.Empty(Shell.Run("Get-BulkEnrollConnection").Output);
    }

    [Fact]
    public void AHostNameDnsDoesNotKnowFailsAtOnceWithoutRetrying()
    {
        // .invalid never resolves (RFC 6761). The retry budget is long and -ConnectTimeout longer still: only
        // treating NXDOMAIN as final ends this as Unreachable rather than ConnectTimeout.
        var result = Shell.Run("Connect-BulkEnroll -TenantUri https://tenant.bulkenroll.invalid -Credential $args[0] -ConnectTimeout 600 -Verbose 4>&1", AdminCredential);

        var error = result.Error("Unreachable");
        Assert.Contains("tenant.bulkenroll.invalid is not known to DNS", error.Exception.Message);
        Assert.Contains("-TenantUri", error.Exception.Message);
        Assert.DoesNotContain("Retrying", result.AllText);
    }

    [Theory]
    [InlineData("-ConnectTimeout 7200", 7200)]
    [InlineData("-RequestTimeout 0.5", 0.5)]
    [InlineData("-MaxRetryDuration '100000'", 100000)]
    [InlineData("-RetryDelay 600", 600)]
    [InlineData("-ConnectTimeout ([timespan]::FromHours(2))", 7200)]
    [InlineData("-ConnectTimeout '02:00:00'", 7200)]
    public void TimeoutsTakeSecondsAsPlainNumbers(string argument, double seconds)
    {
        // Each value is out of its range, so the cmdlet's own check reports the TimeSpan it was given, bound
        // the way an admin's command line binds it; nothing is sent.
        var result = Shell.Run($"Connect-BulkEnroll -TenantUri https://na1.mobileiron.com -Credential $args[0] {argument}", AdminCredential);

        var error = result.Error("InvalidDuration");
        Assert.Equal(TimeSpan.FromSeconds(seconds), Assert.IsType<TimeSpan>(error.TargetObject));
    }

    [Fact]
    public void A401ExplainsMfaAndTheRolesAndShowsTheTenantsOwnMessage()
    {
        const string suspended = "Access denied. Your Evaluation License has expired. Please contact your administrator.";
        Sandbox.Controls.UnauthorizedMessage = suspended;
        var result = Connect();

        var error = result.Error("Unauthorized");
        string message = error.Exception.Message;
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains(suspended, message);
        Assert.Contains("multi-factor authentication (MFA)", message);
        Assert.Contains("API User", message);
        Assert.Contains("'User Management'", message);
        Assert.Contains("'Device Management' in each device space", message);
        Assert.Contains("licence", error.ErrorDetails.RecommendedAction);
        Assert.DoesNotContain(Sandbox.Admin.Password, result.AllText + Shell.HostText);
        Assert.Single(Sandbox.RequestLog.Entries); // a 401 is never retried
    }

    [Fact]
    public void GetBulkEnrollDeviceSpaceFiltersByWildcard()
    {
        Connect().ThrowIfErrors();
        var defaultName = Sandbox.Tenant.DefaultSpace.Name;
        var spaces = Shell.Run("Get-BulkEnrollDeviceSpace -Name ($args[0].Substring(0, 2) + '*')", defaultName).ThrowIfErrors().All<DeviceSpace>();

        Assert.Contains(spaces, s => s.Name == defaultName && s.IsDefault);
        Assert.All(spaces, s => Assert.StartsWith(defaultName.Substring(0, 2), s.Name, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void VerboseTellsTheStoryWithoutThePassword()
    {
        var result = Shell.Run("Connect-BulkEnroll -TenantUri $args[0] -Credential $args[1] -Verbose -Debug 5>&1 4>&1",
            Sandbox.BaseAddress, AdminCredential);

        Assert.Empty(result.AllErrors);
        string text = result.AllText + Shell.HostText;
        Assert.Contains("Connecting to", text);
        Assert.Contains("Connected:", text);
        Assert.DoesNotContain(Sandbox.Admin.Password, text);
        string basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Sandbox.Admin.UserName + ":" + Sandbox.Admin.Password));
        Assert.DoesNotContain(basic, text);
    }

    [Fact]
    public void DebugShowsEachRequestWhenAskedForBySwitchOrPreference()
    {
        Connect().ThrowIfErrors();
        const string request = "GET /api/v1/tenant/partition/device -> 200";

        var bySwitch = Shell.Run("Get-BulkEnrollDeviceSpace -Debug").ThrowIfErrors();
        Assert.Contains(bySwitch.Debug, d => d.StartsWith(request, StringComparison.Ordinal));

        var byPreference = Shell.Run("$DebugPreference = 'Continue'; Get-BulkEnrollDeviceSpace; $DebugPreference = 'SilentlyContinue'").ThrowIfErrors();
        Assert.Contains(byPreference.Debug, d => d.StartsWith(request, StringComparison.Ordinal));

        var switchedOff = Shell.Run("$DebugPreference = 'Continue'; Get-BulkEnrollDeviceSpace -Debug:$false; $DebugPreference = 'SilentlyContinue'").ThrowIfErrors();
        Assert.DoesNotContain(switchedOff.Debug, d => d.StartsWith(request, StringComparison.Ordinal));
        Assert.NotEmpty(switchedOff.Output);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
