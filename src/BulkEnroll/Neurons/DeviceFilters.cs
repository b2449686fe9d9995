namespace BulkEnroll.Neurons;

/// <summary>The device filters the module sends, in one place: what "a Windows device" and "enrolled by" mean to the API.</summary>
internal static class DeviceFilters
{
    /// <summary>What the API calls Windows 10/11 desktops too (docs/reference/ivanti-api.md#device-fields).</summary>
    public const string WindowsPlatformType = "WINDOWS_PHONE";

    public static FilterBuilder Windows() => new FilterBuilder().Equal("platformType", WindowsPlatformType);

    /// <summary>Windows devices the account enrolled: for a generic user, its bulk-enrolled devices.</summary>
    public static FilterBuilder WindowsEnrolledBy(long accountId) => EnrolledBy(accountId).Equal("platformType", WindowsPlatformType);

    /// <summary>Every device the account enrolled, whatever the platform.</summary>
    public static FilterBuilder EnrolledBy(long accountId) => new FilterBuilder().Equal("enrollerId", accountId);
}
