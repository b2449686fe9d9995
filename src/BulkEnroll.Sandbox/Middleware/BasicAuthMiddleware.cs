using System.Text;
using BulkEnroll.Sandbox.Api;

namespace BulkEnroll.Sandbox.Middleware;

/// <summary>HTTP Basic, pre-emptive (docs/reference/ivanti-api.md#authentication): credentials must come with the request; a 401
/// carries the challenge header for clients that wait for one.</summary>
internal sealed class BasicAuthMiddleware(IReadOnlyList<SandboxCredentials> users, SandboxControls controls)
{
    public const string Challenge = "Basic realm=\"Ivanti Neurons for MDM\"";

    private readonly Dictionary<string, SandboxCredentials> _users =
        users.ToDictionary(u => u.UserName, StringComparer.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        if (!SandboxPaths.IsApi(ctx))
        {
            return next(ctx);
        }

        if (controls.Current.UnauthorizedMessage is { } suspended)
        {
            // A suspended tenant refuses every call, whatever the credentials.
            return ApiResponses.Error(ctx, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, suspended);
        }

        var user = Authenticate(ctx.Request.Headers.Authorization.ToString());
        if (user is null)
        {
            ctx.Response.Headers.WWWAuthenticate = Challenge;
            return ApiResponses.Error(ctx, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized,
                "Full authentication is required to access this resource: send valid HTTP Basic credentials.");
        }
        ApiUserContext.SetUser(ctx, user);
        return next(ctx);
    }

    private SandboxCredentials? Authenticate(string header)
    {
        const string scheme = "Basic ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[scheme.Length..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }
        int colon = decoded.IndexOf(':');
        if (colon < 0)
        {
            return null;
        }

        return _users.TryGetValue(decoded[..colon], out var user) && user.Password == decoded[(colon + 1)..] ? user : null;
    }
}
