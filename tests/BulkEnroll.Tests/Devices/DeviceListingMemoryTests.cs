using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using BulkEnroll.Sandbox;
using BulkEnroll.Sandbox.Tenant;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Devices;

/// <summary>
/// A connection that has listed before starts the next listing on what it saw (the generic users, each search's
/// length) while it reads the users again: pages go out a round trip or two earlier, and what is listed is still
/// exactly what the tenant holds now, whatever changed in between.
/// </summary>
public sealed class DeviceListingMemoryTests : SandboxSession
{
    protected override SandboxOptions Options => new() { DeviceCount = 3_000, Seed = 3 };

    protected override bool ConnectsOnStart => true;

    private List<long> ExpectedIds()
        => ListedByDefault()
            .OrderBy(d => d.Enroller.Uid, StringComparer.OrdinalIgnoreCase).ThenBy(d => d.Id)
            .Select(d => d.Id).ToList();

    private List<long> ListedIds()
        => Shell.Run("Get-BulkEnrolledDevice -ThrottleLimit 8").ThrowIfErrors().All<BulkEnrolledDevice>().Select(d => d.Id).ToList();

    [Fact]
    public void ASecondListingRequestsEveryPageWhileTheGenericUsersAreStillBeingRead()
    {
        Sandbox.RequestLog.Clear();
        Assert.Equal(ExpectedIds(), ListedIds());
        int pagesFirstTime = DevicePages().Count;
        Sandbox.RequestLog.Clear();

        ListWithSlowAnswers();

        List<RequestLogEntry> pages = DevicePages();
        Assert.True(pages.Count > 4, "the fleet must span several pages");
        AssertRequestedWhileTheUsersWereRead(pages);
        Assert.Equal(pagesFirstTime, pages.Count); // nothing changed: not one request more than the first time
    }

    [Fact]
    public void TheFirstListingAfterConnectStartsOnTheGenericUsersConnectRead()
    {
        Shell.Run("Disconnect-BulkEnroll").ThrowIfErrors();
        Connect().ThrowIfErrors();
        Sandbox.RequestLog.Clear();

        ListWithSlowAnswers();

        // Each user's first page went out with the users' re-read, not a round trip after it.
        List<RequestLogEntry> firstPages = DevicePages().Where(p => p.Query.Contains("start=0", StringComparison.Ordinal)).ToList();
        Assert.Equal(Sandbox.Tenant.Snapshot().Accounts.Count(a => a.IsGeneric), firstPages.Count);
        AssertRequestedWhileTheUsersWereRead(firstPages);
    }

    [Fact]
    public void AConnectionSaysOnceWhichWayTheTenantOrdersItsListAnswers()
    {
        Shell.Run("Disconnect-BulkEnroll").ThrowIfErrors();
        Connect().ThrowIfErrors();

        var said = Shell.Run("Get-BulkEnrolledDevice -Verbose; Get-BulkEnrolledDevice -Verbose").ThrowIfErrors().Verbose
            .Where(v => v.StartsWith("API variant: list answers", StringComparison.Ordinal)).ToList();

        Assert.Equal("API variant: list answers give totalCount before their records; a search's later pages are requested from its first page's first bytes.",
            Assert.Single(said));
    }

    public static TheoryData<string, int, int> Changes => new()
    {
        { "every user has fewer devices", 1_200, 4 },
        { "every user has more devices", 6_000, 4 },
        { "a generic user is gone", 3_000, 3 },
        { "a generic user was added", 3_000, 5 },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task WhatChangedSinceTheLastListingIsListedAsItIsNow(string change, int devices, int genericUsers)
    {
        Assert.Equal(ExpectedIds(), ListedIds());

        await Sandbox.ResetAsync(new SeedSpec { Seed = 3, DeviceCount = devices, GenericUserCount = genericUsers });

        Assert.True(ExpectedIds().SequenceEqual(ListedIds()), change);
    }

    /// <summary>Lists with every answer 500 ms late: a page requested after the user list came back arrives after it ended.</summary>
    private void ListWithSlowAnswers()
    {
        Sandbox.Controls.Latency = TimeSpan.FromMilliseconds(500);
        try
        {
            Assert.Equal(ExpectedIds(), ListedIds());
        }
        finally
        {
            Sandbox.Controls.Latency = TimeSpan.Zero;
        }
    }

    private void AssertRequestedWhileTheUsersWereRead(List<RequestLogEntry> pages)
    {
        RequestLogEntry users = Assert.Single(Sandbox.RequestLog.Entries, e => e.Path == "/api/v1/account");
        Assert.All(pages, page => Assert.True(page.Timestamp < users.Timestamp + users.Duration,
            $"page {page.Query} was requested after the generic users were read"));
    }

    private List<RequestLogEntry> DevicePages() => Sandbox.RequestLog.Entries.Where(e => e.Path == "/api/v1/device").ToList();
}
