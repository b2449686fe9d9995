namespace BulkEnroll.Sandbox.Api.Query;

/// <summary>Which values of one field a filter can match at most, so a lookup by keys (the module's
/// <c>(id=1 or id=2 ...)</c> batches) reads those records from the tenant's index instead of scanning the fleet.
/// The full filter is still applied to them: this only narrows what is scanned.</summary>
internal static class FqIndex
{
    /// <summary>The values the filter requires <paramref name="field"/> to equal one of, or null when it does not
    /// restrict the field that way (then every record must be scanned).</summary>
    public static IReadOnlyList<string>? ValuesOf(FqExpression? fq, string field) => fq switch
    {
        FqTerm { Operator: FqOperator.Equal } term when term.Field.Equals(field, StringComparison.OrdinalIgnoreCase) => [term.Value],
        FqOr or => ValuesOf(or.Left, field) is { } l && ValuesOf(or.Right, field) is { } r ? [.. l, .. r] : null,
        FqAnd and => ValuesOf(and.Left, field) ?? ValuesOf(and.Right, field),
        _ => null,
    };
}
