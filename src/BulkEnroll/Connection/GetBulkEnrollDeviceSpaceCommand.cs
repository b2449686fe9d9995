using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons.Records;

using BulkEnroll.Runtime;

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

    /// <summary>A device space name matched exactly as typed: '[', ']', '*' and '?' are characters of the name.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(Completion.DeviceSpaceCompleter))]
    [ValidateNotNullOrEmpty]
    public string? LiteralName { get; set; }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        WildcardPattern? pattern = LiteralName != null ? NamePatterns.Compile(LiteralName, nameof(LiteralName), true, null)
            : Name != null ? NamePatterns.Compile(Name, nameof(Name), false, nameof(LiteralName)) : null;
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
