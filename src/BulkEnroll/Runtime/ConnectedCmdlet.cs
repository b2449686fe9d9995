using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace BulkEnroll.Commands;

/// <summary>Base for cmdlets that call the tenant: the runspace's connection, or the one given with -Connection.</summary>
public abstract class ConnectedCmdlet : AsyncCmdlet
{
    private BulkEnrollConnection? _connection;

    /// <summary>The session to use instead of the runspace's current one (for parallel runspaces and jobs).</summary>
    [Parameter]
    [ValidateNotNull]
    public BulkEnrollConnection? Connection { get; set; }

    /// <summary>Resolved on the pipeline thread: the runspace's connection cannot be found from the thread pool.</summary>
    internal BulkEnrollConnection ActiveConnection
        => _connection ?? throw new PSInvalidOperationException("The connection is resolved in BeginProcessing.");

    protected override void BeginProcessing()
    {
        _connection = Connection ?? ConnectionStore.Get(Runspace.DefaultRunspace);
        if (_connection == null)
        {
            ThrowTerminatingError(new BulkEnrollException("NotConnected", ErrorCategory.ConnectionError,
                "There is no connection to an Ivanti Neurons for MDM tenant in this session. Run Connect-BulkEnroll first, or pass -Connection.")
                .ToErrorRecord());
        }

        if (_connection!.IsDisconnected)
        {
            ThrowTerminatingError(new BulkEnrollException("ConnectionClosed", ErrorCategory.ConnectionError,
                $"The connection {_connection} was closed by Disconnect-BulkEnroll. Run Connect-BulkEnroll again.", _connection).ToErrorRecord());
        }

        base.BeginProcessing();
    }
}
