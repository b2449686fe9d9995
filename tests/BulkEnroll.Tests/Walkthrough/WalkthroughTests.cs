using System.IO;
using System.Threading.Tasks;
using BulkEnroll.Sandbox.Walkthrough;
using Xunit;

namespace BulkEnroll.Tests.Walkthrough;

/// <summary>The README's main job, run as it is documented: every step succeeds and shows its objects.</summary>
public sealed class WalkthroughTests
{
    [Fact]
    public async Task TheWholeWorkflowRunsAgainstTheSandboxAndShowsItsObjects()
    {
        var output = new StringWriter();
        int exitCode = await WalkthroughCommand.RunAsync(new[] { "--devices", "400", "--latency-ms", "0" }, output, plainText: true);
        string text = output.ToString();

        Assert.True(exitCode == 0, text);
        Assert.Contains("Walkthrough complete", text);
        Assert.Contains("windows-bulkenroll-site-paris@contoso.com", text);
        Assert.Contains("UserAlreadyExists", text);
        Assert.Contains("What if:", text);
        Assert.Matches(@"Discovery\s+Passed", text);
        Assert.Contains("enrolled as PAR-5CG4120XKQ", text);
        // The device table names the generic user without its shared windows-bulkenroll- prefix (80-column view).
        Assert.Matches(@"PAR-PF4XK2Q9\s+\S*site-paris@contoso.com", text);
        Assert.DoesNotContain("Walkthrough-Local-Admin-1", text);
        Assert.DoesNotContain("Walkthrough-Wifi-Key-1", text);
        Assert.Matches(@"Assigned\s+Assigned to", text);
        Assert.Contains("AlreadyAssigned", text);
        int escape = text.IndexOf("\u001b[", System.StringComparison.Ordinal);
        Assert.True(escape < 0, escape < 0 ? "" : text.Substring(System.Math.Max(0, escape - 200), 300));
    }

    [Fact]
    public async Task Help_lists_the_options_and_bad_options_fail_before_starting()
    {
        var help = new StringWriter();
        Assert.Equal(0, await WalkthroughCommand.RunAsync(new[] { "--help" }, help, plainText: true));
        Assert.Contains("--devices N", help.ToString());
        Assert.Contains("--latency-ms N", help.ToString());

        foreach (var args in new[] { new[] { "--devices", "many" }, new[] { "--latency-ms" }, new[] { "--bogus", "1" }, new[] { "--devices", "-5" } })
        {
            var output = new StringWriter();
            var error = new StringWriter();
            Assert.Equal(2, await WalkthroughCommand.RunAsync(args, output, plainText: true, error));
            Assert.StartsWith("walkthrough: ", error.ToString());
            Assert.Empty(output.ToString()); // nothing started
        }
    }
}
