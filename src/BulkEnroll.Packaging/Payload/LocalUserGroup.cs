namespace BulkEnroll.Packaging.Payload;

/// <summary>The Accounts CSP's LocalUserGroup values (the settings store's UserGroup enum).</summary>
internal enum LocalUserGroup
{
    StandardUsers = 1,
    Administrators = 2,
}
