using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading.Tasks;
using BulkEnroll.Sandbox;
using BulkEnroll.Sandbox.Tenant;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Assignment;

/// <summary>
/// CSV files as spreadsheets and people make them, written to disk and read with Import-Csv as an admin would: each
/// broken row gets an error naming its row, the columns found and the fix, and the other rows are still assigned.
/// </summary>
public sealed class SpreadsheetCsvTests : SandboxSession
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bulkenroll-csv-" + Guid.NewGuid().ToString("n"));
    private int _nextDevice;

    protected override SandboxOptions Options => new() { DeviceCount = 600, Seed = 21 };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Directory.CreateDirectory(_folder);
        Connect().ThrowIfErrors();
        Sandbox.RequestLog.Clear();
    }

    public override async Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        await base.DisposeAsync();
    }

    private List<SandboxDevice> Waiting(int count)
    {
        var devices = Sandbox.Tenant.Snapshot().Devices
            .Where(d => d.IsBulkEnrolled && d.SpaceId == Sandbox.Tenant.DefaultSpace.Id && d.Owner.Id == d.Enroller.Id
                && d.RegistrationState == RegistrationState.Active && d.LastReassignmentStatus == null)
            .OrderBy(d => d.Id).Skip(_nextDevice).Take(count).ToList();
        _nextDevice += count;
        return devices;
    }

    private string RealUser(int index) => Sandbox.Tenant.Snapshot().Accounts.Where(a => !a.IsGeneric).Skip(index).First().Uid;

    private string Write(string name, string text, bool bom = false)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text, new UTF8Encoding(bom));
        return path;
    }

    private ScriptResult Assign(string path, string importArguments = "")
        => Shell.Run($"Import-Csv -LiteralPath $args[0] {importArguments} | Set-DeviceAssignment", path);

    [Fact]
    public void ASemicolonSeparatedFileReadWithCommasSaysWhichDelimiterToUse()
    {
        var devices = Waiting(2);
        string path = Write("excel-fr.csv", $"SerialNumber;UserPrincipalName\n{devices[0].HardwareSerial};{RealUser(0)}\n{devices[1].HardwareSerial};{RealUser(1)}\n");

        var result = Assign(path);

        var errors = result.AllErrors.ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.StartsWith("UserNotGiven,", e.FullyQualifiedErrorId));
        Assert.Contains("Row 1 (line 2", errors[0].Exception.Message);
        Assert.Contains("Row 2 (line 3", errors[1].Exception.Message);
        Assert.Contains("Import-Csv -Delimiter ';'", errors[0].Exception.Message);
        Assert.Contains("'SerialNumber;UserPrincipalName'", errors[0].Exception.Message);
        Assert.DoesNotContain(Sandbox.RequestLog.Entries, e => e.Method != "GET");

        var fixedRun = Assign(path, "-Delimiter ';'").ThrowIfErrors().All<DeviceAssignmentResult>();
        Assert.All(fixedRun, r => Assert.Equal(DeviceAssignmentStatus.Assigned, r.Status));
    }

    [Fact]
    public void HeadersBentByHandOrByABomStillBindAndOnlyTheBrokenRowFails()
    {
        var devices = Waiting(4);
        // A BOM, a header with a trailing non-breaking space, one renamed by hand, stray spaces around values, a row
        // whose user cell is empty and the blank lines a spreadsheet leaves at the end.
        string text = "Serial Number\u00A0,assigned_user,Notes\n"
            + $" {devices[0].HardwareSerial} ,\u00A0{RealUser(2)} ,desk 1\n"
            + $"{devices[1].HardwareSerial},{RealUser(3)},desk 2\n"
            + $"{devices[2].HardwareSerial},,desk 3\n"
            + $"{devices[3].HardwareSerial},{RealUser(4)},desk 4\n"
            + ",,\n,,\n";
        string path = Write("bent.csv", text, bom: true);

        var result = Assign(path);

        var assigned = result.All<DeviceAssignmentResult>().Where(r => r.Status == DeviceAssignmentStatus.Assigned).Select(r => r.DeviceId).OrderBy(i => i);
        Assert.Equal(new long?[] { devices[0].Id, devices[1].Id, devices[3].Id }, assigned);
        var error = Assert.Single(result.AllErrors);
        Assert.StartsWith("UserNotGiven,", error.FullyQualifiedErrorId);
        Assert.Contains("Row 3 (line 4", error.Exception.Message);
        Assert.Contains("'assigned_user' cell is empty", error.Exception.Message);
        Assert.Equal(RealUser(2), Sandbox.Tenant.GetDevice(devices[0].Id)!.Owner.Uid);
    }

    [Fact]
    public void AColumnNobodyCouldGuessIsNamedWithTheColumnsThatAreRead()
    {
        var devices = Waiting(1);
        string path = Write("renamed.csv", $"SerialNumber,Owner of the PC\n{devices[0].HardwareSerial},{RealUser(5)}\n");

        var error = Assert.Single(Assign(path).AllErrors);

        Assert.StartsWith("UserNotGiven,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("Columns found: 'SerialNumber', 'Owner of the PC'", error.Exception.Message);
        Assert.Contains("'UserPrincipalName'", error.Exception.Message);
        Assert.Contains("'Assigned User'", error.Exception.Message);
        Assert.Contains("-UserPrincipalName", error.Exception.Message);
        Assert.DoesNotContain(Sandbox.RequestLog.Entries, e => e.Method != "GET");
    }

    [Fact]
    public void ARowThatNamesNoDeviceListsTheDeviceColumnsThatAreRead()
    {
        string path = Write("nodevice.csv", $"Desk,UPN\n4,{RealUser(6)}\n");

        var error = Assert.Single(Assign(path).AllErrors);

        Assert.StartsWith("DeviceNotIdentified,", error.FullyQualifiedErrorId);
        Assert.Contains("Row 1 (line 2", error.Exception.Message);
        Assert.Contains("'Service Tag'", error.Exception.Message);
        Assert.Contains("Add a SerialNumber, Name or Id column", error.Exception.Message);
    }
}
