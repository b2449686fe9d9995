using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace BulkEnroll.Neurons;

/// <summary>
/// Composes <c>fq</c> filters from equality terms joined with <c>and</c>/<c>or</c>, the forms public code shows
/// working (docs/reference/ivanti-api.md#filters). Values outside a plain token alphabet are not sent: how the API wants quotes and
/// escapes is unknown [GAP], so such filters stay on the client.
/// </summary>
internal sealed class FilterBuilder
{
    private static readonly Regex PlainToken = new Regex("^[A-Za-z0-9_.@-]+$", RegexOptions.CultureInvariant);
    private readonly List<string> _terms = new List<string>();

    public static bool CanSend(string value) => PlainToken.IsMatch(value);

    public FilterBuilder Equal(string field, string value)
    {
        _terms.Add(field + "=" + value);
        return this;
    }

    public FilterBuilder Equal(string field, long value) => Equal(field, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>field equals any of the values; one value needs no parentheses.</summary>
    public FilterBuilder AnyOf(string field, IReadOnlyCollection<string> values)
    {
        if (values.Count == 1)
        {
            return Equal(field, values.First());
        }

        _terms.Add("(" + string.Join(" or ", values.Select(v => field + "=" + v)) + ")");
        return this;
    }

    public override string ToString() => string.Join(" and ", _terms);
}
