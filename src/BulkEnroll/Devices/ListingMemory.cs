using System;
using System.Collections.Concurrent;
using BulkEnroll.Users;

namespace BulkEnroll.Devices;

/// <summary>
/// What a connection saw last time it listed (or connected): its generic users and how long each device search
/// was. Only ever a guess that lets the next listing send its requests a round trip earlier; what is listed always
/// comes from that listing's own answers.
/// </summary>
internal sealed class ListingMemory
{
    private const int MaxRememberedSearches = 1024;

    private readonly ConcurrentDictionary<string, long> _totals = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);

    /// <summary>The generic users read last, by Connect-BulkEnroll or a listing; null before either.</summary>
    public GenericUserDirectory? Users { get; set; }

    /// <summary>How many devices the search with this server filter had last time, if it ran before.</summary>
    public long? TotalOf(string filter) => _totals.TryGetValue(filter, out long total) ? total : (long?)null;

    public void RememberTotal(string filter, long total)
    {
        if (_totals.Count > MaxRememberedSearches)
        {
            _totals.Clear(); // many different filters: they are not worth guessing from
        }

        _totals[filter] = total;
    }
}
