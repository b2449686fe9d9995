using System.Linq;
using BulkEnroll.Sandbox;
using BulkEnroll.Sandbox.Tenant;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Assignment;

/// <summary>
/// Rows that name a device by more than one key, and serial numbers found on more than one record: a row whose keys
/// disagree is refused and nothing is sent; a re-imaged PC (a retired record and an active one with one serial) is the
/// active one; only two active records are ambiguous, and the advice given (use the id) works.
/// </summary>
public sealed class DeviceKeyTests : SandboxSession
{
    protected override SandboxOptions Options => new() { DeviceCount = 200, Seed = 31 };

    protected override bool ConnectsOnStart => true;

    private SandboxAccount Generic => Sandbox.Tenant.Snapshot().Accounts.First(a => a.IsGeneric);

    private string RealUser => Sandbox.Tenant.Snapshot().Accounts.First(a => !a.IsGeneric).Uid;

    private SandboxDevice Enroll(string name, string serial, RegistrationState state = RegistrationState.Active)
        => Sandbox.Tenant.RegisterEnrolledDevice(new NewWindowsDevice(name, serial, "EliteBook", "HP", "10.0.26100.2314", Generic.Id) { RegistrationState = state });

    private ScriptResult Assign(string row) => Shell.Run($"{row} | Set-DeviceAssignment -UserPrincipalName $args[0]", RealUser);

    [Theory]
    [InlineData("Id", "SerialNumber")]
    [InlineData("SerialNumber", "DeviceName")]
    [InlineData("Id", "DeviceName")]
    public void ARowWhoseKeysNameTwoDevicesIsRefusedNamingBothAndNothingIsSent(string firstColumn, string secondColumn)
    {
        var a = Enroll("KEY-AAA" + firstColumn.Length + secondColumn.Length, "AAA" + firstColumn.Length + secondColumn.Length);
        var b = Enroll("KEY-BBB" + firstColumn.Length + secondColumn.Length, "BBB" + firstColumn.Length + secondColumn.Length);
        Sandbox.RequestLog.Clear();
        string Key(string column, SandboxDevice d) => column switch { "Id" => d.Id.ToString(), "SerialNumber" => d.HardwareSerial!, _ => d.DeviceName };

        var result = Assign($"[pscustomobject]@{{ {firstColumn} = '{Key(firstColumn, a)}'; {secondColumn} = '{Key(secondColumn, b)}' }}");

        var error = result.Error("ConflictingDeviceKeys");
        Assert.Contains($"{a.DeviceName} ({a.Id})", error.Exception.Message);
        Assert.Contains($"{b.DeviceName} ({b.Id})", error.Exception.Message);
        Assert.Contains($"'{Key(secondColumn, b)}'", error.Exception.Message);
        Assert.DoesNotContain(Sandbox.RequestLog.Entries, e => e.Method != "GET");
        Assert.Equal(a.Owner.Id, Sandbox.Tenant.Snapshot().Device(a.Id).Owner.Id);
    }

    [Fact]
    public void KeysThatAgreeAssignTheDevice()
    {
        var a = Enroll("KEY-AGREE1", "AGREE1");

        var result = Assign($"[pscustomobject]@{{ Id = '{a.Id}'; SerialNumber = 'AGREE1'; DeviceName = 'key-agree1' }}").ThrowIfErrors();

        Assert.Equal(DeviceAssignmentStatus.Assigned, result.Single<DeviceAssignmentResult>().Status);
    }

    [Fact]
    public void ASerialOnARetiredAndAnActiveRecordIsTheActiveOne()
    {
        // The names hold the serial, as a 'PC-%SERIAL%' template makes them: the tenant need not fill serialNumber.
        Enroll("PC-REIMG1", "REIMG1", RegistrationState.Retired);
        var active = Enroll("PC-REIMG1", "REIMG1");

        var result = Assign("[pscustomobject]@{ SerialNumber = 'REIMG1' }").ThrowIfErrors();

        var assigned = result.Single<DeviceAssignmentResult>();
        Assert.Equal(DeviceAssignmentStatus.Assigned, assigned.Status);
        Assert.Equal(active.Id, assigned.DeviceId);
    }

    [Fact]
    public void ASerialOnTwoActiveRecordsIsAmbiguousAndTheAdvisedIdWorks()
    {
        var first = Enroll("PC-TWIN1", "TWIN1");
        var second = Enroll("PC-TWIN1B", "TWIN1");
        Sandbox.RequestLog.Clear();

        var error = Assign("[pscustomobject]@{ SerialNumber = 'TWIN1' }").Error("AmbiguousDevice");

        Assert.Contains(first.Id.ToString(), error.Exception.Message);
        Assert.Contains(second.Id.ToString(), error.Exception.Message);
        Assert.Contains("-Id", error.Exception.Message);
        Assert.DoesNotContain(Sandbox.RequestLog.Entries, e => e.Method != "GET");
        var advised = Assign($"[pscustomobject]@{{ SerialNumber = 'TWIN1'; Id = {second.Id} }}").ThrowIfErrors();
        Assert.Equal(second.Id, advised.Single<DeviceAssignmentResult>().DeviceId);
    }
}
