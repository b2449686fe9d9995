using System;
using System.Collections.Generic;
using System.Linq;
using BulkEnroll.Neurons;
using BulkEnroll.Neurons.Records;

namespace BulkEnroll.Completion;

/// <summary>
/// Completes Windows device names. A fleet can hold 100,000 devices, so nothing is listed in full: the typed
/// text goes to the tenant's free-text search (one page of 50) and the names starting with it are offered.
/// </summary>
public sealed class DeviceNameCompleter : CompleterBase
{
    internal override IEnumerable<string> Candidates(BulkEnrollConnection connection, string typed)
    {
        if (typed.Length < 2)
        {
            return Array.Empty<string>(); // too broad to be useful, and the tenant would scan for nothing
        }

        return CompletionCache.Get(connection, "device-names:" + typed.ToUpperInvariant(), async cancellationToken =>
        {
            IReadOnlyList<DeviceRecord> hits = await connection.Devices.FindAsync(connection.DeviceSpaceId, typed, DeviceFilters.Windows().ToString(), 50,
                cancellationToken).ConfigureAwait(false);
            return (IReadOnlyList<string>)hits
                .Select(d => d.DeviceName ?? string.Empty)
                .Where(n => n.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
        });
    }
}
