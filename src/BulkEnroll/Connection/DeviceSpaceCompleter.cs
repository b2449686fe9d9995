using System.Collections.Generic;
using System.Linq;

namespace BulkEnroll.Completion;

/// <summary>Completes device space names from the connected tenant.</summary>
public sealed class DeviceSpaceCompleter : CompleterBase
{
    internal override IEnumerable<string> Candidates(BulkEnrollConnection connection, string typed)
        => CompletionCache.Get(connection, "device-spaces", async cancellationToken =>
            (IReadOnlyList<string>)(await connection.Tenant.GetDeviceSpacesAsync(cancellationToken).ConfigureAwait(false))
                .Select(s => s.Name ?? string.Empty).Where(n => n.Length > 0).ToList());
}
