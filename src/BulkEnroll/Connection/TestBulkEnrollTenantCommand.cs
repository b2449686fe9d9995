using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Connection.Conformance;

namespace BulkEnroll.Commands;

/// <summary>
/// Checks, with read-only calls, each assumption the module makes about the connected tenant's API, one result per
/// assumption. Safe on a production tenant: nothing is created, changed or deleted.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "BulkEnrollTenant")]
[OutputType(typeof(TenantCheckResult))]
public sealed class TestBulkEnrollTenantCommand : ConnectedCmdlet
{
    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        var conformance = new TenantConformance(ActiveConnection, cancellationToken);
        await foreach (TenantCheckResult result in conformance.RunAsync(cancellationToken).ConfigureAwait(false))
        {
            EmitVerbose($"{result.Check}: {result.Result}; sent {result.Sent}");
            Emit(result);
        }
    }
}
