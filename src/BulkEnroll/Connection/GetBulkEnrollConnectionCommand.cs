using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace BulkEnroll.Commands;

/// <summary>The runspace's current connection; nothing when not connected.</summary>
[Cmdlet(VerbsCommon.Get, "BulkEnrollConnection")]
[OutputType(typeof(BulkEnrollConnection))]
public sealed class GetBulkEnrollConnectionCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        BulkEnrollConnection? connection = ConnectionStore.Get(Runspace.DefaultRunspace);
        if (connection != null)
        {
            WriteObject(connection);
        }
        else
        {
            WriteVerbose("Not connected: run Connect-BulkEnroll.");
        }
    }
}
