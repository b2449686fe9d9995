using System.Collections.Concurrent;
using System.Diagnostics;

namespace BulkEnroll.Sandbox.Api.Query;

/// <summary>Filtered, sorted record lists, cached per query and keyed on the data version: a page of an
/// already-seen query is a slice of a cached array, never a scan. Any change to the data invalidates it.</summary>
internal sealed class Search<TRecord, TJson> where TRecord : class where TJson : class
{
    private const int MaxCachedQueries = 256;

    private readonly PropertyTable<TJson> _fields;
    private readonly string[] _freeTextFields;
    private readonly ConcurrentDictionary<string, Entry> _cache = new();

    public Search(PropertyTable<TJson> fields, string[] freeTextFields)
    {
        _fields = fields;
        _freeTextFields = freeTextFields;
    }

    public sealed record Result(TRecord[] Matches, int Unfiltered)
    {
        /// <summary>The page the query asks for, in the search envelope (docs/reference/ivanti-api.md#response-envelope).</summary>
        /// <param name="started">When the request started (<see cref="Stopwatch.GetTimestamp"/>), for queryTime.</param>
        public ListResult<TJson> Page(ListQuery query, long started, Func<TRecord, TJson> project)
        {
            int end = Math.Min(Matches.Length, query.Start + query.Rows);
            var page = new List<TJson>(Math.Max(0, end - query.Start));
            for (int i = query.Start; i < end; i++)
            {
                page.Add(project(Matches[i]));
            }

            return new ListResult<TJson>(Matches.Length, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, page,
                query.Start, query.Rows, ListResults.NoFacets, Unfiltered);
        }
    }

    /// <param name="version">The data version now; a cached result of another version is not used.</param>
    /// <param name="scan">All records, read atomically.</param>
    /// <param name="inScope">Records the query may see at all (e.g. the device space).</param>
    /// <param name="project">Record to wire shape, for filtering and sorting on wire names and values.</param>
    public Result Run(ListQuery query, string scope, long version, Func<TRecord[]> scan, Func<TRecord, bool> inScope, Func<TRecord, TJson> project)
    {
        string key = query.CacheKey(scope);
        if (_cache.TryGetValue(key, out var hit) && hit.Version == version)
        {
            return hit.Value.Value;
        }

        if (_cache.Count >= MaxCachedQueries)
        {
            _cache.Clear();
        }

        var fresh = new Entry(version, new Lazy<Result>(() => Compute(query, scan(), inScope, project)));
        var stored = _cache.AddOrUpdate(key, fresh, (_, old) => old.Version >= version ? old : fresh);
        return stored.Value.Value;
    }

    private Result Compute(ListQuery query, TRecord[] all, Func<TRecord, bool> inScope, Func<TRecord, TJson> project)
    {
        Func<TJson, bool>? filter;
        try
        {
            filter = query.Fq?.Compile(_fields);
        }
        catch (FqSyntaxException e)
        {
            throw ApiProblemException.Field("fq", ErrorCodes.Invalid, e.Message); // an unknown field name
        }
        Func<TJson, object?>? sortKey = null;
        bool byId = query.SortField is null || query.SortField.Equals("id", StringComparison.OrdinalIgnoreCase);
        if (!byId && !_fields.TryGet(query.SortField!, out sortKey))
        {
            throw ApiProblemException.Field(ListQuery.SortNameKey, ErrorCodes.Invalid, $"cannot sort by '{query.SortField}'");
        }

        var textFields = query.Q is null ? null : _freeTextFields.Select(f => _fields.TryGet(f, out var g) ? g : throw new UnreachableException(f)).ToArray();
        bool needsJson = filter is not null || textFields is not null || sortKey is not null;

        var matches = new List<TRecord>();
        var keys = sortKey is null ? null : new List<object?>();
        int unfiltered = 0;
        foreach (var record in all)
        {
            if (!inScope(record))
            {
                continue;
            }

            unfiltered++;
            if (!needsJson)
            {
                matches.Add(record);
                continue;
            }
            var json = project(record);
            if (filter is not null && !filter(json))
            {
                continue;
            }

            if (textFields is not null && !textFields.Any(g => PropertyTable<TJson>.AsText(g(json))?.Contains(query.Q!, StringComparison.OrdinalIgnoreCase) == true))
            {
                continue;
            }

            matches.Add(record);
            keys?.Add(sortKey!(json));
        }

        var array = matches.ToArray();
        if (keys is not null)
        {
            // Stable on ties, in either direction: equal keys keep id order (records arrive in id order).
            int direction = query.Descending ? -1 : 1;
            var order = Enumerable.Range(0, array.Length).ToArray();
            var keyArray = keys.ToArray();
            Array.Sort(order, (a, b) =>
            {
                int c = direction * PropertyTable<TJson>.Compare(keyArray[a], keyArray[b]);
                return c != 0 ? c : a.CompareTo(b);
            });
            array = order.Select(i => matches[i]).ToArray();
        }
        else if (query.Descending)
        {
            Array.Reverse(array); // by id
        }
        return new Result(array, unfiltered);
    }

    private sealed record Entry(long Version, Lazy<Result> Value);
}
