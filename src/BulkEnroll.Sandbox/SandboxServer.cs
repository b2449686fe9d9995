using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using BulkEnroll.Sandbox.Https;
using BulkEnroll.Sandbox.Middleware;
using BulkEnroll.Sandbox.Tenant;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace BulkEnroll.Sandbox;

/// <summary>A local stand-in for an Ivanti Neurons for MDM tenant: Kestrel on 127.0.0.1 serving the REST API
/// of docs/reference/ivanti-api.md over real HTTP, with seeded data, rate limiting, latency and fault injection.
/// Used in-process by tests and by the CLI's <c>serve</c> verb.</summary>
/// <example><code>
/// await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { DeviceCount = 500 });
/// using var http = sandbox.CreateClient(sandbox.Admin);
/// var spaces = await http.GetStringAsync("api/v1/tenant/partition/device");
/// </code></example>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SandboxServices _services;
    private readonly RateLimitMiddleware _rateLimit;
    private readonly SemaphoreSlim _resetGate = new(1, 1);
    private int _disposed;

    private readonly X509Certificate2? _tlsCertificate;

    private SandboxServer(WebApplication app, SandboxServices services, RateLimitMiddleware rateLimit, X509Certificate2? tlsCertificate)
    {
        _app = app;
        _services = services;
        _rateLimit = rateLimit;
        _tlsCertificate = tlsCertificate;
        if (tlsCertificate is not null)
        {
            TlsCertificate = X509CertificateLoader.LoadCertificate(tlsCertificate.RawData);
            TlsCertificateSha256 = CertificatePinning.Sha256(tlsCertificate);
        }
    }

    /// <summary>http://127.0.0.1:&lt;port&gt;/ (with the trailing slash, so relative URIs like "api/v1/device" work).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>https://127.0.0.1:&lt;port&gt;/, serving the same as <see cref="BaseAddress"/>; null when
    /// <see cref="SandboxOptions.Https"/> is off.</summary>
    public Uri? HttpsBaseAddress { get; private set; }

    /// <summary>The self-signed certificate of the HTTPS listener (public part only), made at start. Clients pin
    /// it: <see cref="CertificatePinning.CreateHandler(X509Certificate2)"/> or <see cref="CreateHttpsClient"/>.</summary>
    public X509Certificate2? TlsCertificate { get; }

    /// <summary>SHA-256 of <see cref="TlsCertificate"/>, upper-case hex (what `serve` prints for pinning).</summary>
    public string? TlsCertificateSha256 { get; }

    public SandboxOptions Options => _services.Options;

    /// <summary>Every seeded API user.</summary>
    public IReadOnlyList<SandboxCredentials> Credentials => _services.ApiUsers;

    /// <summary>User Management, and Device Management in every space.</summary>
    public SandboxCredentials Admin => User(ApiUserCatalog.AdminName);

    /// <summary>User Read Only, and Device Read Only in every space.</summary>
    public SandboxCredentials ReadOnly => User(ApiUserCatalog.ReadOnlyName);

    /// <summary>Device Management in every space, no user role.</summary>
    public SandboxCredentials DevicesOnly => User(ApiUserCatalog.DevicesOnlyName);

    /// <summary>Tenant Admin: everything.</summary>
    public SandboxCredentials TenantAdmin => User(ApiUserCatalog.TenantAdminName);

    /// <summary>User Read Only, and Device Management in the second space only (null with a single space).</summary>
    public SandboxCredentials? Scoped => Credentials.FirstOrDefault(u => u.UserName == ApiUserCatalog.ScopedName);

    public SandboxControls Controls => _services.Controls;
    public RequestLog RequestLog => _services.RequestLog;
    public TenantState Tenant => _services.Tenant;

    /// <summary>Reassignments started and not yet finished.</summary>
    public int PendingReassignments => _services.Reassignments.Pending;

    public static async Task<SandboxServer> StartAsync(SandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SandboxOptions();
        var spec = options.ToSeedSpec();
        spec.Validate();
        var controls = new SandboxControls(options.Controls);
        // Seeding 100k devices takes a moment: do it while the web host is being built.
        var seeding = Task.Run(() => new TenantState(spec, options.TimeProvider), cancellationToken);

        var tlsCertificate = options.Https ? SandboxTlsCertificate.Create(options.TimeProvider) : null;

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port); // loopback only: /_sandbox has no auth
            if (tlsCertificate is not null)
            {
                kestrel.Listen(IPAddress.Loopback, options.HttpsPort, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = tlsCertificate,
                    SslProtocols = options.TlsProtocols,
                }));
            }

            kestrel.Limits.MaxConcurrentConnections = null;   // load tests open many connections
            kestrel.Limits.MaxConcurrentUpgradedConnections = null;
            kestrel.AddServerHeader = false;
        });
        builder.Services.AddSingleton<IHostLifetime, OwnerControlledLifetime>();
        builder.Logging.ClearProviders();
        if (options.ConsoleLogging)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }
        var app = builder.Build();

        var tenant = await seeding;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("BulkEnroll.Sandbox");
        var rateLimit = new RateLimitMiddleware(controls, options.TimeProvider);
        SandboxServer? server = null;
        var services = new SandboxServices
        {
            Options = options,
            Tenant = tenant,
            Controls = controls,
            RequestLog = new RequestLog(options.RequestLogCapacity),
            ApiUsers = ApiUserCatalog.Build(options.Seed, tenant.Spaces),
            Reassignments = new ReassignmentWorker(tenant, controls, options.TimeProvider, options.Seed),
            Time = options.TimeProvider,
            Logger = logger,
            Reset = (s, ct) => server!.ResetAsync(s, ct),
        };
        server = new SandboxServer(app, services, rateLimit, tlsCertificate);

        // Order matters: the log sees the final outcome; latency and faults come before any work; errors
        // become envelopes inside the fault buffer; auth precedes the per-user rate limit.
        app.Use(AdminGuardMiddleware.InvokeAsync);
        app.Use(new RequestLogMiddleware(services.RequestLog, options.TimeProvider).InvokeAsync);
        app.Use(new LatencyMiddleware(controls).InvokeAsync);
        app.Use(new FaultInjectionMiddleware(controls, options.Seed).InvokeAsync);
        app.Use(new ApiErrorMiddleware(logger).InvokeAsync);
        app.Use(new BasicAuthMiddleware(services.ApiUsers, controls).InvokeAsync);
        app.Use(rateLimit.InvokeAsync);
        SandboxEndpoints.MapAll(app, services);

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        server.BaseAddress = new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)).TrimEnd('/') + "/");
        if (tlsCertificate is not null)
        {
            server.HttpsBaseAddress = new Uri(addresses.First(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase)).TrimEnd('/') + "/");
        }

        return server;
    }

    /// <summary>Reseeds the tenant (from <paramref name="spec"/>, or as started), drops pending reassignments,
    /// clears the request log and the rate-limit buckets. Controls are kept (use <c>Controls.Set</c>);
    /// API users and their passwords stay the same.</summary>
    public async Task ResetAsync(SeedSpec? spec = null, CancellationToken cancellationToken = default)
    {
        spec ??= Options.ToSeedSpec();
        spec.Validate();
        await _resetGate.WaitAsync(cancellationToken);
        try
        {
            await Task.Run(() => Tenant.Reseed(spec), cancellationToken);
            _services.Reassignments.Clear();
            _rateLimit.Reset();
            RequestLog.Clear();
        }
        finally
        {
            _resetGate.Release();
        }
    }

    /// <summary>An HttpClient for this sandbox, sending <paramref name="credentials"/> pre-emptively.</summary>
    public HttpClient CreateClient(SandboxCredentials? credentials = null) =>
        WithDefaults(new HttpClient { BaseAddress = BaseAddress }, credentials);

    /// <summary>Like <see cref="CreateClient"/>, over HTTPS, trusting exactly the sandbox's certificate.</summary>
    /// <exception cref="InvalidOperationException">The sandbox was started without HTTPS.</exception>
    public HttpClient CreateHttpsClient(SandboxCredentials? credentials = null)
    {
        if (HttpsBaseAddress is null || TlsCertificateSha256 is null)
        {
            throw new InvalidOperationException("This sandbox was started without HTTPS (SandboxOptions.Https).");
        }

        return WithDefaults(new HttpClient(CertificatePinning.CreateHandler(TlsCertificateSha256)) { BaseAddress = HttpsBaseAddress }, credentials);
    }

    private static HttpClient WithDefaults(HttpClient client, SandboxCredentials? credentials)
    {
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (credentials is not null)
        {
            string token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.UserName}:{credentials.Password}"));
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", token);
        }
        return client;
    }

    private SandboxCredentials User(string name) => Credentials.First(u => u.UserName == name);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(stopTimeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Stop timed out on open connections; disposing closes them.
        }
        await _services.Reassignments.DisposeAsync();
        await _app.DisposeAsync();
        _resetGate.Dispose();
        _tlsCertificate?.Dispose();
        TlsCertificate?.Dispose();
    }
}
