using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using BulkEnroll.Sandbox.Tenant;

namespace BulkEnroll.Sandbox.Walkthrough;

/// <summary>
/// The README's main job: starts a sandbox tenant, hosts PowerShell with the built module, and runs the
/// whole workflow against it, printing each command and the objects it returns.
/// </summary>
internal static class WalkthroughCommand
{
    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.IsOutputRedirected);

    public static async Task<int> RunAsync(string[] args, TextWriter output, bool plainText)
    {
        int devices = 2000;
        int latencyMs = 20;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--devices" when i + 1 < args.Length && int.TryParse(args[i + 1], out int d):
                    devices = d;
                    i++;
                    break;
                case "--latency-ms" when i + 1 < args.Length && int.TryParse(args[i + 1], out int l):
                    latencyMs = l;
                    i++;
                    break;
                case "-h" or "--help":
                    output.WriteLine("walkthrough [--devices 2000] [--latency-ms 20]: runs the whole BulkEnroll workflow against a sandbox tenant.");
                    return 0;
                default:
                    Console.Error.WriteLine($"Unknown option '{args[i]}'. Try: walkthrough --help");
                    return 2;
            }
        }

        var options = new SandboxOptions
        {
            DeviceCount = devices,
            Seed = 42,
            Controls = new SandboxControlSettings { Latency = TimeSpan.FromMilliseconds(latencyMs) },
        };
        await using var sandbox = await SandboxServer.StartAsync(options);
        string work = Directory.CreateTempSubdirectory("bulkenroll-walkthrough-").FullName;
        try
        {
            output.WriteLine($"Sandbox tenant on {sandbox.BaseAddress} ({devices} devices, {latencyMs} ms latency per API call).");
            output.WriteLine($"Scratch folder: {work}");
            return await RunAsync(sandbox, work, output, plainText);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<int> RunAsync(SandboxServer sandbox, string work, TextWriter output, bool plainText)
    {
        var state = InitialSessionState.CreateDefault2();
        state.Commands.Add(new SessionStateFunctionEntry("Import-Csv", CsvFile.ImportCsvFunctionBody));
        using var runspace = RunspaceFactory.CreateRunspace(new ConsoleHost(output, plainText), state);
        runspace.Open();
        var proxy = runspace.SessionStateProxy;
        proxy.SetVariable("ModuleManifest", Path.Combine(AppContext.BaseDirectory, "BulkEnroll.psd1"));
        proxy.SetVariable("TenantUri", sandbox.BaseAddress);
        proxy.SetVariable("ApiCredential", new PSCredential(sandbox.Admin.UserName, Secure(sandbox.Admin.Password)));
        proxy.SetVariable("Work", work);
        proxy.SetVariable("RealUsers", sandbox.Tenant.Snapshot().Accounts.Where(a => !a.IsGeneric).Take(20).Select(a => a.Uid).ToArray());
        proxy.SetVariable("LocalAdmin", new PSCredential("localadmin", Secure("Walkthrough-Local-Admin-1")));
        proxy.SetVariable("WifiKey", Secure("Walkthrough-Wifi-Key-1"));
        proxy.SetVariable("DiscoveryUrl", (sandbox.HttpsBaseAddress ?? sandbox.BaseAddress).ToString());

        int failures = 0;
        int number = 0;
        foreach (WalkthroughStep step in WalkthroughScript.Steps)
        {
            number++;
            output.WriteLine();
            output.WriteLine($"=== {number}. {step.Title}");
            if (step.Offstage != null)
            {
                if (!await step.Offstage(new WalkthroughContext(sandbox, runspace, output)))
                {
                    failures++;
                }

                continue;
            }

            foreach (string line in step.Script!.Split('\n'))
            {
                output.WriteLine("PS> " + line.TrimEnd('\r'));
            }

            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddScript(step.Script!, useLocalScope: false).AddCommand("Out-Host");
            try
            {
                shell.Invoke();
            }
            catch (RuntimeException e)
            {
                output.WriteLine("ERROR: " + e.Message);
                failures++;
            }

            foreach (ErrorRecord error in shell.Streams.Error)
            {
                output.WriteLine($"ERROR: {error} ({error.FullyQualifiedErrorId})");
            }

            // The re-run step exists to show the error; any other error is a failure of the walkthrough.
            if (shell.Streams.Error.Any(e => !e.FullyQualifiedErrorId.StartsWith("UserAlreadyExists", StringComparison.Ordinal)))
            {
                failures++;
            }
        }

        output.WriteLine();
        output.WriteLine(failures == 0
            ? $"Walkthrough complete: {number} steps against the sandbox, no unexpected error."
            : $"Walkthrough finished with {failures} failing step(s).");
        return failures == 0 ? 0 : 1;
    }

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (char c in text)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }
}
