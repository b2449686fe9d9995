using System.IO;
using System.Threading.Tasks;
using BulkEnroll.Sandbox.Cli;
using BulkEnroll.Sandbox.Tests.Enrollment;
using BulkEnroll.Sandbox.Tests.VirtualDevices;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Cli;

/// <summary>The `enroll` verb prints what each virtual device did and sums it up in its exit code.</summary>
public sealed class EnrollCommandTests(EnrollmentSandbox fixture) : IClassFixture<EnrollmentSandbox>
{
    private string Package(string secret) => TestPackages.WriteTemp(
        TestPackages.Build(fixture.Sandbox.BaseAddress.AbsoluteUri, EnrollmentSandbox.OtherGenericUser, secret, "CLI-%SERIAL%"), fixture.Folder);

    [Fact]
    public async Task Several_devices_enroll_with_numbered_serials()
    {
        var output = new StringWriter();
        int code = await EnrollCommand.RunAsync(["--package", Package(fixture.Password), "--serial", "CLISN", "--count", "3"], output, new StringWriter());
        string text = output.ToString();
        Assert.True(code == 0, text);
        Assert.Contains("serial number CLISN1:", text);
        Assert.Contains("ENROLLED: CLI-CLISN3 enrolled in MDM as windows-bulkenroll-user2@contoso.com", text);
        Assert.Contains("3 of 3 devices enrolled.", text);
        Assert.Contains("POST Discover", text);
    }

    [Fact]
    public async Task A_failure_is_printed_with_its_stage_and_exit_code_1()
    {
        var output = new StringWriter();
        int code = await EnrollCommand.RunAsync(["--package", Package("Not-The-Password1"), "--verbose", "no"], output, new StringWriter());
        Assert.Equal(1, code);
        Assert.Contains("FAILED at Policy:", output.ToString());
        Assert.DoesNotContain("Not-The-Password1", output.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("--package x.ppkg --count zero")]
    [InlineData("--package x.ppkg --count 0")]
    [InlineData("--bogus 1")]
    public async Task Bad_options_are_exit_code_2(string args)
    {
        var error = new StringWriter();
        Assert.Equal(2, await EnrollCommand.RunAsync(args.Split(' ', System.StringSplitOptions.RemoveEmptyEntries), new StringWriter(), error));
        Assert.Contains("enroll:", error.ToString());
    }
}
