using System;
using System.Collections.Generic;
using System.Linq;
using BulkEnroll.Neurons;
using BulkEnroll.Neurons.Records;

namespace BulkEnroll.Completion;

/// <summary>
/// Completes Windows device serial numbers from the tenant's free-text search (one page of 50), the way
/// <see cref="DeviceNameCompleter"/> does names. Only a tenant that fills serialNumber in device records can offer
/// any: elsewhere a serial lives in hardware inventory, one request per device, too slow for a Tab press.
/// </summary>
public sealed class DeviceSerialCompleter : CompleterBase
{
    internal override IEnumerable<string> Candidates(BulkEnrollConnection connection, string typed)
    {
        if (typed.Length < 2)
        {
            return Array.Empty<string>();
        }

        return CompletionCache.Get(connection, "device-serials:" + typed.ToUpperInvariant(), async cancellationToken =>
        {
            IReadOnlyList<DeviceRecord> hits = await connection.Devices.FindAsync(connection.DeviceSpaceId, typed, DeviceFilters.Windows().ToString(), 50,
                cancellationToken).ConfigureAwait(false);
            return (IReadOnlyList<string>)hits
                .Select(d => d.SerialNumber?.Trim() ?? string.Empty)
                .Where(s => s.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
        });
    }
}
