namespace BulkEnroll.Sandbox.VirtualDevices;

/// <summary>What happened when a virtual device applied a package at OOBE: success, or the stage that failed with
/// a message for people. Never holds a secret of the package.</summary>
public sealed record VirtualEnrollmentResult
{
    public bool Succeeded => FailedStage is null;

    /// <summary>null on success.</summary>
    public EnrollmentStage? FailedStage { get; init; }

    /// <summary>One sentence: what was enrolled, or what failed and why (with the SOAP fault and Windows' error code).</summary>
    public required string Message { get; init; }

    public required string SerialNumber { get; init; }

    /// <summary>The image's NAME property.</summary>
    public string? PackageName { get; init; }

    public ProvisionedSettings? Settings { get; init; }

    /// <summary>The expanded computer name, once known.</summary>
    public string? DeviceName { get; init; }

    public string? UserPrincipalName { get; init; }

    /// <summary>The URL that answered the Discover request.</summary>
    public Uri? DiscoveryUrl { get; init; }

    public Uri? EnrollmentServiceUrl { get; init; }

    /// <summary>SHA-1 thumbprint (as Windows shows it) of the MDM certificate the server issued.</summary>
    public string? CertificateThumbprint { get; init; }

    /// <summary>The OMA-DM server address from the provisioning document (APPLICATION w7 ADDR).</summary>
    public Uri? ManagementServerAddress { get; init; }

    /// <summary>Everything the device did, in order, one line each (what the CLI prints).</summary>
    public IReadOnlyList<string> Steps { get; init; } = [];

    // On success the message already names the device and the UPN.
    public override string ToString() => Succeeded
        ? $"{SerialNumber}: {Message}"
        : $"{SerialNumber}: failed at {FailedStage}: {Message}";
}
