using System;
using System.Collections.Generic;
using System.Linq;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Connection;

/// <summary>Test-BulkEnrollTenant against the sandbox: what a first run on a tenant reports, and that it changes nothing.</summary>
public sealed class TenantConformanceTests : SandboxSession
{
    private static readonly string[] CheckNames =
    {
        "Authentication", "DeviceSpace", "PagingEnvelope", "GenericUserSearch", "RowsLimit", "FilterByUid", "UserLookup",
        "FilterByEnroller", "FilterByRegistrationState", "DeviceFields", "SerialNumberSource", "FilterBySerialNumber",
        "ReassignmentStatusField", "AssignmentEndpoint", "RateLimitHeaders",
    };

    [Fact]
    public void EveryCheckPassesOnTheDefaultSandboxInADocumentedOrder()
    {
        Connect().ThrowIfErrors();

        List<TenantCheckResult> results = Run();

        Assert.Equal(CheckNames, results.Select(r => r.Check));
        Assert.All(results, r => Assert.True(r.Result == TenantCheckStatus.Passed, $"{r.Check}: {r.Result}; sent {r.Sent}; received {r.Received}"));
        Assert.All(results, r => Assert.False(string.IsNullOrWhiteSpace(r.Sent) || string.IsNullOrWhiteSpace(r.Received) || string.IsNullOrWhiteSpace(r.ModuleAction), r.Check));
    }

    [Fact]
    public void NothingThatChangesTheTenantIsSentAndNoCredentialIsShown()
    {
        Connect().ThrowIfErrors();
        long version = Sandbox.Tenant.Snapshot().Version;
        Sandbox.RequestLog.Clear();

        List<TenantCheckResult> results = Run();

        var changes = Sandbox.RequestLog.Entries.Where(e => e.Method != "GET").ToList();
        // The one non-GET: updateAccount without accountId or deviceIds, which the tenant refuses before doing anything.
        var put = Assert.Single(changes);
        Assert.Equal(("PUT", "/api/v1/device/updateAccount", 400), (put.Method, put.Path, put.StatusCode));
        Assert.Empty(put.Form);
        Assert.True(string.IsNullOrEmpty(put.Query.TrimStart('?')), put.Query);
        Assert.Equal(version, Sandbox.Tenant.Snapshot().Version);
        Assert.Equal(0, Sandbox.PendingReassignments);
        string text = string.Join("\n", results.Select(r => r.Sent + r.Received + r.ModuleAction));
        Assert.DoesNotContain(Sandbox.Admin.Password, text);
        Assert.DoesNotContain("Authorization", text);
    }

    [Fact]
    public void ATenantThatAnswersOnlyErrorsFailsTheChecksAndSaysWhatItAnswered()
    {
        Connect().ThrowIfErrors();
        Sandbox.Controls.Fault503 = 1;

        List<TenantCheckResult> results = Run();

        Assert.Equal(CheckNames, results.Select(r => r.Check));
        TenantCheckResult authentication = results.Single(r => r.Check == "Authentication");
        Assert.Equal(TenantCheckStatus.Failed, authentication.Result);
        Assert.Contains("503", authentication.Received);
        Assert.Equal(TenantCheckStatus.Failed, results.Single(r => r.Check == "AssignmentEndpoint").Result);
        Assert.DoesNotContain(results.Take(results.Count - 1), r => r.Result == TenantCheckStatus.Passed);
    }

    [Fact]
    public void ARateLimitedTenantIsReportedWithItsRetryAfter()
    {
        Connect().ThrowIfErrors();
        Sandbox.Controls.Fault429 = 1;

        TenantCheckResult rate = Run().Single(r => r.Check == "RateLimitHeaders");

        // The sandbox's 429 carries Retry-After, which the module honours: the assumption holds, and it is shown.
        Assert.Equal(TenantCheckStatus.Passed, rate.Result);
        Assert.Contains("Retry-After", rate.Received);
        Assert.Contains("429", rate.Received);
    }

    [Fact]
    public void AnApiUserWithoutADeviceRoleInTheSpaceFailsTheDeviceChecks()
    {
        var scoped = Sandbox.Scoped ?? throw new InvalidOperationException("The sandbox has no scoped API user.");
        Connect(user: scoped).ThrowIfErrors();

        List<TenantCheckResult> results = Run();

        TenantCheckResult paging = results.Single(r => r.Check == "PagingEnvelope");
        Assert.Equal(TenantCheckStatus.Failed, paging.Result);
        Assert.Contains("403", paging.Received);
        Assert.Equal(TenantCheckStatus.Passed, results.Single(r => r.Check == "GenericUserSearch").Result);
    }

    [Fact]
    public void WithoutAConnectionItFailsWithNotConnected()
    {
        var result = Shell.Run("Test-BulkEnrollTenant");

        Assert.Equal("NotConnected,BulkEnroll.Commands.TestBulkEnrollTenantCommand", result.Error("NotConnected").FullyQualifiedErrorId);
        Assert.Empty(Sandbox.RequestLog.Entries);
    }

    private List<TenantCheckResult> Run()
        => Shell.Run("Test-BulkEnrollTenant").ThrowIfErrors().Output.Select(o => o.BaseObject).Cast<TenantCheckResult>().ToList();
}
