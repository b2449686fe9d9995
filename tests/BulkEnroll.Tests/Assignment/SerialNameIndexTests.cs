using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading;
using BulkEnroll.Sandbox;
using BulkEnroll.Sandbox.Tenant;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Assignment;

/// <summary>
/// Serial numbers on a tenant that leaves serialNumber empty (the sandbox's default): rows search device names until
/// the searches cost as much as listing the space's Windows devices, then that listing answers the rest of the run
/// (issue 15). Each count comes from the sandbox's request log; each run also proves what the admin relies on
/// (every device on its user, reassigned once; retired-vs-active; ambiguity; devices enrolled during the run).
/// </summary>
public abstract class SerialNameIndexSession : SandboxSession
{
    protected override bool ConnectsOnStart => true;

    // Counts must not depend on how fast a loaded machine pipes the rows in.
    protected override TimeSpan? BatchLinger => TimeSpan.FromSeconds(1);

    protected List<SandboxDevice> Unassigned(int count) => Sandbox.Tenant.Snapshot().Devices
        .Where(d => d.IsBulkEnrolled && d.SpaceId == Sandbox.Tenant.DefaultSpace.Id && d.Owner.Id == d.Enroller.Id && d.RegistrationState == RegistrationState.Active)
        .OrderBy(d => d.Id).Take(count).ToList();

    /// <summary>What listing the space's Windows devices costs: one request per 500 of them.</summary>
    protected int ListingPages => (Sandbox.Tenant.Snapshot().Devices.Count(d => d.Platform == DevicePlatform.Windows && d.SpaceId == Sandbox.Tenant.DefaultSpace.Id) + 499) / 500;

    protected List<SandboxAccount> RealUsers(int count) => Sandbox.Tenant.Snapshot().Accounts.Where(a => !a.IsGeneric).OrderBy(a => a.Id).Take(count).ToList();

    protected static PSObject Row(string serial, string upn)
    {
        var row = new PSObject();
        row.Properties.Add(new PSNoteProperty("SerialNumber", serial));
        row.Properties.Add(new PSNoteProperty("UserPrincipalName", upn));
        return row;
    }

    private List<string> DeviceQueries => Sandbox.RequestLog.Entries.Where(e => e.Method == "GET" && e.Path == "/api/v1/device")
        .Select(e => Uri.UnescapeDataString(e.Query.Replace('+', ' '))).ToList();

    /// <summary>q= searches with a non-empty text: the row-by-row way.</summary>
    protected int NameSearches => DeviceQueries.Count(q => Regex.IsMatch(q, "[?&]q=[^&]"));

    /// <summary>Pages of the index's listing: every Windows device, 500 a page, id ascending.</summary>
    protected int ListedPages => DeviceQueries.Count(q => Regex.IsMatch(q, "[?&]fq=platformType=WINDOWS_PHONE(&|$)") && Regex.IsMatch(q, "[?&]rows=500(&|$)")
        && q.Contains(".order=ASC", StringComparison.Ordinal));

    /// <summary>Reads of the devices enrolled since the listing (newest first).</summary>
    protected int NewestReads => DeviceQueries.Count(q => q.Contains(".order=DESC", StringComparison.Ordinal));

    protected int InventoryReads => Sandbox.RequestLog.Entries.Count(e => e.Path.EndsWith("/hardwareinventory", StringComparison.Ordinal));

    protected int ApiRequests => Sandbox.RequestLog.Entries.Count(e => e.Path.StartsWith("/api/", StringComparison.Ordinal));
}

public sealed class SerialNameIndexOnASmallFleetTests : SerialNameIndexSession
{
    protected override SandboxOptions Options => new()
    {
        DeviceCount = 1000,
        Seed = 36,
        Controls = new SandboxControlSettings { ReassignmentDelay = TimeSpan.FromMilliseconds(20) },
    };

