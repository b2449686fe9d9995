namespace BulkEnroll.Packaging.Payload;

/// <summary>Immutable, so that no caller can loosen the rules for everyone through a shared instance.</summary>
internal sealed class PackageValidationOptions
{
    public static readonly PackageValidationOptions Default = new PackageValidationOptions();

    public PackageValidationOptions(bool allowHttpLoopback = false)
    {
        AllowHttpLoopback = allowHttpLoopback;
    }

    /// <summary>
    /// Accept http:// service URLs on 127.0.0.1, ::1 and localhost. Only for the local sandbox: Windows
    /// itself refuses to enroll over plain HTTP, so a real package must never use this.
    /// </summary>
    public bool AllowHttpLoopback { get; }
}
