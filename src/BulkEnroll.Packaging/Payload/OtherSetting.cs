namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// A setting found in a package or project file that <see cref="PackageDefinition"/> does not model, e.g.
/// "Accounts/Azure/BPRT" or "Policy/Config/ApplicationManagement/AllowAllTrustedApps". Reported so callers can
/// tell the user; secret-looking values are masked.
/// </summary>
internal sealed class OtherSetting
{
    public const string MaskedValue = "********";

    public OtherSetting(string path, string? value)
    {
        Path = path;
        Value = value;
    }

    public string Path { get; }

    /// <summary>The value, <see cref="MaskedValue"/> when it may be a secret, or null for an element without text.</summary>
    public string? Value { get; }

    public override string ToString() => Value is null ? Path : $"{Path} = {Value}";
}
