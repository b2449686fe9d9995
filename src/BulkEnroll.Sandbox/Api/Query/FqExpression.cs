namespace BulkEnroll.Sandbox.Api.Query;

/// <summary>A parsed <c>fq</c> filter.</summary>
internal abstract record FqExpression
{
    /// <summary>Binds field names to getters; throws <see cref="FqSyntaxException"/> for an unknown field.</summary>
    public abstract Func<T, bool> Compile<T>(PropertyTable<T> fields) where T : class;
}

internal enum FqOperator { Equal, NotEqual }

internal sealed record FqTerm(string Field, FqOperator Operator, string Value) : FqExpression
{
    public override Func<T, bool> Compile<T>(PropertyTable<T> fields)
    {
        if (!fields.TryGet(Field, out var get))
        {
            throw new FqSyntaxException($"unknown field '{Field}'");
        }

        string value = Value;
        // [I] Comparison is case-insensitive: the real service is search-engine backed and matches emails
        // and enum values whatever their case in the examples public code sends (EMAILADDRESS EQ ...).
        return Operator == FqOperator.Equal
            ? item => string.Equals(PropertyTable<T>.AsText(get(item)), value, StringComparison.OrdinalIgnoreCase)
            : item => !string.Equals(PropertyTable<T>.AsText(get(item)), value, StringComparison.OrdinalIgnoreCase);
    }
}

internal sealed record FqAnd(FqExpression Left, FqExpression Right) : FqExpression
{
    public override Func<T, bool> Compile<T>(PropertyTable<T> fields)
    {
        var l = Left.Compile(fields);
        var r = Right.Compile(fields);
        return item => l(item) && r(item);
    }
}

internal sealed record FqOr(FqExpression Left, FqExpression Right) : FqExpression
{
    public override Func<T, bool> Compile<T>(PropertyTable<T> fields)
    {
        var l = Left.Compile(fields);
        var r = Right.Compile(fields);
        return item => l(item) || r(item);
    }
}

internal sealed class FqSyntaxException(string message) : Exception(message);
