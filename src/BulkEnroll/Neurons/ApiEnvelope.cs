using System.Collections.Generic;
using System.Text.Json;

namespace BulkEnroll.Neurons;

/// <summary>The documented response shape of every call: <c>{"errors": null | {...}, "result": ...}</c>.</summary>
internal sealed class ApiEnvelope<T>
{
    public ApiErrors? Errors { get; set; }

    public T? Result { get; set; }
}

internal sealed class ApiErrors
{
    // The guide shows globalErrors only as "list or null"; entries are read loosely (strings or objects).
    public List<JsonElement>? GlobalErrors { get; set; }

    public List<ApiFieldError>? FieldErrors { get; set; }
}

internal sealed class ApiFieldError
{
    public string? Code { get; set; }

    public string? Message { get; set; }

    public string? Field { get; set; }
}

/// <summary>The list result: <c>{"totalCount", "searchResults", "offset", "limit", ...}</c>.</summary>
internal sealed class SearchPage<T>
{
    public long TotalCount { get; set; }

    public List<T>? SearchResults { get; set; }

    public long Offset { get; set; }

    public long Limit { get; set; }
}
