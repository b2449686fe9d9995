using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons.Records;

namespace BulkEnroll.Commands;

/// <summary>The tenant's device spaces, read live.</summary>
[Cmdlet(VerbsCommon.Get, "BulkEnrollDeviceSpace")]
[OutputType(typeof(DeviceSpace))]
public sealed class GetBulkEnrollDeviceSpaceCommand : ConnectedCmdlet
{
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completion.DeviceSpaceCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        var pattern = Name == null ? null : WildcardPattern.Get(Name, WildcardOptions.IgnoreCase);
        IReadOnlyList<DeviceSpaceRecord> spaces = await ActiveConnection.Tenant.GetDeviceSpacesAsync(cancellationToken).ConfigureAwait(false);
        foreach (DeviceSpaceRecord record in spaces)
        {
            DeviceSpace space = DeviceSpace.FromRecord(record);
            if (pattern == null || pattern.IsMatch(space.Name))
            {
                Emit(space);
            }
        }
    }
}
