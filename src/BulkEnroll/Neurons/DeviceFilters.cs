namespace BulkEnroll.Neurons;

/// <summary>The device filters the module sends, in one place: what "a Windows device" and "enrolled by" mean to the API.</summary>
internal static class DeviceFilters
{
    /// <summary>What the API calls Windows 10/11 desktops too (docs/reference/ivanti-api.md#device-fields).</summary>
    public const string WindowsPlatformType = "WINDOWS_PHONE";

    public static FilterBuilder Windows() => new FilterBuilder().Equal("platformType", WindowsPlatformType);

    /// <summary>Windows devices the account enrolled: for a generic user, its bulk-enrolled devices.</summary>
    public static FilterBuilder WindowsEnrolledBy(long accountId) => EnrolledBy(accountId).Equal("platformType", WindowsPlatformType);

    /// <summary>
    /// The ACTIVE devices registered to (owned by) the account: what deleting it retires. By email address, the
    /// form public code uses for "devices of a user" (docs/reference/ivanti-api.md#search-devices); by owner id when
    /// the address cannot go in a filter.
    /// </summary>
    public static FilterBuilder ActiveRegisteredTo(long accountId, string? emailAddress)
    {
        var filter = new FilterBuilder().Equal("registrationState", "ACTIVE");
        return !string.IsNullOrEmpty(emailAddress) && FilterBuilder.CanSend(emailAddress!)
            ? filter.Equal("emailAddress", emailAddress!)
            : filter.Equal("ownerId", accountId);
    }

    /// <summary>Every device the account enrolled, whatever the platform.</summary>
    public static FilterBuilder EnrolledBy(long accountId) => new FilterBuilder().Equal("enrollerId", accountId);
}
