using System.Management.Automation;
using System.Management.Automation.Runspaces;
using BulkEnroll.Packaging.Secrets;

namespace BulkEnroll.Benchmarks;

/// <summary>A runspace with the built module imported (this folder is laid out as the module folder).</summary>
internal sealed class HostedPowerShell : IDisposable
{
    private readonly Runspace _runspace;

    public HostedPowerShell()
    {
        _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        _runspace.Open();
        Invoke("Import-Module $args[0] -ErrorAction Stop", ModuleManifest);
    }

    public static string ModuleManifest => Path.Combine(AppContext.BaseDirectory, "BulkEnroll.psd1");

    public void Connect(SandboxProcess sandbox, string extra = "")
        => Invoke("Connect-BulkEnroll -TenantUri $args[0] -Credential $args[1] " + extra, sandbox.BaseAddress, Credential(sandbox.UserName, sandbox.Password));

    public List<PSObject> Invoke(string script, params object[] arguments)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        foreach (object argument in arguments)
        {
            shell.AddArgument(argument);
        }

        List<PSObject> output = shell.Invoke().ToList();
        if (shell.Streams.Error.Count > 0)
        {
            throw new InvalidOperationException("The script reported errors: " + string.Join("; ", shell.Streams.Error.Take(5).Select(e => e.FullyQualifiedErrorId + " " + e)));
        }

        return output;
    }

    /// <summary>
    /// Runs a script and counts what it outputs without keeping it: each object is dropped as it arrives, as
    /// a streaming consumer (Export-Csv, a loop) would, so memory shows what the module itself holds.
    /// </summary>
    public long CountOutput(string script)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        using var output = new PSDataCollection<PSObject>();
        long count = 0;
        output.DataAdded += (_, _) => count += output.ReadAll().Count;
        shell.Invoke(null, output);
        if (shell.Streams.Error.Count > 0)
        {
            throw new InvalidOperationException("The script reported errors: " + string.Join("; ", shell.Streams.Error.Take(5).Select(e => e.FullyQualifiedErrorId + " " + e)));
        }

        return count;
    }

    public void Dispose() => _runspace.Dispose();

    public static PSCredential Credential(string userName, string password) => new(userName, SecretText.Protect(password));
}
