using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace BulkEnroll.Sandbox.Cli;

/// <summary><c>serve</c>: starts a sandbox, prints how to reach it, runs until Ctrl+C.</summary>
internal static class ServeCommand
{
    private sealed record ServeSettings(SandboxOptions Options, string? InfoFile = null);

    private static readonly CliOption<ServeSettings>[] Options =
    [
        new("--info-file", "PATH", "once listening, write the URL and API credentials there as JSON (for scripts and Pester)", (s, v) => s with { InfoFile = v }),
        new("--port", "N", "TCP port on 127.0.0.1 (default 5080; 0 = any free port)", (s, v) => s with { Options = s.Options with { Port = Int(v) } }),
        new("--https-port", "N", "HTTPS port on 127.0.0.1, self-signed certificate (default 5443; 0 = any free port; -1 = no HTTPS)",
            (s, v) => s with { Options = s.Options with { HttpsPort = Math.Max(0, Int(v)), Https = Int(v) >= 0 } }),
        new("--tls", "1.2|1.3|1.1|any", "TLS versions the HTTPS listener accepts (default any: the OS defaults; 1.1 only, which no client should agree to, tests handshake failures)",
            (s, v) => s with { Options = s.Options with { TlsProtocols = TlsVersions(v) } }),
        new("--devices", "N", "devices to seed (default 2000)", (s, v) => s with { Options = s.Options with { DeviceCount = Int(v) } }),
        new("--seed", "N", "seed for data, passwords and faults (default 42)", (s, v) => s with { Options = s.Options with { Seed = Int(v) } }),
        new("--generic-users", "N", "windows-bulkenroll-userN accounts (default 4; the last enrolls nothing)", (s, v) => s with { Options = s.Options with { GenericUserCount = Int(v) } }),
        new("--real-users", "N", "real user accounts (default: half the devices, at least 20)", (s, v) => s with { Options = s.Options with { RealUserCount = Int(v) } }),
        new("--spaces", "N", "device spaces, 1 to 5 (default 3)", (s, v) => s with { Options = s.Options with { SpaceCount = Int(v) } }),
        new("--domain", "NAME", "user domain (default contoso.com)", (s, v) => s with { Options = s.Options with { Domain = v } }),
        new("--generic-password", "TEXT", "password of the seeded generic users", (s, v) => s with { Options = s.Options with { GenericUserPassword = v } }),
        new("--rate-limit", "N", "requests per second per API user (default 0 = off)", (s, v) => Controls(s, c => c with { RateLimitPerSecond = Double(v) })),
        new("--burst", "N", "rate-limit bucket size (default = rate)", (s, v) => Controls(s, c => c with { RateLimitBurst = Int(v) })),
        new("--latency-ms", "N", "latency added to each API and enrollment request (default 20)", (s, v) => Controls(s, c => c with { Latency = Ms(v) })),
        new("--fault-429", "P", "probability of an injected 429", (s, v) => Controls(s, c => c with { Fault429 = Double(v) })),
        new("--fault-500", "P", "probability of an injected 500", (s, v) => Controls(s, c => c with { Fault500 = Double(v) })),
        new("--fault-502", "P", "probability of an injected 502", (s, v) => Controls(s, c => c with { Fault502 = Double(v) })),
        new("--fault-503", "P", "probability of an injected 503", (s, v) => Controls(s, c => c with { Fault503 = Double(v) })),
        new("--fault-reset", "P", "probability of an aborted connection", (s, v) => Controls(s, c => c with { FaultConnectionReset = Double(v) })),
        new("--fault-slow", "P", "probability of a slow response", (s, v) => Controls(s, c => c with { FaultSlowResponse = Double(v) })),
        new("--fault-retry-after", "N", "Retry-After seconds on injected 429/503 (default 1)", (s, v) => Controls(s, c => c with { FaultRetryAfterSeconds = Int(v) })),
        new("--slow-ms", "N", "delay of a slow response (default 2000)", (s, v) => Controls(s, c => c with { SlowResponseDelay = Ms(v) })),
        new("--post-fault-share", "P", "share of 5xx/reset faults hitting after the change was made (default 0.5)", (s, v) => Controls(s, c => c with { PostProcessingFaultShare = Double(v) })),
        new("--reassign-delay-ms", "N", "time a reassignment stays INITIATED (default 100)", (s, v) => Controls(s, c => c with { ReassignmentDelay = Ms(v) })),
        new("--windows-serial", "filled|null", "whether Windows device records carry serialNumber (default null, as in S16)", (s, v) => Controls(s, c => c with { WindowsSerialNumberFilled = SerialMode(v) })),
        new("--device-limit", "N", "active devices per user; enrolling beyond is refused (default 0 = no cap)", (s, v) => Controls(s, c => c with { MaxDevicesPerUser = Int(v) })),
        new("--reassign-failure", "P", "probability that a reassignment ends FAILED (default 0)", (s, v) => Controls(s, c => c with { ReassignmentFailureRate = Double(v) })),
        new("--multi-id-form", "any|comma|repeated|single", "how several ids in one parameter are accepted (default any)",
            (s, v) => Controls(s, c => c with { MultiIdForm = ApiVariantNames.Parse<MultiIdForm>(v, nameof(MultiIdForm)) })),
        new("--account-delete-path", "plural|singular|both", "which path deletes a user (default plural: /api/v1/accounts?accountIds=)",
            (s, v) => Controls(s, c => c with { AccountDeletePath = ApiVariantNames.Parse<AccountDeletePath>(v, nameof(AccountDeletePath)) })),
        new("--reassignment-status", "upper|title|pending|absent", "how the last reassignment status is written (default upper: INITIATED)",
            (s, v) => Controls(s, c => c with { ReassignmentStatusStyle = ApiVariantNames.Parse<ReassignmentStatusStyle>(v, nameof(ReassignmentStatusStyle)) })),
        new("--reenrollment", "NewRecordRetiresOld|ReuseRecord", "a PC enrolling again (same HWDevID): new record, old one retired (default), or the record reused",
            (s, v) => Controls(s, c => c with { Reenrollment = ApiVariantNames.Parse<Enrollment.ReenrollmentMode>(v, "Reenrollment") })),
        new("--omit-optional-fields", "true|false", "leave optional fields out of device and account records (default false)",
            (s, v) => Controls(s, c => c with { OmitOptionalFields = bool.Parse(v) })),
        new("--refuse-or-filters", "true|false", "answer 400 to an fq joined with or, the module's batched lookups (default false)",
            (s, v) => Controls(s, c => c with { RefuseOrFilters = bool.Parse(v) })),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        if (CliOptions.AsksForHelp(args))
        {
            PrintHelp(Console.Out);
            return 0;
        }

        // CLI defaults differ from the in-process ones: a fixed port, more data, a little latency.
        var defaults = new ServeSettings(new SandboxOptions
        {
            Port = 5080,
            HttpsPort = 5443,
            DeviceCount = 2000,
            Seed = 42,
            ConsoleLogging = true,
            Controls = new SandboxControlSettings { Latency = TimeSpan.FromMilliseconds(20) },
        });
        static void Validate(ServeSettings s)
        {
            s.Options.Controls.Validated();
            s.Options.ToSeedSpec().Validate();
        }
        if (!CliOptions.TryParse("serve", Options, args, defaults, Validate, Console.Error, out var settings))
        {
            return 2;
        }

        // Ctrl+C and SIGTERM (e.g. from a script that started us in the background) stop cleanly.
        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stop.Cancel();
        }
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var sandbox = await SandboxServer.StartAsync(settings.Options, stop.Token);
        PrintBanner(sandbox, started.Elapsed);
        if (settings.InfoFile != null)
        {
            WriteInfoFile(sandbox, settings.InfoFile);
        }
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("Stopping.");
        }
        return 0;
    }

    /// <summary>
    /// What a script needs to use this sandbox, written atomically (a reader never sees half a file) and
    /// owner-only: it holds the API users' passwords.
    /// </summary>
    private static void WriteInfoFile(SandboxServer sandbox, string path)
    {
        var info = new JsonObject
        {
            ["baseAddress"] = sandbox.BaseAddress.ToString(),
            ["httpsBaseAddress"] = sandbox.HttpsBaseAddress?.ToString(),
            ["tlsCertificateSha256"] = sandbox.TlsCertificateSha256,
            ["processId"] = Environment.ProcessId,
            ["genericUserPassword"] = sandbox.Options.GenericUserPassword,
            ["users"] = new JsonArray(sandbox.Credentials.Select(u => (JsonNode)new JsonObject
            {
                ["userName"] = u.UserName,
                ["password"] = u.Password,
                ["roles"] = new JsonArray(u.Roles.Select(r => (JsonNode?)r.ToString()).ToArray()),
            }).ToArray()),
        };
        string full = Path.GetFullPath(path);
        string temporary = full + ".tmp";
        File.WriteAllText(temporary, info.ToJsonString());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, full, overwrite: true);
    }

    private static void PrintHelp(TextWriter w) => CliOptions.PrintHelp(w, "serve [options]", """
        Serves a seeded Ivanti Neurons for MDM REST API and the Windows enrollment (MS-MDE2) services on 127.0.0.1
        until Ctrl+C. Controls can also be changed while running: GET/PUT /_sandbox/controls (JSON).
        """, Options);

    private static void PrintBanner(SandboxServer sandbox, TimeSpan startup)
    {
        var snapshot = sandbox.Tenant.Snapshot();
        var c = sandbox.Controls.Current;
        Console.WriteLine($"Ivanti Neurons for MDM sandbox listening on {sandbox.BaseAddress} (started in {startup.TotalMilliseconds:0} ms)");
        if (sandbox.HttpsBaseAddress is not null)
        {
            Console.WriteLine($"  and on {sandbox.HttpsBaseAddress}, self-signed certificate SHA-256 {sandbox.TlsCertificateSha256} (pin it: Connect-BulkEnroll -TrustedCertificateSha256, enroll --trust-sha256)");
        }

        Console.WriteLine($"  Windows enrollment (MS-MDE2): DiscoveryServiceFullUrl {sandbox.HttpsBaseAddress ?? sandbox.BaseAddress} or its EnrollmentServer/Discovery.svc");
        Console.WriteLine($"  seed {sandbox.Options.Seed}: {snapshot.Devices.Count} devices, {snapshot.Accounts.Count} accounts, {snapshot.Spaces.Count} device spaces");
        foreach (var space in snapshot.Spaces)
        {
            Console.WriteLine($"  space {space.Id} {space.Name}{(space.IsDefault ? " (default)" : "")}");
        }

        Console.WriteLine();
        Console.WriteLine("API users (HTTP Basic):");
        foreach (var user in sandbox.Credentials)
        {
            Console.WriteLine($"  {user.UserName,-30} {user.Password}");
            Console.WriteLine($"  {"",-30} roles: {string.Join(", ", user.Roles)}");
        }
        Console.WriteLine();
        var generic = snapshot.Accounts.Where(a => a.IsGeneric).Select(a => a.Uid).ToList();
        Console.WriteLine($"Generic users ({generic.Count}), password '{sandbox.Options.GenericUserPassword}':");
        foreach (var uid in generic)
        {
            Console.WriteLine($"  {uid}");
        }

        Console.WriteLine();
        Console.WriteLine($"Controls: rate limit {(c.RateLimitPerSecond > 0 ? c.RateLimitPerSecond + "/s" : "off")}, latency {c.Latency.TotalMilliseconds:0} ms, " +
            $"faults 429={c.Fault429} 500={c.Fault500} 502={c.Fault502} 503={c.Fault503} reset={c.FaultConnectionReset} slow={c.FaultSlowResponse}");
        Console.WriteLine($"Admin: {sandbox.BaseAddress}_sandbox/controls | state | requests | reset (POST)");
        Console.WriteLine("Press Ctrl+C to stop.");
    }

    private static bool SerialMode(string v) => v.ToLowerInvariant() switch
    {
        "filled" => true,
        "null" => false,
        _ => throw new FormatException($"--windows-serial takes 'filled' or 'null', not '{v}'"),
    };

    private static ServeSettings Controls(ServeSettings s, Func<SandboxControlSettings, SandboxControlSettings> change) =>
        s with { Options = s.Options with { Controls = change(s.Options.Controls) } };

    private static int Int(string v) => CliOptions.Int(v);

    private static System.Security.Authentication.SslProtocols TlsVersions(string v) => v switch
    {
#pragma warning disable SYSLIB0039 // deliberately obsolete: a server clients must refuse to agree with
        "1.1" => System.Security.Authentication.SslProtocols.Tls11,
#pragma warning restore SYSLIB0039
        "1.2" => System.Security.Authentication.SslProtocols.Tls12,
        "1.3" => System.Security.Authentication.SslProtocols.Tls13,
        "any" => System.Security.Authentication.SslProtocols.None,
        _ => throw new FormatException($"--tls takes 1.2, 1.3, 1.1 or any, not '{v}'."),
    };
    private static double Double(string v) => CliOptions.Double(v);
    private static TimeSpan Ms(string v) => TimeSpan.FromMilliseconds(Double(v));
}