    [Fact]
    public void TwoHundredSerialsOnAThousandDevicesUseTheListingAndCostAboutOneRequestPerAssignment()
    {
        var devices = Unassigned(200);
        Assert.Equal(200, devices.Count);
        var users = RealUsers(200);
        Assert.Equal(200, users.Count);
        int pages = ListingPages;
        Sandbox.RequestLog.Clear();

        var result = Shell.Run("$args[0] | Set-DeviceAssignment -Verbose", (object)devices.Select((d, i) => (object)Row(d.HardwareSerial, users[i].Uid)).ToArray());

        result.ThrowIfErrors();
        Assert.All(result.All<DeviceAssignmentResult>(), r => Assert.Equal(DeviceAssignmentStatus.Assigned, r.Status));
        for (int i = 0; i < devices.Count; i++)
        {
            SandboxDevice now = Sandbox.Tenant.GetDevice(devices[i].Id)!;
            Assert.Equal(users[i].Id, now.Owner.Id);
            Assert.Equal(1, now.ReassignmentRequests);
        }

        // Rows stop starting searches once those cost what the listing costs (a row that started finishes its at
        // most three fragments); then the listing once; every device proven by its inventory.
        Assert.InRange(pages, 1, 3);
        Assert.InRange(NameSearches, pages, 3 * pages);
        Assert.Equal(pages, ListedPages);
        Assert.Equal(0, NewestReads);
        Assert.Equal(200, InventoryReads);
        // Each device to its own user: one reassignment call and one inventory read each are the floor (was 3.2 row by row).
        Assert.InRange((double)ApiRequests / devices.Count, 2.0, 2.5);
        Assert.Single(result.Verbose, v => v.Contains("leaves serialNumber empty", StringComparison.Ordinal));
        Assert.Single(result.Verbose, v => v.StartsWith("Serial numbers: ", StringComparison.Ordinal));

        // A re-run finds every device again (through the listing) and sends nothing.
        Sandbox.RequestLog.Clear();
        var again = Shell.Run("$args[0] | Set-DeviceAssignment", (object)devices.Select((d, i) => (object)Row(d.HardwareSerial, users[i].Uid)).ToArray());
        again.ThrowIfErrors();
        Assert.All(again.All<DeviceAssignmentResult>(), r => Assert.Equal(DeviceAssignmentStatus.AlreadyAssigned, r.Status));
        Assert.DoesNotContain(Sandbox.RequestLog.Entries, e => e.Method != "GET");
    }

    [Fact]
    public void SerialsNoDeviceHasCostNoRequestOnceListedAndStayNotEnrolledYet()
    {
        string upn = RealUsers(1)[0].Uid;
        int pages = ListingPages;
        Sandbox.RequestLog.Clear();

        var rows = Enumerable.Range(0, 60).Select(i => (object)Row($"NOSUCH{i:D6}XYZ", upn)).ToArray();
        var result = Shell.Run("$args[0] | Set-DeviceAssignment", (object)rows);

        result.ThrowIfErrors();
        Assert.Equal(60, result.All<DeviceAssignmentResult>().Count(r => r.Status == DeviceAssignmentStatus.NotEnrolledYet));
        // Row by row these would be 3 searches each (180); here the budget, the listing, and reads of the newest
        // devices that misses arriving together share. No inventory: no name holds these serials.
        Assert.InRange(NameSearches, pages, 3 * pages);
        Assert.Equal(pages, ListedPages);
        Assert.InRange(NewestReads, 1, 10);
        Assert.Equal(0, InventoryReads);
        Assert.True(ApiRequests < 20, $"{ApiRequests} requests for 60 unknown serials");
    }

