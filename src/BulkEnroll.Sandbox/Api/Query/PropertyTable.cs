using System.Globalization;
using System.Text.Json.Serialization.Metadata;

namespace BulkEnroll.Sandbox.Api.Query;

/// <summary>The JSON properties of a wire type, by name (case-insensitive), with their getters. Built from the
/// source-generated metadata, so fq, q and sorting see exactly the names and values the client sees.</summary>
internal sealed class PropertyTable<T> where T : class
{
    private readonly Dictionary<string, Func<T, object?>> _getters = new(StringComparer.OrdinalIgnoreCase);

    public PropertyTable(JsonTypeInfo<T> info, IReadOnlyDictionary<string, string>? aliases = null)
    {
        foreach (var property in info.Properties)
        {
            var get = property.Get ?? throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} has no getter");
            _getters[property.Name] = item => get(item);
        }
        foreach (var (alias, target) in aliases ?? new Dictionary<string, string>())
        {
            _getters[alias] = _getters[target];
        }
    }

    public bool TryGet(string name, out Func<T, object?> getter) => _getters.TryGetValue(name, out getter!);

    /// <summary>The text a filter compares against; null for null and for non-scalar values.</summary>
    public static string? AsText(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>Orders nulls first, numbers numerically, booleans false first, text case-insensitively.</summary>
    public static int Compare(object? a, object? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (long x, long y) => x.CompareTo(y),
        (int x, int y) => x.CompareTo(y),
        (bool x, bool y) => x.CompareTo(y),
        (string x, string y) => StringComparer.OrdinalIgnoreCase.Compare(x, y),
        _ => StringComparer.OrdinalIgnoreCase.Compare(AsText(a), AsText(b)),
    };
}
