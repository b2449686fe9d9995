namespace BulkEnroll;

public enum PackageCheckStatus
{
    Passed,

    /// <summary>PCs flashed with the package would not end up enrolled as intended.</summary>
    Failed,

    /// <summary>Works, but maybe not as meant (e.g. no Wi-Fi: fine only on a cable).</summary>
    Warning,

    /// <summary>Not checked: not applicable, no connection, or -Online not given.</summary>
    Skipped,
}

/// <summary>One check of Test-BulkEnrollPackage on one package. <see cref="Check"/> names are stable for Pester.</summary>
public sealed class PackageTestResult
{
    public string Path { get; internal set; } = string.Empty;

    /// <summary>Structure, DeviceNameTemplate, UpnPrefix, HideOobeWithoutAccount, Network, UpnExistsInTenant or Discovery.</summary>
    public string Check { get; internal set; } = string.Empty;

    public PackageCheckStatus Result { get; internal set; }

    public string Message { get; internal set; } = string.Empty;

    public override string ToString() => $"{Check}: {Result}";
}
