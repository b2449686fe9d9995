using System.Threading.Tasks;
using BulkEnroll.Sandbox.Cli;
using Xunit;

namespace BulkEnroll.Tests.Sandbox;

public sealed class CliTests
{
    [Fact]
    public async Task Help_succeeds_and_bad_options_fail_before_starting()
    {
        Assert.Equal(0, await ServeCommand.RunAsync(["--help"]));
        Assert.Equal(2, await ServeCommand.RunAsync(["--no-such-option", "1"]));
        Assert.Equal(2, await ServeCommand.RunAsync(["--devices", "many"]));
        Assert.Equal(2, await ServeCommand.RunAsync(["--fault-500", "1.5"]));
        Assert.Equal(2, await ServeCommand.RunAsync(["--port"]));
    }
}
