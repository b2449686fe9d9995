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
    /// a streaming consumer (Export-Csv, a loop) would, so memory shows what the module itself holds. The count is
    /// kept by the collection the engine writes into, so this harness adds next to nothing per object (an event per
    /// object that read the collection back, as before, cost about as much as the module's own work per device).
    /// </summary>
    public long CountOutput(string script)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        using var output = new CountingCollection();
        shell.Invoke(null, output);
        if (shell.Streams.Error.Count > 0)
        {
            throw new InvalidOperationException("The script reported errors: " + string.Join("; ", shell.Streams.Error.Take(5).Select(e => e.FullyQualifiedErrorId + " " + e)));
        }

        return output.Counted;
    }

    /// <summary>An output collection that counts what the engine writes into it and keeps none of it.</summary>
    private sealed class CountingCollection : PSDataCollection<PSObject>
    {
        public long Counted { get; private set; }

        protected override void InsertItem(Guid psInstanceId, int index, PSObject item) => Counted++;
    }

    public void Dispose() => _runspace.Dispose();

    public static PSCredential Credential(string userName, string password) => new(userName, SecretText.Protect(password));
}
