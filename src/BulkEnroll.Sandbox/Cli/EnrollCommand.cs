using System.Globalization;
using BulkEnroll.Sandbox.VirtualDevices;

namespace BulkEnroll.Sandbox.Cli;

/// <summary><c>enroll</c>: virtual devices apply a .ppkg and enroll against the discovery URL it names (normally a
/// sandbox started with <c>serve</c>), printing what each did. Exit code 0 when all enrolled, 1 when any failed.</summary>
internal static class EnrollCommand
{
    private sealed record Settings(string? Package, int Count, VirtualDeviceOptions Device, bool SerialGiven, bool Verbose);

    private static readonly CliOption<Settings>[] Options =
    [
        new("--package", "PATH", "the .ppkg to apply (required)", (s, v) => s with { Package = v }),
        new("--serial", "TEXT", "serial number (default SBX000000001; with --count N: TEXT1..TEXTN)", (s, v) => s with { Device = s.Device with { SerialNumber = v }, SerialGiven = true }),
        new("--count", "N", "number of devices (default 1)", (s, v) => s with { Count = Int(v) }),
        new("--model", "TEXT", "hardware model (default 'Virtual Machine')", (s, v) => s with { Device = s.Device with { Model = v } }),
        new("--manufacturer", "TEXT", "hardware maker (default 'Microsoft Corporation')", (s, v) => s with { Device = s.Device with { Manufacturer = v } }),
        new("--os-version", "X.Y.Z.W", "Windows build (default 10.0.26100.2314)", (s, v) => s with { Device = s.Device with { OsVersion = v } }),
        new("--trust-sha256", "HEX", "pin this server certificate (the SHA-256 `serve` prints for its HTTPS listener)", (s, v) => s with { Device = s.Device with { TrustedServerCertificateSha256 = v } }),
        new("--wired", "yes|no", "the device has an Ethernet cable, so it needs no Wi-Fi from the package (default no)", (s, v) => s with { Device = s.Device with { WiredNetwork = YesNo(v) } }),
        new("--seed", "N", "seed for %RAND:n% and DESKTOP-xxxxxxx names (default: random)", (s, v) => s with { Device = s.Device with { RandomSeed = Int(v) } }),
        new("--verbose", "yes|no", "print every step, not only the outcome (default yes)", (s, v) => s with { Verbose = YesNo(v) }),
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (CliOptions.AsksForHelp(args))
        {
            PrintHelp(output);
            return 0;
        }

        static void Validate(Settings s)
        {
            if (s.Package is null)
            {
                throw new ArgumentException("--package is required");
            }

            if (s.Count < 1)
            {
                throw new ArgumentException("--count must be at least 1");
            }
        }
        if (!CliOptions.TryParse("enroll", Options, args, new Settings(null, 1, new VirtualDeviceOptions(), false, true), Validate, error, out var settings))
        {
            return 2;
        }

        int failed = 0;
        for (int i = 0; i < settings.Count; i++)
        {
            var options = settings.Device with { SerialNumber = SerialFor(settings, i) };
            var result = await new VirtualDevice(options).EnrollAsync(settings.Package!, cancellationToken); // Validate required it
            output.WriteLine($"Device {i + 1}/{settings.Count}, serial number {options.SerialNumber}:");
            if (settings.Verbose)
            {
                foreach (var step in result.Steps)
                {
                    output.WriteLine("  " + step);
                }
            }
            output.WriteLine(result.Succeeded ? $"  ENROLLED: {result.Message}" : $"  FAILED at {result.FailedStage}: {result.Message}");
            if (!result.Succeeded)
            {
                failed++;
            }
        }
        if (settings.Count > 1)
        {
            output.WriteLine($"{settings.Count - failed} of {settings.Count} devices enrolled.");
        }

        return failed == 0 ? 0 : 1;
    }

    private static string SerialFor(Settings s, int index)
    {
        if (!s.SerialGiven)
        {
            return VirtualDeviceOptions.SerialNumberFor(index);
        }

        if (s.Count == 1)
        {
            return s.Device.SerialNumber;
        }

        int width = s.Count.ToString(CultureInfo.InvariantCulture).Length;
        return s.Device.SerialNumber + (index + 1).ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static void PrintHelp(TextWriter w) => CliOptions.PrintHelp(w, "enroll --package <path.ppkg> [options]", """
        Virtual Windows devices apply the package as at OOBE (computer name, Wi-Fi, local account, HideOobe)
        and enroll in MDM at its DiscoveryServiceFullUrl with its UPN and Secret (MS-MDE2 discovery, policy,
        enrollment). Start a sandbox first ('serve'); only loopback hosts are contacted. Exit code 0 when
        every device enrolled, 1 when any failed, 2 for bad options.
        """, Options);

    private static int Int(string v) => CliOptions.Int(v);

    private static bool YesNo(string v) => v.ToLowerInvariant() switch
    {
        "yes" or "true" or "1" => true,
        "no" or "false" or "0" => false,
        _ => throw new FormatException(),
    };
}
