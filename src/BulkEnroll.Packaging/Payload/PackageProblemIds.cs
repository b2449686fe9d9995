namespace BulkEnroll.Packaging.Payload;

/// <summary>The stable ids of <see cref="PackageProblem"/>. Never rename one: scripts match on them.</summary>
internal static class PackageProblemIds
{
    public const string PackageIdEmpty = "PackageIdEmpty";
    public const string NameInvalid = "NameInvalid";
    public const string VersionInvalid = "VersionInvalid";
    public const string RankOutOfRange = "RankOutOfRange";
    public const string OwnerTypeInvalid = "OwnerTypeInvalid";
    public const string NotesInvalid = "NotesInvalid";

    public const string DeviceNameEmpty = "DeviceNameEmpty";
    public const string DeviceNameTooLong = "DeviceNameTooLong";
    public const string DeviceNameInvalidCharacter = "DeviceNameInvalidCharacter";
    public const string DeviceNameAllDigits = "DeviceNameAllDigits";
    public const string DeviceNameUnknownMacro = "DeviceNameUnknownMacro";
    public const string DeviceNameRandLengthInvalid = "DeviceNameRandLengthInvalid";
    public const string DeviceNameHyphenAtEdge = "DeviceNameHyphenAtEdge";
    public const string DeviceNameSerialTruncated = "DeviceNameSerialTruncated";

    public const string LocalAccountNameInvalid = "LocalAccountNameInvalid";
    public const string LocalAccountGroupInvalid = "LocalAccountGroupInvalid";
    public const string LocalAccountPasswordMissing = "LocalAccountPasswordMissing";
    public const string LocalAccountPasswordInvalid = "LocalAccountPasswordInvalid";
    public const string HideOobeWithoutAccount = "HideOobeWithoutAccount";

    public const string SsidInvalid = "SsidInvalid";
    public const string WifiKeyMissing = "WifiKeyMissing";
    public const string WifiKeyInvalid = "WifiKeyInvalid";
    public const string WifiKeyIgnored = "WifiKeyIgnored";
    public const string NoNetwork = "NoNetwork";

    public const string EnrollmentMissing = "EnrollmentMissing";
    public const string UpnMalformed = "UpnMalformed";
    public const string UpnNotBulkEnroll = "UpnNotBulkEnroll";
    public const string EnrollmentSecretMissing = "EnrollmentSecretMissing";
    public const string EnrollmentSecretInvalid = "EnrollmentSecretInvalid";
    public const string DiscoveryUrlMalformed = "DiscoveryUrlMalformed";
    public const string DiscoveryUrlNotHttps = "DiscoveryUrlNotHttps";
    public const string PolicyUrlMalformed = "PolicyUrlMalformed";
    public const string PolicyUrlNotHttps = "PolicyUrlNotHttps";
    public const string EnrollmentUrlMalformed = "EnrollmentUrlMalformed";
    public const string EnrollmentUrlNotHttps = "EnrollmentUrlNotHttps";
    public const string AuthPolicyNotOnPremise = "AuthPolicyNotOnPremise";
}
