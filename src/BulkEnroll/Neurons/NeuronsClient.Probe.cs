using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace BulkEnroll.Neurons;

/// <summary>
/// Raw calls for Test-BulkEnrollTenant: one try, no retry and no envelope checks, so the conformance checks see
/// exactly what the tenant answered (status, rate-limit headers, the body as JSON). Same auth, gate, headers and
/// query encoding as every other call.
/// </summary>
internal sealed partial class NeuronsClient
{
    public async Task<ProbeResponse> ProbeAsync(HttpMethod method, string path, QueryBuilder? query,
        IReadOnlyList<KeyValuePair<string, string>>? form, bool authenticate, CancellationToken cancellationToken)
    {
        string relative = path.TrimStart('/') + (query?.ToString() ?? string.Empty);
        string sent = method.Method + " /" + relative + (form == null ? string.Empty
            : " (form: " + (form.Count == 0 ? "empty" : string.Join("&", form.Select(f => f.Key + "=" + f.Value))) + ")");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.RequestTimeout);
        try
        {
            using IDisposable slot = await Gate.EnterAsync(timeout.Token).ConfigureAwait(false);
            using var request = new HttpRequestMessage(method, relative);
            if (authenticate)
            {
                request.Headers.Authorization = _authorization;
            }

            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.UserAgent.ParseAdd(UserAgent);
            if (form != null)
            {
                request.Content = new FormUrlEncodedContent(form);
            }

            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            byte[] body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            return new ProbeResponse(sent, (int)response.StatusCode, ParseBody(body), RateLimitHeaders(response), Challenge(response), null);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && (e is HttpRequestException || e is OperationCanceledException))
        {
            string reason = e is OperationCanceledException ? $"no answer within {Options.RequestTimeout.TotalSeconds:0} s" : e.GetBaseException().Message;
            return new ProbeResponse(sent, 0, null, Array.Empty<KeyValuePair<string, string>>(), null, reason);
        }
    }

    private static JsonElement? ParseBody(byte[] body)
    {
        try
        {
            return body.Length == 0 ? null : JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null; // HTML from a proxy or load balancer: the status code tells the story.
        }
    }

    // No header names are documented for /api/v1 [GAP]; these are the common conventions.
    private static IReadOnlyList<KeyValuePair<string, string>> RateLimitHeaders(HttpResponseMessage response)
        => response.Headers
            .Where(h => h.Key.IndexOf("RateLimit", StringComparison.OrdinalIgnoreCase) >= 0
                || h.Key.IndexOf("Rate-Limit", StringComparison.OrdinalIgnoreCase) >= 0
                || h.Key.Equals("Retry-After", StringComparison.OrdinalIgnoreCase))
            .Select(h => new KeyValuePair<string, string>(h.Key, string.Join(",", h.Value)))
            .ToList();

    private static string? Challenge(HttpResponseMessage response)
        => response.Headers.WwwAuthenticate.Count == 0 ? null : string.Join(", ", response.Headers.WwwAuthenticate.Select(h => h.ToString()));
}

/// <summary>One raw answer: status 0 when none came (<see cref="Failure"/> says why).</summary>
internal sealed class ProbeResponse
{
    public ProbeResponse(string sent, int statusCode, JsonElement? body, IReadOnlyList<KeyValuePair<string, string>> rateLimitHeaders,
        string? challenge, string? failure)
    {
        Sent = sent;
        StatusCode = statusCode;
        Body = body;
        RateLimitHeaders = rateLimitHeaders;
        Challenge = challenge;
        Failure = failure;
    }

    public string Sent { get; }

    public int StatusCode { get; }

    public JsonElement? Body { get; }

    public IReadOnlyList<KeyValuePair<string, string>> RateLimitHeaders { get; }

    /// <summary>The WWW-Authenticate header, if any.</summary>
    public string? Challenge { get; }

    public string? Failure { get; }

    public bool Ok => StatusCode >= 200 && StatusCode < 300 && Result != null;

    /// <summary>The envelope's <c>result</c>, when the body is the documented envelope.</summary>
    public JsonElement? Result
        => Body is JsonElement b && b.ValueKind == JsonValueKind.Object && b.TryGetProperty("result", out JsonElement r) && r.ValueKind != JsonValueKind.Null ? r : null;

    /// <summary>The list result's rows, or null when the body is not a list envelope.</summary>
    public IReadOnlyList<JsonElement>? Rows
        => Result is JsonElement r && r.ValueKind == JsonValueKind.Object && r.TryGetProperty("searchResults", out JsonElement rows) && rows.ValueKind == JsonValueKind.Array
            ? rows.EnumerateArray().ToList()
            : null;

    public long? TotalCount
        => Result is JsonElement r && r.ValueKind == JsonValueKind.Object && r.TryGetProperty("totalCount", out JsonElement t) && t.ValueKind == JsonValueKind.Number ? t.GetInt64() : null;

    /// <summary>"field:code" of each field error and the text of each global error.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            var list = new List<string>();
            if (Body is JsonElement b && b.ValueKind == JsonValueKind.Object && b.TryGetProperty("errors", out JsonElement errors) && errors.ValueKind == JsonValueKind.Object)
            {
                if (errors.TryGetProperty("fieldErrors", out JsonElement fields) && fields.ValueKind == JsonValueKind.Array)
                {
                    list.AddRange(fields.EnumerateArray().Select(f => Text(f, "field") + ":" + Text(f, "code")));
                }

                if (errors.TryGetProperty("globalErrors", out JsonElement globals) && globals.ValueKind == JsonValueKind.Array)
                {
                    list.AddRange(globals.EnumerateArray().Select(g => g.ValueKind == JsonValueKind.String ? g.GetString() ?? string.Empty : Text(g, "message")));
                }
            }

            return list;
        }
    }

    /// <summary>The status and, for an error, what the envelope said: "400 (rows:Range)", "no answer: ...".</summary>
    public string Status
        => StatusCode == 0 ? "no answer: " + Failure
            : Errors.Count == 0 ? StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) + " (" + string.Join("; ", Errors) + ")";

    internal static string Text(JsonElement element, string property)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out JsonElement value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : value.ToString()
            : string.Empty;
}
