using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Text.Json;

namespace BulkEnroll.Neurons;

/// <summary>A call the tenant answered with an error, or could not be completed.</summary>
public sealed class NeuronsApiException : BulkEnrollException
{
    internal NeuronsApiException(string errorId, ErrorCategory category, string message, HttpStatusCode? statusCode,
        IReadOnlyList<string>? globalErrors = null, IReadOnlyList<NeuronsFieldError>? fieldErrors = null, Exception? inner = null)
        : base(errorId, category, message, null, inner)
    {
        StatusCode = statusCode;
        GlobalErrors = globalErrors ?? Array.Empty<string>();
        FieldErrors = fieldErrors ?? Array.Empty<NeuronsFieldError>();
    }

    public HttpStatusCode? StatusCode { get; }

    public IReadOnlyList<string> GlobalErrors { get; }

    public IReadOnlyList<NeuronsFieldError> FieldErrors { get; }

    /// <summary>True when the request may or may not have been applied (connection lost after sending).</summary>
    public bool OutcomeUnknown { get; internal set; }

    internal bool HasFieldError(string field, string? code = null)
        => FieldErrors.Any(f => string.Equals(f.Field, field, StringComparison.OrdinalIgnoreCase)
            && (code == null || string.Equals(f.Code, code, StringComparison.OrdinalIgnoreCase)));

    internal static NeuronsApiException FromResponse(HttpStatusCode status, string operation, ApiErrors? errors)
    {
        List<string> global = errors?.GlobalErrors?.Select(DescribeGlobalError).Where(s => s.Length > 0).ToList() ?? new List<string>();
        List<NeuronsFieldError> fields = errors?.FieldErrors?.Select(f => new NeuronsFieldError(f.Field, f.Code, f.Message)).ToList()
            ?? new List<NeuronsFieldError>();
        string details = string.Join("; ", global.Concat(fields.Select(f => f.ToString())));
        string suffix = details.Length > 0 ? ": " + details : ".";

        switch ((int)status)
        {
            case 400:
                return new NeuronsApiException("InvalidRequest", ErrorCategory.InvalidArgument, $"The tenant rejected {operation}{suffix}", status, global, fields);
            case 401:
                return new NeuronsApiException("Unauthorized", ErrorCategory.AuthenticationError,
                    $"The tenant did not accept the API credentials for {operation} (401). Check the user name and password of the API user.", status, global, fields)
                { RecommendedAction = "Run Connect-BulkEnroll again with the credentials of an Ivanti API user." };
            case 403:
                return new NeuronsApiException("Forbidden", ErrorCategory.PermissionDenied,
                    $"The API user lacks a role needed for {operation} (403){suffix}", status, global, fields)
                { RecommendedAction = "Grant the API user 'User Management' and 'Device Management' in the device space (Admin > Roles)." };
            case 404:
                return new NeuronsApiException("NotFound", ErrorCategory.ObjectNotFound, $"The tenant found nothing for {operation} (404){suffix}", status, global, fields);
            case 429:
                return new NeuronsApiException("Throttled", ErrorCategory.LimitsExceeded,
                    $"The tenant kept throttling {operation} (429) after every retry allowed{suffix}", status, global, fields)
                { RecommendedAction = "Lower -ThrottleLimit or -MaxConcurrentRequests, or raise -MaxRetryCount / -MaxRetryDuration on Connect-BulkEnroll." };
            default:
                int code = (int)status;
                return code >= 500
                    ? new NeuronsApiException("ServerError", ErrorCategory.ConnectionError, $"The tenant failed {operation} ({code}) after every retry allowed{suffix}", status, global, fields)
                    : new NeuronsApiException("UnexpectedResponse", ErrorCategory.ProtocolError, $"The tenant answered {operation} with HTTP {code}{suffix}", status, global, fields);
        }
    }

    internal static NeuronsApiException Unreachable(string operation, Uri tenant, Exception inner)
        => new NeuronsApiException("Unreachable", ErrorCategory.ConnectionError,
            $"Could not reach the tenant {tenant.GetLeftPart(UriPartial.Authority)} for {operation}: {inner.Message}", null, inner: inner)
        { RecommendedAction = "Check -TenantUri, the network and any proxy." };

    internal static NeuronsApiException CertificateRejected(string operation, Uri tenant, Exception inner)
        => new NeuronsApiException("CertificateRejected", ErrorCategory.SecurityError,
            $"The TLS certificate of {tenant.GetLeftPart(UriPartial.Authority)} is not trusted, so {operation} was not sent: {inner.InnerException?.Message ?? inner.Message}", null, inner: inner)
        { RecommendedAction = "Trust the tenant's certificate chain on this machine, or pin its certificate with Connect-BulkEnroll -TrustedCertificateSha256. Only for a tenant on this machine (the sandbox) may -SkipCertificateCheck be used." };

    /// <summary><paramref name="wholeCall"/>: the -MaxRetryDuration budget ran out, not one attempt's -RequestTimeout.</summary>
    internal static NeuronsApiException TimedOut(string operation, TimeSpan limit, bool wholeCall, Exception inner)
        => new NeuronsApiException("Timeout", ErrorCategory.OperationTimeout,
            $"{Capitalize(operation)} did not complete within {limit.TotalSeconds:0.#} s ({(wholeCall ? "-MaxRetryDuration, retries included" : "-RequestTimeout of the last attempt")}).", null, inner: inner)
        { RecommendedAction = "Raise -RequestTimeout or -MaxRetryDuration on Connect-BulkEnroll." };

    internal static NeuronsApiException Malformed(string operation, Exception inner)
        => new NeuronsApiException("MalformedResponse", ErrorCategory.ProtocolError,
            $"The tenant's answer to {operation} was not the documented JSON envelope: {inner.Message}", null, inner: inner);

    internal static NeuronsApiException RedirectRefused(string operation, Uri target)
        => new NeuronsApiException("RedirectRefused", ErrorCategory.SecurityError,
            $"The tenant redirected {operation} to {target.GetLeftPart(UriPartial.Authority)}; credentials are only ever sent to the connected tenant, so the redirect was not followed.", null);

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s.Substring(1);

    private static string DescribeGlobalError(JsonElement error)
    {
        switch (error.ValueKind)
        {
            case JsonValueKind.String:
                return error.GetString() ?? string.Empty;
            case JsonValueKind.Object:
                string? message = TryGetString(error, "message");
                string? code = TryGetString(error, "code");
                return message != null && code != null ? $"{message} ({code})" : message ?? code ?? error.GetRawText();
            default:
                return error.ValueKind == JsonValueKind.Null ? string.Empty : error.GetRawText();
        }
    }

    private static string? TryGetString(JsonElement element, string name)
        => element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

public sealed class NeuronsFieldError
{
    public NeuronsFieldError(string? field, string? code, string? message)
    {
        Field = field;
        Code = code;
        Message = message;
    }

    public string? Field { get; }

    public string? Code { get; }

    public string? Message { get; }

    public override string ToString() => $"{Field}: {Message ?? Code}";
}
