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
                return Unauthorized(operation, details, status, global, fields);
            case 403:
                return Forbidden(operation, null, suffix, status, global, fields);
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

    /// <summary>
    /// The roles the module needs, by the names Ivanti's admin portal uses (docs/reference/ivanti-api.md#roles):
    /// said in every 401/403 so the admin knows what to grant without reading the documentation.
    /// </summary>
    internal const string RequiredRoles = "'User Management' (to create, find and delete users) and 'Device Management' in each device space used "
        + "(to list and reassign devices); Ivanti's API guide asks for 'Tenant Admin' for account creation and reassignment";

    /// <summary>
    /// A 401 is not always a wrong password: Basic authentication is refused for an account with MFA on, and a
    /// suspended tenant (lapsed licence) refuses every call with its own message (reference §10, §11). The
    /// tenant's message comes first; it never holds the password, which the module never echoes.
    /// </summary>
    private static NeuronsApiException Unauthorized(string operation, string tenantMessage, HttpStatusCode status,
        IReadOnlyList<string> global, IReadOnlyList<NeuronsFieldError> fields)
    {
        string said = tenantMessage.Length > 0 ? $" The tenant said: \"{tenantMessage}\"." : string.Empty;
        return new NeuronsApiException("Unauthorized", ErrorCategory.AuthenticationError,
            $"The tenant refused the API credentials for {operation} (401).{said} Either the user name or password is wrong, or the account "
            + "cannot use HTTP Basic authentication: an account with multi-factor authentication (MFA) on is always refused. Use an API user "
            + $"(Users > Add > API User; it has no MFA and cannot sign in to the portal) with the roles {RequiredRoles}.", status, global, fields)
        {
            RecommendedAction = "Run Connect-BulkEnroll again with an API user without MFA. If the tenant's message speaks of a licence or "
                + "suspension, no credentials will help: the tenant refuses every call until its administrator renews it.",
        };
    }

    /// <summary>A 403: the API user lacks a role; <paramref name="deviceSpace"/> names where, when the caller knows it.</summary>
    internal static NeuronsApiException Forbidden(string operation, string? deviceSpace, string suffix, HttpStatusCode status = HttpStatusCode.Forbidden,
        IReadOnlyList<string>? global = null, IReadOnlyList<NeuronsFieldError>? fields = null)
    {
        string where = deviceSpace == null ? string.Empty : $" in the device space '{deviceSpace}'";
        return new NeuronsApiException("Forbidden", ErrorCategory.PermissionDenied,
            $"The API user lacks a role needed for {operation}{where} (403){suffix}", status, global, fields)
        {
            Operation = operation,
            RecommendedAction = deviceSpace == null
                ? $"Grant the API user {RequiredRoles} (Admin > Roles)."
                : $"Grant the API user 'Device Management' in the device space '{deviceSpace}' (Admin > Roles), or connect to another space with Connect-BulkEnroll -DeviceSpace.",
        };
    }

    /// <summary>The call a 403 refused, so the refusal can be said again with the device space (<see cref="InDeviceSpace"/>).</summary>
    private string? Operation { get; set; }

    /// <summary>The same refusal, said again for the device space the caller was working in.</summary>
    internal NeuronsApiException InDeviceSpace(string deviceSpace)
    {
        string details = string.Join("; ", GlobalErrors.Concat(FieldErrors.Select(f => f.ToString())));
        return Forbidden(Operation ?? "the request", deviceSpace, details.Length > 0 ? ": " + details : ".", HttpStatusCode.Forbidden, GlobalErrors, FieldErrors);
    }

    /// <summary>
    /// The circuit breaker is open: most recent requests to this tenant failed, so this one was not even sent.
    /// Said once, by the caller, instead of the same network error for every remaining item.
    /// </summary>
    internal static NeuronsApiException TenantUnavailable(string operation, Uri tenant, string? lastSeen, Exception? inner)
        => new NeuronsApiException("TenantUnavailable", ErrorCategory.ConnectionError,
            $"The tenant {tenant.GetLeftPart(UriPartial.Authority)} stopped answering: its recent requests failed"
            + (lastSeen != null ? $" (the last: {lastSeen})" : string.Empty) + $", so {operation} was not sent.", null, inner: inner)
        { RecommendedAction = "Check the tenant's status page, the network and any proxy, then run the same command again: work already done is reported as such and never done twice." };

    /// <summary>Connect-BulkEnroll's -ConnectTimeout ran out before the tenant answered.</summary>
    internal static NeuronsApiException ConnectTimedOut(Uri tenant, TimeSpan limit, string? lastSeen)
        => new NeuronsApiException("ConnectTimeout", ErrorCategory.OperationTimeout,
            $"No answer from {tenant.GetLeftPart(UriPartial.Authority)} within {limit.TotalSeconds:0.#} s (-ConnectTimeout)"
            + (lastSeen != null ? $"; the last attempt: {lastSeen}." : ": not one attempt ended in that time."), null)
        { RecommendedAction = "Check -TenantUri (na1, na2, na3, eu1, ap1... .mobileiron.com), DNS, the network and any proxy; raise -ConnectTimeout for a slow link." };

    internal static NeuronsApiException UnknownHost(string operation, Uri tenant, Exception inner)
        => new NeuronsApiException("Unreachable", ErrorCategory.ConnectionError,
            $"The host name {tenant.Host} is not known to DNS, so {operation} was not sent: is -TenantUri {tenant.GetLeftPart(UriPartial.Authority)} spelled right?", null, inner: inner)
        { RecommendedAction = "Use the address your tenant's admin portal shows (e.g. https://na1.mobileiron.com); from a corporate network, check DNS and any proxy." };

    internal static NeuronsApiException Unreachable(string operation, Uri tenant, Exception inner)
        => new NeuronsApiException("Unreachable", ErrorCategory.ConnectionError,
            $"Could not reach the tenant {tenant.GetLeftPart(UriPartial.Authority)} for {operation}: {inner.Message}", null, inner: inner)
        { RecommendedAction = "Check -TenantUri, the network and any proxy." };

    internal static NeuronsApiException CertificateRejected(string operation, Uri tenant, Exception inner)
        => new NeuronsApiException("CertificateRejected", ErrorCategory.SecurityError,
            $"The TLS certificate of {tenant.GetLeftPart(UriPartial.Authority)} is not trusted, so {operation} was not sent: {inner.InnerException?.Message ?? inner.Message}", null, inner: inner)
        { RecommendedAction = "Trust the tenant's certificate chain on this machine, or pin its certificate with Connect-BulkEnroll -TrustedCertificateSha256. Only for a tenant on this machine (the sandbox) may -SkipCertificateCheck be used." };

    /// <summary>
    /// <paramref name="wholeCall"/>: the -MaxRetryDuration budget ran out, not one attempt's -RequestTimeout.
    /// <paramref name="lastSeen"/>: what the tenant last answered (a 429 and its Retry-After, a 5xx), which is
    /// usually the real reason and tells the admin which knob to turn.
    /// </summary>
    internal static NeuronsApiException TimedOut(string operation, TimeSpan limit, bool wholeCall, string? lastSeen, Exception inner)
        => new NeuronsApiException("Timeout", ErrorCategory.OperationTimeout,
            $"{Capitalize(operation)} did not complete within {limit.TotalSeconds:0.#} s ({(wholeCall ? "-MaxRetryDuration, retries included" : "-RequestTimeout of the last attempt")})"
            + (lastSeen != null ? $"; the tenant's last answer: {lastSeen}." : "."), null, inner: inner)
        {
            RecommendedAction = lastSeen != null && lastSeen.Contains("429")
                ? "The tenant is throttling: lower -ThrottleLimit or Connect-BulkEnroll -MaxConcurrentRequests, or raise -MaxRetryDuration."
                : "Raise -RequestTimeout or -MaxRetryDuration on Connect-BulkEnroll.",
        };

    internal static NeuronsApiException Malformed(string operation, Exception inner)
        => new NeuronsApiException("MalformedResponse", ErrorCategory.ProtocolError,
            $"The tenant's answer to {operation} was not the documented JSON envelope: {inner.Message} Run the command again; if the answer "
            + "is garbled again, a proxy or gateway may be rewriting it or the tenant's API has changed: Test-BulkEnrollTenant checks each call the module relies on.",
            null, inner: inner);

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
