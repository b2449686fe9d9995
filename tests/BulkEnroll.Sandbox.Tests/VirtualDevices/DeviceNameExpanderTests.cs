using System;
using BulkEnroll.Sandbox.VirtualDevices;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.VirtualDevices;

/// <summary>The Accounts CSP's name macros as the virtual device expands them.</summary>
public sealed class DeviceNameExpanderTests
{
    [Theory]
    [InlineData("PAR-%SERIAL%", "PF4XK2Q9", "PAR-PF4XK2Q9")]
    [InlineData("PAR-%SERIAL%", "ABCDEFGHIJKLMNOPQR", "PAR-HIJKLMNOPQR")]
    [InlineData("%SERIAL%", "ABCDEFGHIJKLMNOPQR", "DEFGHIJKLMNOPQR")]
    [InlineData("A%SERIAL%-%SERIAL%", "123456789", "A456789-456789")]
    [InlineData("kiosk-01", "IGNORED", "kiosk-01")]
    [InlineData("pc-%serial%", "x1", "pc-x1")]
    public void Serial_is_cut_from_its_beginning_to_fit_15_characters(string template, string serial, string expected) =>
        Assert.Equal(expected, DeviceNameExpander.Expand(template, serial, new Random(1)));

    [Fact]
    public void RAND_gives_that_many_digits()
    {
        string name = DeviceNameExpander.Expand("LAB-%RAND:4%-%SERIAL%", "ABCDEFGHIJ", new Random(3));
        Assert.Matches("^LAB-[0-9]{4}-EFGHIJ$", name);
    }

    [Theory]
    [InlineData("PC-%MAC%", "S", "%MAC%")]
    [InlineData("PC-%RAND:0%", "S", "%RAND:0%")]
    [InlineData("PC-%SERIAL", "S", "'%'")]
    [InlineData("VERY-LONG-PREFIX-%SERIAL%", "S", "no room")]
    [InlineData("DESKTOP-LONGNAME1", "S", "17 characters")]
    [InlineData("12345", "S", "all digits")]
    [InlineData("%SERIAL%", "123456", "all digits")]
    [InlineData("PC_%SERIAL%", "S", "'_'")]
    [InlineData("-PC%SERIAL%", "S", "'-'")]
    [InlineData("PC-%SERIAL%", "", "no serial number")]
    public void Names_Windows_refuses_fail_at_the_DeviceName_stage(string template, string serial, string reason)
    {
        var e = Assert.Throws<DeviceStageException>(() => DeviceNameExpander.Expand(template, serial, new Random(1)));
        Assert.Equal(EnrollmentStage.DeviceName, e.Stage);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Without_a_name_Windows_picks_DESKTOP_and_seven_characters()
    {
        Assert.Matches("^DESKTOP-[A-Z0-9]{7}$", DeviceNameExpander.Expand(null, "S", new Random(7)));
        Assert.Equal(DeviceNameExpander.Expand(null, "S", new Random(7)), DeviceNameExpander.Expand(null, "S", new Random(7)));
    }
}
