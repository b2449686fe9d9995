using System;
using System.IO;
using System.Threading.Tasks;
using BulkEnroll.Sandbox.Cli;
using Xunit;

namespace BulkEnroll.Sandbox.Tests.Cli;

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

    private sealed record Knobs(double P, string? Name);

    private static readonly CliOption<Knobs>[] Options =
    [
        new("--p", "P", "a probability", (s, v) => s with { P = CliOptions.Double(v) }),
        new("--name", "TEXT", "a name", (s, v) => s with { Name = v }),
    ];

    private static void Validate(Knobs k)
    {
        if (k.P is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Knobs.P), k.P, "must be between 0 and 1");
        }
    }

    [Theory]
    [InlineData(new[] { "--p", "2" }, "verb: P = 2: must be between 0 and 1")]
    [InlineData(new[] { "--p", "high" }, "verb: --p: 'high' is not a valid P")]
    [InlineData(new[] { "--name" }, "verb: --name needs a value")]
    [InlineData(new[] { "--other", "1" }, "verb: unknown option '--other'")]
    public void A_bad_option_is_one_line_naming_the_verb_then_a_hint(string[] args, string expected)
    {
        var error = new StringWriter();
        Assert.False(CliOptions.TryParse("verb", Options, args, new Knobs(0, null), Validate, error, out _));
        Assert.Equal([expected, "Run 'verb --help' for the options.", ""], error.ToString().Split(Environment.NewLine));
    }

    [Fact]
    public void Options_take_a_separate_or_an_inline_value_in_any_case()
    {
        Assert.True(CliOptions.TryParse("verb", Options, ["--P=0.25", "--name", "a=b"], new Knobs(0, null), Validate, new StringWriter(), out var knobs));
        Assert.Equal(new Knobs(0.25, "a=b"), knobs);
    }
}
