using System;
using System.IO;
using System.Management.Automation;
using BulkEnroll.Packaging.Payload;
using BulkEnroll.Packaging.Wim;

namespace BulkEnroll.Packages;

/// <summary>
/// Turns whatever reading a package or project file ran into into one error with a stable id that names the file;
/// scripts match the ids, people read the message, nobody sees a stack trace.
/// </summary>
internal static class PackageReadErrors
{
    public const string NotFound = "PackageNotFound";
    public const string AccessDenied = "PackageAccessDenied";
    public const string Unreadable = "PackageUnreadable";
    public const string NotAWim = "PackageNotAWim";
    public const string Truncated = "PackageTruncated";
    public const string UnsupportedVersion = "PackageUnsupportedVersion";
    public const string UnsupportedCompression = "PackageUnsupportedCompression";
    public const string UnsupportedFeature = "PackageUnsupportedFeature";
    public const string SplitUnsupported = "PackageSplitUnsupported";
    public const string Corrupt = "PackageCorrupt";
    public const string TooLarge = "PackageTooLarge";

    public static BulkEnrollException From(Exception error, string path) => error switch
    {
        PackageFormatException format => new BulkEnrollException(format.ErrorId, ErrorCategory.InvalidData, $"'{path}' is not a readable provisioning package or project: {format.Message}", path, format),
        WimFormatException wim => FromWim(wim, path),
        BulkEnrollException known => known,
        FileNotFoundException or DirectoryNotFoundException => new BulkEnrollException(NotFound, ErrorCategory.ObjectNotFound, $"The file '{path}' does not exist.", path, error),
        UnauthorizedAccessException => new BulkEnrollException(AccessDenied, ErrorCategory.PermissionDenied, $"The file '{path}' cannot be read: access is denied.", path, error),
        IOException => new BulkEnrollException(Unreadable, ErrorCategory.ReadError, $"The file '{path}' cannot be read: {error.Message}", path, error),
        _ => throw new InvalidOperationException("Not a read error.", error),
    };

    public static bool IsReadError(Exception error) =>
        error is BulkEnrollException or PackageFormatException or WimFormatException or IOException or UnauthorizedAccessException;

    private static BulkEnrollException FromWim(WimFormatException error, string path)
    {
        (string id, ErrorCategory category, string hint) = error.Reason switch
        {
            WimFormatReason.NotAWim => (NotAWim, ErrorCategory.InvalidData,
                " A .ppkg is a WIM file; an encrypted package (ICD -Encrypt) cannot be read without its password."),
            WimFormatReason.Truncated => (Truncated, ErrorCategory.InvalidData, " The copy may be incomplete: copy the package again."),
            WimFormatReason.UnsupportedVersion => (UnsupportedVersion, ErrorCategory.NotImplemented, string.Empty),
            WimFormatReason.UnsupportedCompression => (UnsupportedCompression, ErrorCategory.NotImplemented,
                " Provisioning packages are XPRESS-compressed; re-export this one with ICD or Windows Configuration Designer."),
            WimFormatReason.UnsupportedFeature => (UnsupportedFeature, ErrorCategory.NotImplemented, string.Empty),
            WimFormatReason.MultipartUnsupported => (SplitUnsupported, ErrorCategory.NotImplemented, string.Empty),
            WimFormatReason.LimitExceeded => (TooLarge, ErrorCategory.LimitsExceeded, string.Empty),
            _ => (Corrupt, ErrorCategory.InvalidData, " The file is damaged or was altered."),
        };
        return new BulkEnrollException(id, category, $"'{path}' is not a readable provisioning package: {error.Message}{hint}", path, error);
    }
}
