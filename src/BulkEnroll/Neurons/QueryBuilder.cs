using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace BulkEnroll.Neurons;

/// <summary>
/// Builds query strings the way the API's callers do: every value escaped (the brackets of
/// <c>sortFields[0].name</c> included, as docs/reference/ivanti-api.md#sorting shows), parameters in the order added.
/// </summary>
internal sealed class QueryBuilder
{
    private readonly List<KeyValuePair<string, string>> _parameters = new List<KeyValuePair<string, string>>();

    public QueryBuilder Add(string name, string? value)
    {
        if (value != null)
        {
            _parameters.Add(new KeyValuePair<string, string>(name, value));
        }

        return this;
    }

    public QueryBuilder Add(string name, long value) => Add(name, value.ToString(CultureInfo.InvariantCulture));

    public QueryBuilder SortBy(string field, bool descending = false)
        => Add("sortFields[0].name", field).Add("sortFields[0].order", descending ? "DESC" : "ASC");

    public QueryBuilder Clone()
    {
        var copy = new QueryBuilder();
        copy._parameters.AddRange(_parameters);
        return copy;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (KeyValuePair<string, string> parameter in _parameters)
        {
            text.Append(text.Length == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(parameter.Key))
                .Append('=')
                .Append(Uri.EscapeDataString(parameter.Value));
        }

        return text.ToString();
    }
}
