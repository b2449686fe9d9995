using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using BulkEnroll.Sandbox;
using BulkEnroll.Sandbox.Tenant;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Assignment;

/// <summary>
/// Lookups cost what the input asks for, not what the fleet holds: proven by counting the requests the sandbox
/// logged. (A 30-row CSV with one unknown serial used to read the inventory of every bulk-enrolled device: 1,212 requests.)
/// </summary>
public sealed class DeviceLookupCostTests : SandboxSession
{
    protected override SandboxOptions Options => new() { DeviceCount = 1200, Seed = 34 };

    protected override bool ConnectsOnStart => true;

    // Counts must not depend on how fast a loaded machine pipes the rows in.
    protected override TimeSpan? BatchLinger => TimeSpan.FromSeconds(1);

    /// <summary>Unassigned bulk-enrolled active devices of the default space, named CTS-%SERIAL% (cut to 15 characters).</summary>
    private List<SandboxDevice> Devices(int count) => Sandbox.Tenant.Snapshot().Devices
        .Where(d => d.IsBulkEnrolled && d.SpaceId == Sandbox.Tenant.DefaultSpace.Id && d.Owner.Id == d.Enroller.Id
            && d.RegistrationState == RegistrationState.Active)
        .OrderBy(d => d.Id)
        .Take(count)
        .ToList();

    private object[] Rows(IEnumerable<string> serials)
    {
        string upn = Sandbox.Tenant.Snapshot().Accounts.First(a => !a.IsGeneric).Uid;
        return serials.Select(s =>
        {
            var row = new PSObject();
            row.Properties.Add(new PSNoteProperty("SerialNumber", s));
            row.Properties.Add(new PSNoteProperty("UserPrincipalName", upn));
            return (object)row;
        }).ToArray();
    }

    private List<RequestLogEntry> DeviceSearches => Sandbox.RequestLog.Entries.Where(e => e.Method == "GET" && e.Path == "/api/v1/device").ToList();

    private int InventoryReads => Sandbox.RequestLog.Entries.Count(e => e.Path.EndsWith("/hardwareinventory", StringComparison.Ordinal));

    private int DeviceRequests => Sandbox.RequestLog.Entries.Count(e => e.Path.StartsWith("/api/v1/device", StringComparison.Ordinal));

    [Fact]
    public void AnUnknownSerialIsDeviceNotFoundAfterFiveRequestsWhenTheTenantLeavesWindowsSerialsEmpty()
    {
        Sandbox.RequestLog.Clear();
        var result = Shell.Run("$args[0] | Set-DeviceAssignment -NotEnrolledAsError -WhatIf -Verbose", (object)Rows(new[] { "NO-SUCH-SERIAL" }));

        var error = result.Error("DeviceNotFound");
        Assert.Contains("found only in the name of the device", error.Exception.Message);
        // The once-per-connection question (one Windows record), the run's count of Windows devices (what listing
        // them would cost), then q= with the serial, its first and its last 8 characters (a 15-character computer
        // name may hold only part of it): a row that started searching finishes, so no listing; no inventory at all.
        Assert.Equal(5, DeviceRequests);
        Assert.Equal(0, InventoryReads);
        Assert.Contains(result.Verbose, v => v.Contains("leaves serialNumber empty", StringComparison.Ordinal));
    }

    [Fact]
    public void ThirtyRowsWithOneUnknownSerialCostLessThanOneSearchPerRowAndOneInventoryReadPerFoundDevice()
    {
        var devices = Devices(29);
        Assert.Equal(29, devices.Count);
        Sandbox.RequestLog.Clear();

        var result = Shell.Run("$args[0] | Set-DeviceAssignment -NotEnrolledAsError -WhatIf",
            (object)Rows(devices.Select(d => d.HardwareSerial).Append("NO-SUCH-SERIAL")));

        Assert.Single(result.Errors);
        result.Error("DeviceNotFound");
        // The question and the count, searches until they cost as much as listing the space's Windows devices (at
        // most three for a row that started), that listing, one read of devices enrolled since for the unknown
        // serial, and the found devices read back by id in batches: fewer than the one search per row it used to be.
        // One inventory read per device found.
        Assert.InRange(DeviceSearches.Count, 5, 1 + 30 - 1);
        Assert.Equal(29, InventoryReads);
    }

    [Fact]
    public void WhenTheTenantFillsWindowsSerialsTheFilterFindsThemWithoutInventory()
    {
        Sandbox.Controls.WindowsSerialNumberFilled = true;
        Connect().ThrowIfErrors(); // the answer is kept per connection: a new one asks again
        var devices = Devices(29);
        Sandbox.RequestLog.Clear();

        var result = Shell.Run("$args[0] | Set-DeviceAssignment -NotEnrolledAsError -WhatIf -Verbose",
            (object)Rows(devices.Select(d => d.HardwareSerial.ToLowerInvariant()).Append("NO-SUCH-SERIAL")));

        Assert.Single(result.Errors);
        Assert.DoesNotContain("found only in the name", result.Error("DeviceNotFound").Exception.Message, StringComparison.Ordinal);
        // The question, one search naming the 30 serials together (rows read within the linger share it), and the
        // unknown serial searched on its own before it is called not found.
        Assert.Equal(1 + 1 + 1, DeviceSearches.Count);
        Assert.Equal(0, InventoryReads);
        var serialSearches = DeviceSearches.Select(e => Uri.UnescapeDataString(e.Query.Replace('+', ' '))).Where(q => q.Contains("serialNumber=", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, serialSearches.Count);
        Assert.All(devices, d => Assert.Contains("serialNumber=" + d.HardwareSerial.ToLowerInvariant() + " ", serialSearches[0].Replace(")", " ", StringComparison.Ordinal) + " ", StringComparison.Ordinal));
        Assert.Contains("and serialNumber=NO-SUCH-SERIAL&", serialSearches[1], StringComparison.Ordinal);
        Assert.Contains(result.Verbose, v => v.Contains("fills serialNumber", StringComparison.Ordinal));
    }

    [Fact]
    public void ADeviceWhoseNameDoesNotNeedAFilterIsFoundByOneFilteredSearch()
    {
        var device = Devices(1).Single();
        Sandbox.RequestLog.Clear();

        var row = new PSObject();
        row.Properties.Add(new PSNoteProperty("Name", device.DeviceName));
        row.Properties.Add(new PSNoteProperty("UserPrincipalName", Sandbox.Tenant.Snapshot().Accounts.First(a => !a.IsGeneric).Uid));
        Shell.Run("$args[0] | Set-DeviceAssignment -WhatIf", row).ThrowIfErrors();

        var search = Assert.Single(DeviceSearches);
        Assert.Contains("deviceName=" + device.DeviceName, Uri.UnescapeDataString(search.Query.Replace('+', ' ')), StringComparison.Ordinal);
    }
}
