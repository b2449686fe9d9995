using BulkEnroll.Sandbox.Tenant;

namespace BulkEnroll.Sandbox;

/// <summary>How to start a sandbox: where it listens, what it seeds, and the initial control knobs.</summary>
public sealed record SandboxOptions
{
    // The seeding values and their defaults are SeedSpec's; they are repeated here only to keep SandboxOptions flat.
    private static readonly SeedSpec Seeding = new();

    /// <summary>TCP port on 127.0.0.1; 0 = any free port (see <see cref="SandboxServer.BaseAddress"/>).</summary>
    public int Port { get; init; }

    /// <summary>Also listen for HTTPS on 127.0.0.1, with a self-signed certificate made at start (see
    /// <see cref="SandboxServer.HttpsBaseAddress"/> and <see cref="SandboxServer.TlsCertificate"/>).</summary>
    public bool Https { get; init; } = true;

    /// <summary>TCP port of the HTTPS listener; 0 = any free port.</summary>
    public int HttpsPort { get; init; }

    /// <summary>The TLS versions the HTTPS listener accepts; None = the OS defaults (1.2 and 1.3 where it has them).
    /// Tls12 alone or Tls13 alone lets clients prove they can talk to a tenant that offers only that version.</summary>
    public System.Security.Authentication.SslProtocols TlsProtocols { get; init; }

    public int Seed { get; init; } = Seeding.Seed;
    public int DeviceCount { get; init; } = Seeding.DeviceCount;
    public int GenericUserCount { get; init; } = Seeding.GenericUserCount;

    /// <summary>null = half the device count, at least 20.</summary>
    public int? RealUserCount { get; init; }
    public int SpaceCount { get; init; } = Seeding.SpaceCount;
    public string Domain { get; init; } = Seeding.Domain;
    public string GenericUserPassword { get; init; } = Seeding.GenericUserPassword;

    /// <summary>Share of devices that are Windows, bulk enrolled by a generic user (default 0.70).</summary>
    public double BulkEnrolledShare { get; init; } = Seeding.BulkEnrolledShare;

    /// <summary>Share of devices that are Windows, enrolled by their real user (default 0.15; the rest are iOS/Android).</summary>
    public double DirectWindowsShare { get; init; } = Seeding.DirectWindowsShare;

    /// <summary>Share of bulk-enrolled devices already assigned to a real user (default 0.5).</summary>
    public double AlreadyAssignedShare { get; init; } = Seeding.AlreadyAssignedShare;

    /// <summary>Rate limit, latency, faults and reassignment behaviour at start.</summary>
    public SandboxControlSettings Controls { get; init; } = new();

    public int RequestLogCapacity { get; init; } = 100_000;

    /// <summary>Write ASP.NET Core warnings and errors to the console (the CLI does; tests keep quiet).</summary>
    public bool ConsoleLogging { get; init; }

    /// <summary>Clock for timestamps of changes (created accounts, reassignments).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public SeedSpec ToSeedSpec() => new()
    {
        Seed = Seed,
        DeviceCount = DeviceCount,
        GenericUserCount = GenericUserCount,
        RealUserCount = RealUserCount,
        SpaceCount = SpaceCount,
        Domain = Domain,
        GenericUserPassword = GenericUserPassword,
        BulkEnrolledShare = BulkEnrolledShare,
        DirectWindowsShare = DirectWindowsShare,
        AlreadyAssignedShare = AlreadyAssignedShare,
    };
}
