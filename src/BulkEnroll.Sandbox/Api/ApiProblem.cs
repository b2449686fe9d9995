namespace BulkEnroll.Sandbox.Api;

/// <summary>Thrown anywhere while handling an API request to answer with an error envelope; turned into
/// the response by <see cref="Middleware.ApiErrorMiddleware"/>, so handlers can validate in helpers.</summary>
internal sealed class ApiProblemException : Exception
{
    private ApiProblemException(int status, ErrorsJson errors, string message) : base(message)
    {
        Status = status;
        Errors = errors;
    }

    public int Status { get; }
    public ErrorsJson Errors { get; }

    public static ApiProblemException Field(string field, string code, string message) =>
        Fields([new FieldError(code, message, field)]);

    public static ApiProblemException Fields(IReadOnlyList<FieldError> errors) =>
        new(StatusCodes.Status400BadRequest, new ErrorsJson(null, errors), errors[0].Message);

    public static ApiProblemException Global(int status, string code, string message) =>
        new(status, new ErrorsJson([new GlobalError(code, message)], null), message);

    public static ApiProblemException NotFound(string message) => Global(StatusCodes.Status404NotFound, ErrorCodes.NotFound, message);

    public static ApiProblemException Forbidden(string message) => Global(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, message);
}

/// <summary>Error codes the sandbox uses. Range is documented (docs/reference/ivanti-api.md#status-codes); the others are [I].</summary>
internal static class ErrorCodes
{
    public const string Range = "Range";
    public const string Required = "Required";
    public const string TypeMismatch = "TypeMismatch";
    public const string Invalid = "Invalid";
    public const string Email = "Email";
    public const string Duplicate = "Duplicate";
    public const string PasswordComplexity = "PasswordComplexity";
    public const string Unauthorized = "Unauthorized";
    public const string Forbidden = "Forbidden";
    public const string NotFound = "NotFound";
    public const string MethodNotAllowed = "MethodNotAllowed";
    public const string TooManyRequests = "TooManyRequests";
    public const string BadRequest = "BadRequest";
    public const string InternalServerError = "InternalServerError";
    public const string BadGateway = "BadGateway";
    public const string ServiceUnavailable = "ServiceUnavailable";
}
