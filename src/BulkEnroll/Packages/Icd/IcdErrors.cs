namespace BulkEnroll.Packages.Icd;

/// <summary>Stable error ids of the ICD builder; scripts match on them.</summary>
internal static class IcdErrors
{
    public const string RequiresWindows = "IcdRequiresWindows";
    public const string NotFound = "IcdNotFound";
    public const string StoreNotFound = "IcdStoreNotFound";
    public const string NoSpaceFreeFolder = "IcdNoSpaceFreeFolder";
    public const string RequiresElevation = "IcdRequiresElevation";
    public const string FailedToStart = "IcdFailedToStart";
    public const string TimedOut = "IcdTimedOut";
    public const string BuildFailed = "IcdBuildFailed";
    public const string OutputMissing = "IcdOutputMissing";
    public const string OutputUnreadable = "IcdOutputUnreadable";
    public const string PasswordNotFound = "IcdPasswordNotFound";
}
