using System.Globalization;

namespace BulkEnroll.Sandbox.Api.Query;

/// <summary>The search parameters shared by account and device lists (docs/reference/ivanti-api.md#paging).</summary>
internal sealed record ListQuery(string? Q, string? FqText, FqExpression? Fq, int Rows, int Start, string? SortField, bool Descending)
{
    /// <summary>Documented maximum page size; more is a 400 (S1, S2).</summary>
    public const int MaxRows = 500;

    /// <summary>[I] Page size when rows is absent (not documented).</summary>
    public const int DefaultRows = 50;

    public const string SortNameKey = "sortFields[0].name";
    public const string SortOrderKey = "sortFields[0].order";

    /// <summary>Reads q, fq, rows, start and sortFields[0].*; throws <see cref="ApiProblemException"/> with
    /// field errors for bad values. Several fq parameters are combined with AND [I].</summary>
    public static ListQuery Parse(IQueryCollection query, bool refuseOr = false)
    {
        var errors = new List<FieldError>();
        int rows = DefaultRows;
        if (query.TryGetValue("rows", out var rowsText))
        {
            if (!int.TryParse(rowsText.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out rows) || rows is < 1 or > MaxRows)
            {
                errors.Add(new FieldError(ErrorCodes.Range, $"must be between 1 and {MaxRows}", "rows"));
            }
        }
        int start = 0;
        if (query.TryGetValue("start", out var startText))
        {
            if (!int.TryParse(startText.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out start) || start < 0)
            {
                errors.Add(new FieldError(ErrorCodes.Range, "must be 0 or more", "start"));
            }
        }
        string? sortField = NullIfEmpty(query[SortNameKey].ToString());
        bool descending = false;
        string? order = NullIfEmpty(query[SortOrderKey].ToString());
        if (order is not null)
        {
            if (order.Equals("DESC", StringComparison.OrdinalIgnoreCase))
            {
                descending = true;
            }
            else if (!order.Equals("ASC", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new FieldError(ErrorCodes.Invalid, "must be ASC or DESC", SortOrderKey));
            }
        }
        var fqParts = query["fq"].Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f!).ToArray();
        string? fqText = fqParts.Length == 0 ? null : fqParts.Length == 1 ? fqParts[0] : string.Join(" and ", fqParts.Select(f => $"({f})"));
        FqExpression? fq = null;
        try
        {
            fq = FqParser.Parse(fqText);
            if (refuseOr && fq is not null && HasOr(fq))
            {
                errors.Add(new FieldError(ErrorCodes.Invalid, "or is not supported in fq", "fq"));
            }
        }
        catch (FqSyntaxException e)
        {
            errors.Add(new FieldError(ErrorCodes.Invalid, e.Message, "fq"));
        }
        if (errors.Count > 0)
        {
            throw ApiProblemException.Fields(errors);
        }

        return new ListQuery(NullIfEmpty(query["q"].ToString()?.Trim()), fqText, fq, rows, start, sortField, descending);
    }

    /// <summary>What the filtered and sorted list depends on (not the page).</summary>
    public string CacheKey(string scope) => string.Join('\u001f', scope, Q, FqText, SortField?.ToLowerInvariant(), Descending);

    private static bool HasOr(FqExpression e) => e switch
    {
        FqOr => true,
        FqAnd and => HasOr(and.Left) || HasOr(and.Right),
        _ => false,
    };

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
