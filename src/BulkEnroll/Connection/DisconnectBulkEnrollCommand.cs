using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace BulkEnroll.Commands;

/// <summary>Ends the runspace's session (or the one given) and forgets its credentials.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "BulkEnroll")]
[OutputType(typeof(void))]
public sealed class DisconnectBulkEnrollCommand : PSCmdlet
{
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public BulkEnrollConnection? Connection { get; set; }

    protected override void ProcessRecord()
    {
        BulkEnrollConnection? current = ConnectionStore.Get(Runspace.DefaultRunspace);
        BulkEnrollConnection? target = Connection ?? current;
        if (target == null)
        {
            WriteVerbose("Not connected; nothing to disconnect.");
            return;
        }

        if (ReferenceEquals(target, current))
        {
            ConnectionStore.Set(Runspace.DefaultRunspace, null);
        }

        target.Dispose();
        WriteVerbose($"Disconnected {target}.");
    }
}
