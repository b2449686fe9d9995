using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace BulkEnroll.Sandbox.VirtualDevices;

/// <summary>The hardware a virtual device pretends to be and what it trusts. Defaults are fixed values, so the
/// same options always give the same device (except %RAND:n% without a <see cref="RandomSeed"/>).</summary>
public sealed record VirtualDeviceOptions
{
    /// <summary>What WMI's Win32_BIOS.SerialNumber would say; %SERIAL% expands to it.</summary>
    public string SerialNumber { get; init; } = SerialNumberFor(0);

    public string Manufacturer { get; init; } = "Microsoft Corporation";
    public string Model { get; init; } = "Virtual Machine";

    /// <summary>Full build, as the device reports it (OSVersion and ApplicationVersion context items). It also picks
    /// how the device talks: a build below 22000 (e.g. 10.0.19045.2965) speaks like Windows 10, later ones like
    /// Windows 11 (see WindowsProfile).</summary>
    public string OsVersion { get; init; } = "10.0.26100.2314";

    /// <summary>The product type number sent as OSEdition: 48 = Pro, 4 = Enterprise, 121 = Education.</summary>
    public int OsEdition { get; init; } = 48;

    /// <summary>An Ethernet cable: the device has network even when the package adds no Wi-Fi profile. Off by
    /// default, because a PC at OOBE usually only gets network from the package.</summary>
    public bool WiredNetwork { get; init; }

    /// <summary>Trust exactly this server certificate (e.g. <see cref="SandboxServer.TlsCertificate"/>) besides the
    /// system's trusted roots, as a real device is made to trust a test server.</summary>
    public X509Certificate2? TrustedServerCertificate { get; init; }

    /// <summary>The same, as the SHA-256 thumbprint `serve` prints (hex; colons and spaces are ignored).</summary>
    public string? TrustedServerCertificateSha256 { get; init; }

    /// <summary>Accept http:// service URLs on loopback hosts (the sandbox's HTTP listener). Windows never enrolls
    /// over plain HTTP; http to any other host is always refused.</summary>
    public bool AllowHttpForLoopback { get; init; } = true;

    /// <summary>Contact hosts other than 127.0.0.1/::1/localhost. Off, so that a virtual device can never enroll a
    /// fake PC into a real tenant by following a package's real discovery URL.</summary>
    public bool AllowNonLoopbackHosts { get; init; }

    /// <summary>Seed for %RAND:n% and the default DESKTOP-xxxxxxx name; null = random.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>Per HTTP request.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The default serial number of the <paramref name="index"/>-th device (0-based): SBX000000001, ...</summary>
    public static string SerialNumberFor(int index) => "SBX" + (index + 1).ToString("D9", CultureInfo.InvariantCulture);
}
