using System.Globalization;
using BulkEnroll.Sandbox.Tenant;
using Microsoft.Extensions.Primitives;

namespace BulkEnroll.Sandbox.Api;

/// <summary>Reading parameters the way the API takes them, with field errors for bad ones.</summary>
internal static class RequestValues
{
    /// <summary>Form fields for PUT/POST (the API's bodies are form-encoded); the query string as a fallback [I].</summary>
    public static StringValues FormOrQuery(HttpContext ctx, string key)
    {
        if (ctx.Request.HasFormContentType && ctx.Request.Form.TryGetValue(key, out var v))
        {
            return v;
        }

        return ctx.Request.Query[key];
    }

    /// <summary>Ids given as repeated fields and/or comma-separated, as <paramref name="form"/> allows; at least one required.</summary>
    public static IReadOnlyList<long> IdList(StringValues values, string field, MultiIdForm form)
    {
        if (form is MultiIdForm.Comma or MultiIdForm.Single && values.Count > 1)
        {
            throw ApiProblemException.Field(field, ErrorCodes.TypeMismatch, form == MultiIdForm.Single ? $"{field} takes one id" : $"{field} takes one value; give several ids comma-separated");
        }

        var ids = new List<long>();
        foreach (var value in values)
        {
            if (form is MultiIdForm.Repeated or MultiIdForm.Single && (value ?? "").Contains(','))
            {
                throw ApiProblemException.Field(field, ErrorCodes.TypeMismatch, $"'{value}' is not a number");
            }

            foreach (var part in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!long.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out long id))
                {
                    throw ApiProblemException.Field(field, ErrorCodes.TypeMismatch, $"'{part}' is not a number");
                }

                ids.Add(id);
            }
        }
        if (ids.Count == 0)
        {
            throw ApiProblemException.Field(field, ErrorCodes.Required, "may not be empty");
        }

        return ids;
    }

    public static long RequiredLong(StringValues values, string field)
    {
        string text = values.ToString();
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ApiProblemException.Field(field, ErrorCodes.Required, "may not be empty");
        }

        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value))
        {
            throw ApiProblemException.Field(field, ErrorCodes.TypeMismatch, $"'{text}' is not a number");
        }

        return value;
    }

    /// <summary>The dmPartitionId every device read takes (docs/reference/ivanti-api.md#device-spaces). [I] An id that names no space is a
    /// field error rather than a 403 or 404.</summary>
    public static SandboxSpace RequiredSpace(HttpContext ctx, TenantState tenant)
    {
        long id = RequiredLong(ctx.Request.Query["dmPartitionId"], "dmPartitionId");
        return tenant.Spaces.FirstOrDefault(s => s.Id == id)
            ?? throw ApiProblemException.Field("dmPartitionId", ErrorCodes.Invalid, $"no device space {id}");
    }

    public static long RouteId(HttpContext ctx) =>
        long.Parse((string)ctx.Request.RouteValues["id"]!, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
