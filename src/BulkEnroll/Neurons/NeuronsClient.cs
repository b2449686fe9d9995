using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Concurrency;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace BulkEnroll.Neurons;

/// <summary>
/// The one HTTP layer for the Neurons for MDM REST API: pre-emptive Basic auth, the JSON envelope, form bodies,
/// paging, resilience and the request gate. Typed calls live in <see cref="TenantApi"/>, <see cref="AccountsApi"/>
/// and <see cref="DevicesApi"/>. Thread-safe; one instance per connection.
/// </summary>
internal sealed partial class NeuronsClient : IDisposable
{
    public const int MaxPageSize = 500;

    private static readonly string UserAgent = "BulkEnroll/" + typeof(NeuronsClient).Assembly.GetName().Version;

    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _idempotent;
    private readonly ResiliencePipeline<HttpResponseMessage> _unsafe;
    private readonly AuthenticationHeaderValue _authorization;
    private readonly Transport.NeuronsTransport? _transport;

    public NeuronsClient(Uri tenantUri, string userName, string password, NeuronsClientOptions options, HttpMessageHandler? handler = null)
    {
        TenantUri = new Uri(tenantUri.GetLeftPart(UriPartial.Authority) + "/");
        Options = options;
        Gate = new RequestGate(options.MaxConcurrentRequests, options.MaxRequestsPerSecond);
        _transport = handler == null ? new Transport.NeuronsTransport(options) : null;
        _http = new HttpClient(handler ?? _transport!.Handler, disposeHandler: true) { BaseAddress = TenantUri, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.ExpectContinue = false; // a round trip per POST for nothing: bodies are small
        // Pre-emptive: the API does not answer with a challenge the way .NET's credential handling expects
        // (docs/reference/ivanti-api.md#authentication), so the header goes with every request.
        _authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userName + ":" + password)));
        ResiliencePipeline<HttpResponseMessage> breaker = Resilience.CreateBreaker(options, lastSeen =>
        {
            ClientLog.Verbose($"The tenant {TenantUri.Host} looks down ({lastSeen}); calls fail at once for {Resilience.BreakerBreakDuration.TotalSeconds:0} s.");
            TenantStoppedAnswering?.Invoke(lastSeen);
        });
        _idempotent = Resilience.Create(options, idempotent: true, breaker);
        _unsafe = Resilience.Create(options, idempotent: false, breaker);
    }

    /// <summary>
    /// Raised when the circuit breaker opens. Work that spans many calls (an assignment run) ends on it at once,
    /// rather than when each of its calls, asleep between retries, next wakes up to find the breaker open.
    /// </summary>
    public event Action<string>? TenantStoppedAnswering;

    /// <summary>What the last failed attempt on this connection ended with (a status, "no answer: ..."), for errors
    /// that would otherwise only say "timed out".</summary>
    public string? LastFailure => _lastFailure;

    private volatile string? _lastFailure;

    public Uri TenantUri { get; }

    public NeuronsClientOptions Options { get; }

    public RequestGate Gate { get; }

    public Task<T> GetAsync<T>(string path, QueryBuilder? query, string operation, CancellationToken cancellationToken)
        => SendAsync<T>(HttpMethod.Get, path, query, null, idempotent: true, operation, cancellationToken);

    /// <summary>A form-encoded call. <paramref name="idempotent"/> false means it is only retried when it cannot have been applied.</summary>
    public Task<T> SendFormAsync<T>(HttpMethod method, string path, QueryBuilder? query, IReadOnlyList<KeyValuePair<string, string>> form,
        bool idempotent, string operation, CancellationToken cancellationToken)
        => SendAsync<T>(method, path, query, form, idempotent, operation, cancellationToken);

    /// <summary>
    /// Every result of a search, page by page (<c>rows</c>/<c>start</c>), streamed in order. After the first page
    /// says how many there are, up to <paramref name="parallelPages"/> further pages are fetched at once; memory
    /// holds at most that many pages whatever the total.
    /// </summary>
    public async IAsyncEnumerable<T> SearchAsync<T>(string path, QueryBuilder query, int parallelPages, string operation,
        [EnumeratorCancellation] CancellationToken cancellationToken, int pageSize = MaxPageSize)
    {
        SearchPage<T> first = await GetPageAsync<T>(path, query, 0, pageSize, operation, cancellationToken).ConfigureAwait(false);
        List<T> firstItems = first.SearchResults ?? new List<T>();
        foreach (T item in firstItems)
        {
            yield return item;
        }

        long total = first.TotalCount;
        // Some calls cap rows below what was asked (50 for database-backed lists: docs/reference/ivanti-api.md#paging).
        int step = firstItems.Count > 0 && firstItems.Count < pageSize ? firstItems.Count : pageSize;
        if (firstItems.Count == 0 || firstItems.Count >= total)
        {
            yield break;
        }

        IEnumerable<long> starts = Starts(firstItems.Count, total, step);
        await foreach (SearchPage<T> page in OrderedConcurrency.SelectAsync(starts,
            (start, ct) => GetPageAsync<T>(path, query, start, step, operation, ct), parallelPages, cancellationToken).ConfigureAwait(false))
        {
            List<T> items = page.SearchResults ?? new List<T>();
            foreach (T item in items)
            {
                yield return item;
            }

            // The set shrank while we were paging (devices retired, filter no longer matching): stop at its end.
            if (items.Count < step)
            {
                yield break;
            }
        }
    }

    private static IEnumerable<long> Starts(long first, long total, int step)
    {
        for (long start = first; start < total; start += step)
        {
            yield return start;
        }
    }

    /// <summary>
    /// One page of a search. <paramref name="firstBytes"/>, if given, is told the search's length as soon as the
    /// answer's first bytes say it, before the page's records have arrived, or that the records came first; again if
    /// the call is retried. Only device pages have first bytes read as they arrive (<see cref="Reading.DevicePageReader"/>).
    /// </summary>
    public Task<SearchPage<T>> GetPageAsync<T>(string path, QueryBuilder query, long start, int rows, string operation, CancellationToken cancellationToken,
        TotalCountListener? firstBytes = null)
    {
        QueryBuilder paged = query.Clone().Add("rows", rows).Add("start", start);
        return SendAsync<SearchPage<T>>(HttpMethod.Get, path, paged, null, idempotent: true, operation, cancellationToken, firstBytes);
    }

    public void Dispose()
    {
        _http.Dispose();
        Gate.Dispose();
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, QueryBuilder? query, IReadOnlyList<KeyValuePair<string, string>>? form,
        bool idempotent, string operation, CancellationToken cancellationToken, TotalCountListener? firstBytes = null)
    {
        string relative = path.TrimStart('/') + (query?.ToString() ?? string.Empty);
        ResiliencePipeline<HttpResponseMessage> pipeline = idempotent ? _idempotent : _unsafe;
        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Resilience.OperationKey, operation);
        var attempt = new Attempt<T>(this, method, relative, form, operation, firstBytes);
        Outcome<HttpResponseMessage> outcome;
        try
        {
            outcome = await pipeline.ExecuteOutcomeAsync(
                async (ctx, state) =>
                {
                    try
                    {
                        HttpResponseMessage response = await state.RunAsync(ctx.CancellationToken).ConfigureAwait(false);
                        if (!response.IsSuccessStatusCode)
                        {
                            state.Saw(Resilience.Describe(response));
                        }

                        return Outcome.FromResult(response);
                    }
                    catch (Exception e)
                    {
                        // A cancelled attempt (Ctrl+C, or a timeout Polly reports itself) says nothing about the tenant.
                        if (!(e is OperationCanceledException))
                        {
                            state.Saw(Resilience.Describe(e));
                        }

                        return Outcome.FromException<HttpResponseMessage>(e);
                    }
                },
                context,
                attempt).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (outcome.Exception != null)
        {
            throw Translate(outcome.Exception, operation, idempotent, attempt.LastSeen, cancellationToken);
        }

        using HttpResponseMessage response = outcome.Result!;
        if (response.IsSuccessStatusCode)
        {
            return attempt.Result!;
        }

        byte[] body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        NeuronsApiException failure = NeuronsApiException.FromResponse(response.StatusCode, operation, TryReadErrors(body));
        // A server error after a change was sent says nothing about whether it was applied.
        failure.OutcomeUnknown = !idempotent && (int)response.StatusCode >= 500;
        throw failure;
    }

    /// <summary>
    /// One try of a call: send, and for a success parse the body straight from the network (a 500-device page is
    /// ~600 KB; it is never buffered whole), all while holding the gate slot, so a connection that breaks
    /// mid-body is retried like one that broke before the headers. Other answers are buffered (they are small) for
    /// the retry decision and the error message.
    /// </summary>
    private sealed class Attempt<T>
    {
        private readonly NeuronsClient _client;
        private readonly HttpMethod _method;
        private readonly string _relative;
        private readonly IReadOnlyList<KeyValuePair<string, string>>? _form;
        private readonly string _operation;
        private readonly TotalCountListener? _firstBytes;

        public Attempt(NeuronsClient client, HttpMethod method, string relative, IReadOnlyList<KeyValuePair<string, string>>? form, string operation,
            TotalCountListener? firstBytes)
        {
            _client = client;
            _method = method;
            _relative = relative;
            _form = form;
            _operation = operation;
            _firstBytes = firstBytes;
        }

        public T? Result { get; private set; }

        /// <summary>What the last failed try of this call ended with.</summary>
        public string? LastSeen { get; private set; }

        public void Saw(string outcome)
        {
            LastSeen = outcome;
            _client._lastFailure = outcome;
        }

        public async Task<HttpResponseMessage> RunAsync(CancellationToken cancellationToken)
        {
            using IDisposable slot = await _client.Gate.EnterAsync(cancellationToken).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            using var request = new HttpRequestMessage(_method, _relative);
            request.Headers.Authorization = _client._authorization;
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.UserAgent.ParseAdd(UserAgent);
            if (_form != null)
            {
                request.Content = new FormUrlEncodedContent(_form);
            }

            HttpResponseMessage response = await _client._http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            try
            {
                int status = (int)response.StatusCode;
                if (ClientLog.DebugEnabled)
                {
                    ClientLog.Debug($"{_method} /{StripQueryValues(_relative)} -> {status} in {clock.ElapsedMilliseconds} ms");
                }

                if (status == 429)
                {
                    _client.Gate.OnThrottled();
                }
                else if (status < 500)
                {
                    _client.Gate.OnSuccess();
                }

                if (status >= 300 && status < 400)
                {
                    Uri? location = response.Headers.Location;
                    throw NeuronsApiException.RedirectRefused(_operation, location == null ? _client.TenantUri : new Uri(_client.TenantUri, location));
                }

                if (response.IsSuccessStatusCode)
                {
                    Result = await ReadResultAsync<T>(response, _operation, _firstBytes, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                }

                return response;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
    }

    private static async Task<T> ReadResultAsync<T>(HttpResponseMessage response, string operation, TotalCountListener? firstBytes, CancellationToken cancellationToken)
    {
        ApiEnvelope<T>? envelope;
        try
        {
            using Stream body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            // Pages of devices, what a listing reads by the hundred, are read as they arrive by code of our own (Reading/).
            envelope = typeof(T) == typeof(SearchPage<Records.DeviceRecord>)
                ? (ApiEnvelope<T>?)(object?)await Reading.DevicePageReader.ReadAsync(body, firstBytes, cancellationToken).ConfigureAwait(false)
                : await JsonSerializer.DeserializeAsync<ApiEnvelope<T>>(body, Json.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw NeuronsApiException.Malformed(operation, e);
        }

        if (envelope == null)
        {
            throw NeuronsApiException.Malformed(operation, new InvalidDataException("The body was empty."));
        }

        if (envelope.Errors != null && ((envelope.Errors.GlobalErrors?.Count ?? 0) > 0 || (envelope.Errors.FieldErrors?.Count ?? 0) > 0))
        {
            throw NeuronsApiException.FromResponse(HttpStatusCode.BadRequest, operation, envelope.Errors);
        }

        return envelope.Result!;
    }

    private static ApiErrors? TryReadErrors(byte[] body)
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize<ApiEnvelope<JsonElement>>(body, Json.Options)?.Errors;
        }
        catch (JsonException)
        {
            return null; // Proxies and load balancers answer errors in HTML; the status code says enough.
        }
    }

    private Exception Translate(Exception exception, string operation, bool idempotent, string? lastSeen, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return new OperationCanceledException(cancellationToken);
        }

        if (exception is BulkEnrollException)
        {
            return exception;
        }

        if (exception is TimeoutRejectedException timeout)
        {
            bool wholeCall = timeout.Timeout == Options.MaxRetryDuration;
            return WithOutcome(NeuronsApiException.TimedOut(operation, timeout.Timeout, wholeCall, lastSeen, exception), !idempotent);
        }

        if (exception is BrokenCircuitException)
        {
            // Not sent at all: nothing can have been applied by this call.
            return NeuronsApiException.TenantUnavailable(operation, TenantUri, lastSeen ?? LastFailure, exception);
        }

        if (Transport.TransportErrors.Describe(exception, operation, TenantUri, _transport) is NeuronsApiException transportFailure)
        {
            return transportFailure;
        }

        if (Resilience.IsUnknownHost(exception))
        {
            return NeuronsApiException.UnknownHost(operation, TenantUri, exception);
        }

        bool neverSent = Resilience.NeverReachedServer(exception);
        return WithOutcome(NeuronsApiException.Unreachable(operation, TenantUri, exception), !idempotent && !neverSent);
    }

    // Never echo query values into Debug output: they hold user names and filters, not secrets, but keep
    // the story short and the log free of personal data beyond what the user asked for.
    private static string StripQueryValues(string relative)
    {
        int question = relative.IndexOf('?');
        return question < 0 ? relative : relative.Substring(0, question) + "?…";
    }

    private static NeuronsApiException WithOutcome(NeuronsApiException exception, bool outcomeUnknown)
    {
        exception.OutcomeUnknown = outcomeUnknown;
        return exception;
    }
}
