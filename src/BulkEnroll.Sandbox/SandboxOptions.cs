using BulkEnroll.Sandbox.Tenant;

namespace BulkEnroll.Sandbox;

/// <summary>How to start a sandbox: where it listens, what it seeds, and the initial control knobs.</summary>
public sealed record SandboxOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 = any free port (see <see cref="SandboxServer.BaseAddress"/>).</summary>
    public int Port { get; init; }

    /// <summary>Also listen for HTTPS on 127.0.0.1, with a self-signed certificate made at start (see
    /// <see cref="SandboxServer.HttpsBaseAddress"/> and <see cref="SandboxServer.TlsCertificate"/>).</summary>
    public bool Https { get; init; } = true;

    /// <summary>TCP port of the HTTPS listener; 0 = any free port.</summary>
    public int HttpsPort { get; init; }

    public int Seed { get; init; } = 1;
    public int DeviceCount { get; init; } = 200;
    public int GenericUserCount { get; init; } = 4;

    /// <summary>null = half the device count, at least 20.</summary>
    public int? RealUserCount { get; init; }
    public int SpaceCount { get; init; } = 3;
    public string Domain { get; init; } = "contoso.com";
    public string GenericUserPassword { get; init; } = "BulkEnroll-Pass1!";

    /// <summary>Share of devices that are Windows, bulk enrolled by a generic user (default 0.70).</summary>
    public double BulkEnrolledShare { get; init; } = 0.70;

    /// <summary>Share of devices that are Windows, enrolled by their real user (default 0.15; the rest are iOS/Android).</summary>
    public double DirectWindowsShare { get; init; } = 0.15;

    /// <summary>Share of bulk-enrolled devices already assigned to a real user (default 0.5).</summary>
    public double AlreadyAssignedShare { get; init; } = 0.5;

    /// <summary>Rate limit, latency, faults and reassignment behaviour at start.</summary>
    public SandboxControlSettings Controls { get; init; } = new();

    public int RequestLogCapacity { get; init; } = 100_000;

    /// <summary>Write ASP.NET Core warnings and errors to the console (the CLI does; tests keep quiet).</summary>
    public bool ConsoleLogging { get; init; }

    /// <summary>Clock for timestamps of changes (created accounts, reassignments).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public SeedSpec ToSeedSpec() => new()
    {
        Seed = Seed, DeviceCount = DeviceCount, GenericUserCount = GenericUserCount, RealUserCount = RealUserCount,
        SpaceCount = SpaceCount, Domain = Domain, GenericUserPassword = GenericUserPassword,
        BulkEnrolledShare = BulkEnrolledShare, DirectWindowsShare = DirectWindowsShare, AlreadyAssignedShare = AlreadyAssignedShare,
    };
}