    [Fact]
    public void ADeviceEnrolledAfterTheListingIsFoundAndTheListingKeepsTheActiveAndAmbiguityRules()
    {
        var generic = Sandbox.Tenant.Snapshot().Accounts.First(a => a.IsGeneric);
        SandboxDevice Enroll(string name, string serial, RegistrationState state = RegistrationState.Active)
            => Sandbox.Tenant.RegisterEnrolledDevice(new NewWindowsDevice(name, serial, "EliteBook", "HP", "10.0.26100.2314", generic.Id) { RegistrationState = state });
        Enroll("IDX-REIMG77", "REIMG77", RegistrationState.Retired);
        var reimaged = Enroll("IDX-REIMG77", "REIMG77");
        var twin1 = Enroll("IDX-TWIN77", "TWIN77");
        var twin2 = Enroll("IDX-TWIN77B", "TWIN77");
        var users = RealUsers(3);
        string upn = users[0].Uid;
        int pages = ListingPages;
        Sandbox.RequestLog.Clear();
        SandboxDevice? late = null;

        // Unknown serials first, so the budget is spent and the listing made; then, once it is logged, a PC enrolls.
        Func<object> enrollLate = () =>
        {
            Assert.True(SpinWait.SpinUntil(() => ListedPages >= pages, TimeSpan.FromSeconds(60)), "the listing was never read");
            late = Enroll("IDX-LATE77", "LATE77");
            return "LATE77";
        };
        var result = Shell.Run(
            "$rows, $enrollLate, $upn, $other = $args; "
            + "& { $rows; [pscustomobject]@{ SerialNumber = $enrollLate.Invoke(); UserPrincipalName = $upn }; "
            + "[pscustomobject]@{ SerialNumber = 'REIMG77'; UserPrincipalName = $other }; [pscustomobject]@{ SerialNumber = 'TWIN77'; UserPrincipalName = $upn } } "
            + "| Set-DeviceAssignment",
            Enumerable.Range(0, 12).Select(i => (object)Row($"GONE{i:D6}ABCD", upn)).ToArray(), enrollLate, upn, users[1].Uid);

        var results = result.All<DeviceAssignmentResult>();
        Assert.NotNull(late);
        Assert.Equal(DeviceAssignmentStatus.Assigned, results.Single(r => r.DeviceId == late!.Id).Status);
        Assert.Equal(DeviceAssignmentStatus.Assigned, results.Single(r => r.DeviceId == reimaged.Id).Status);
        var ambiguous = result.Error("AmbiguousDevice");
        Assert.Contains(twin1.Id.ToString(), ambiguous.Exception.Message);
        Assert.Contains(twin2.Id.ToString(), ambiguous.Exception.Message);
        Assert.Single(result.Errors);
        Assert.Equal(pages, ListedPages);
        Assert.True(NewestReads >= 1);
    }
}

public sealed class SerialNameIndexOnALargeFleetTests : SerialNameIndexSession
{
    protected override SandboxOptions Options => new() { DeviceCount = 10_000, Seed = 37 };

    [Fact]
    public void ThreeSerialsOnTenThousandDevicesAreSearchedRowByRowWithoutListing()
    {
        var devices = Unassigned(3);
        var users = RealUsers(3);
        Assert.True(ListingPages > 3);
        Sandbox.RequestLog.Clear();

        var result = Shell.Run("$args[0] | Set-DeviceAssignment -Verbose", (object)devices.Select((d, i) => (object)Row(d.HardwareSerial, users[i].Uid)).ToArray());

        result.ThrowIfErrors();
        Assert.All(result.All<DeviceAssignmentResult>(), r => Assert.Equal(DeviceAssignmentStatus.Assigned, r.Status));
        // One search per row (the seeded names hold the first part of the serial: at most two), no listing, one inventory read each.
        Assert.InRange(NameSearches, 3, 6);
        Assert.Equal(0, ListedPages);
        Assert.Equal(0, NewestReads);
        Assert.Equal(3, InventoryReads);
        Assert.DoesNotContain(result.Verbose, v => v.StartsWith("Serial numbers: ", StringComparison.Ordinal));
    }
}
