namespace BulkEnroll.Sandbox.Enrollment;

/// <summary>The Windows MDM enrollment services (MS-MDE2): discovery at the bare base URL and at
/// /EnrollmentServer/Discovery.svc, then the policy (MS-XCEP) and enrollment (MS-WSTEP) services.</summary>
/// <remarks>These paths are outside /api, so no Basic auth, rate limit or injected faults apply (devices are not
/// API users); the request log records them (bodies are never logged, so neither is the Secret), and the latency
/// middleware delays them like any request to a faraway tenant.</remarks>
internal static class EnrollmentEndpoints
{
    /// <summary>Real servers refuse large bodies early; enrollment messages are a few KiB.</summary>
    public const int MaxRequestBytes = 1024 * 1024;

    public static void Map(IEndpointRouteBuilder app, SandboxServices services)
    {
        var ca = new SandboxCertificateAuthority(services.Time);
        app.ServiceProvider.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(ca.Dispose);
        var enrollment = new EnrollmentService(services.Tenant, services.Controls, ca, services.Time);

        // Windows starts with a GET and expects an empty 200 before it POSTs the Discover request.
        app.MapGet("/", EmptyAsync);
        app.MapGet(EnrollmentPaths.Discovery, EmptyAsync);
        app.MapPost("/", ctx => SoapAsync(ctx, services, MdeActions.Fault, r => DiscoveryService.Handle(r, ServiceRoot(ctx))));
        app.MapPost(EnrollmentPaths.Discovery, ctx => SoapAsync(ctx, services, MdeActions.Fault, r => DiscoveryService.Handle(r, ServiceRoot(ctx))));
        app.MapPost(EnrollmentPaths.Policy, ctx => SoapAsync(ctx, services, MdeActions.Fault, r => PolicyService.Handle(r, services.Tenant)));
        // MS-MDE2 2.2.10 shows enrollment faults with the response action.
        app.MapPost(EnrollmentPaths.Enrollment, ctx => SoapAsync(ctx, services, MdeActions.RequestSecurityTokenResponse, r => enrollment.Handle(r, ServiceRoot(ctx))));
    }

    /// <summary>The scheme and host the device used, so the URLs handed back stay on that host.</summary>
    private static Uri ServiceRoot(HttpContext ctx) => new($"{ctx.Request.Scheme}://{ctx.Request.Host.Value}/");

    private static Task EmptyAsync(HttpContext ctx)
    {
        ctx.Response.StatusCode = StatusCodes.Status200OK;
        ctx.Response.ContentType = "text/html";
        ctx.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    private static async Task SoapAsync(HttpContext ctx, SandboxServices services, string faultAction, Func<SoapRequest, byte[]> handle)
    {
        SoapRequest? request = null;
        byte[] response;
        int status = StatusCodes.Status200OK;
        try
        {
            byte[] body = await ReadBodyAsync(ctx);
            request = SoapRequest.Parse(body);
            response = handle(request);
        }
        catch (SoapFaultException fault)
        {
            // WCF answers every fault with 500, and Windows reads the subcode from the body.
            status = StatusCodes.Status500InternalServerError;
            response = SoapEnvelopeWriter.Fault(faultAction, request?.MessageId, fault.Subcode, fault.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            services.Logger.LogError(e, "Enrollment request to {Path} failed", ctx.Request.Path);
            status = StatusCodes.Status500InternalServerError;
            response = SoapEnvelopeWriter.Fault(faultAction, request?.MessageId, SoapFaultSubcodes.InternalServiceFault, "The enrollment server failed unexpectedly.");
        }

        // Windows needs the whole answer in one message: a Content-Length, never chunked.
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = MdeUris.ContentType;
        ctx.Response.ContentLength = response.Length;
        await ctx.Response.Body.WriteAsync(response, ctx.RequestAborted);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext ctx)
    {
        if (ctx.Request.ContentLength > MaxRequestBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await ctx.Request.Body.ReadAsync(chunk, ctx.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxRequestBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static SoapFaultException TooLarge() =>
        SoapFaultException.MessageFormat($"The request is larger than {MaxRequestBytes / 1024} KiB; enrollment messages are a few KiB.");
}
