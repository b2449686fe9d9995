using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using BulkEnroll.Packaging.Secrets;
using BulkEnroll.Sandbox.Cli;

namespace BulkEnroll.Sandbox.Walkthrough;

/// <summary>
/// The README's main job: starts a sandbox tenant, hosts PowerShell with the built module, and runs the
/// whole workflow against it, printing each command and the objects it returns.
/// </summary>
internal static class WalkthroughCommand
{
    private sealed record Settings(int Devices, int LatencyMs);

    private static readonly CliOption<Settings>[] Options =
    [
        new("--devices", "N", "devices the sandbox tenant is seeded with (default 2000)", (s, v) => s with { Devices = CliOptions.Int(v) }),
        new("--latency-ms", "N", "latency added to each request to the sandbox (default 20)", (s, v) => s with { LatencyMs = CliOptions.Int(v) }),
    ];

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.IsOutputRedirected, Console.Error);

    /// <param name="plainText">Strip PowerShell's colour escapes (a log file, a pipe, a test).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, bool plainText, TextWriter? error = null)
    {
        error ??= output;
        if (CliOptions.AsksForHelp(args))
        {
            PrintHelp(output);
            return 0;
        }

        static void Validate(Settings s)
        {
            if (s.Devices < 0) throw new ArgumentException("--devices must be 0 or more");
            if (s.LatencyMs < 0) throw new ArgumentException("--latency-ms must be 0 or more");
        }
        if (!CliOptions.TryParse("walkthrough", Options, args, new Settings(Devices: 2000, LatencyMs: 20), Validate, error, out var settings))
            return 2;

        var options = new SandboxOptions
        {
            DeviceCount = settings.Devices,
            Seed = 42,
            Controls = new SandboxControlSettings { Latency = TimeSpan.FromMilliseconds(settings.LatencyMs) },
        };
        await using var sandbox = await SandboxServer.StartAsync(options);
        string work = Directory.CreateTempSubdirectory("bulkenroll-walkthrough-").FullName;
        try
        {
            output.WriteLine($"Sandbox tenant on {sandbox.BaseAddress} ({settings.Devices} devices, {settings.LatencyMs} ms latency per request).");
            output.WriteLine($"Scratch folder: {work}");
            return await RunAsync(sandbox, work, output, plainText);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void PrintHelp(TextWriter w) => CliOptions.PrintHelp(w, "walkthrough [options]", """
        Starts a sandbox tenant (seed 42), hosts PowerShell with the built BulkEnroll module and runs the whole
        workflow against it: connect, create generic users, build a package, let virtual PCs enroll with it,
        list them, assign them from a CSV. Prints each command and the objects it returns. Exit code 0 when
        every step ran without an unexpected error, 1 otherwise, 2 for bad options.
        """, Options);

    private static async Task<int> RunAsync(SandboxServer sandbox, string work, TextWriter output, bool plainText)
    {
        var state = InitialSessionState.CreateDefault2();
        state.Commands.Add(new SessionStateFunctionEntry("Import-Csv", CsvFile.ImportCsvFunctionBody));
        using var runspace = RunspaceFactory.CreateRunspace(new ConsoleHost(output, plainText), state);
        runspace.Open();
        var proxy = runspace.SessionStateProxy;
        proxy.SetVariable("ModuleManifest", Path.Combine(AppContext.BaseDirectory, "BulkEnroll.psd1"));
        proxy.SetVariable("TenantUri", sandbox.BaseAddress);
        proxy.SetVariable("ApiCredential", new PSCredential(sandbox.Admin.UserName, SecretText.Protect(sandbox.Admin.Password)));
        proxy.SetVariable("Work", work);
        proxy.SetVariable("RealUsers", sandbox.Tenant.Snapshot().Accounts.Where(a => !a.IsGeneric).Take(20).Select(a => a.Uid).ToArray());
        proxy.SetVariable("LocalAdmin", new PSCredential("localadmin", SecretText.Protect("Walkthrough-Local-Admin-1")));
        proxy.SetVariable("WifiKey", SecretText.Protect("Walkthrough-Wifi-Key-1"));
        proxy.SetVariable("DiscoveryUrl", (sandbox.HttpsBaseAddress ?? sandbox.BaseAddress).ToString());

        int failures = 0;
        int number = 0;
        foreach (WalkthroughStep step in WalkthroughScript.Steps)
        {
            number++;
            output.WriteLine();
            output.WriteLine($"=== {number}. {step.Title}");
            bool succeeded = step.Offstage != null
                ? await step.Offstage(new WalkthroughContext(sandbox, runspace, output))
                : RunScript(step, runspace, output);
            if (!succeeded) failures++;
        }

        output.WriteLine();
        output.WriteLine(failures == 0
            ? $"Walkthrough complete: {number} steps against the sandbox, no unexpected error."
            : $"Walkthrough finished with {failures} failing step(s).");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Shows the step's script as typed at a prompt, runs it with Out-Host, shows its errors.</summary>
    /// <returns>false when the script threw or wrote an error other than the one the step is there to show.</returns>
    private static bool RunScript(WalkthroughStep step, Runspace runspace, TextWriter output)
    {
        foreach (string line in step.Script!.Split('\n'))
        {
            output.WriteLine("PS> " + line.TrimEnd('\r'));
        }

        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(step.Script, useLocalScope: false).AddCommand("Out-Host");
        try
        {
            shell.Invoke();
        }
        catch (RuntimeException e)
        {
            output.WriteLine("ERROR: " + e.Message);
            return false;
        }

        foreach (ErrorRecord error in shell.Streams.Error)
        {
            output.WriteLine($"ERROR: {error} ({error.FullyQualifiedErrorId})");
        }

        return shell.Streams.Error.All(e => step.ExpectedErrorId != null && e.FullyQualifiedErrorId.StartsWith(step.ExpectedErrorId + ",", StringComparison.Ordinal));
    }
}
