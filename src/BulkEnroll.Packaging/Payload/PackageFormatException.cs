using System;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// A package or customizations.xml that cannot be read safely or is not what it claims to be. The message names
/// the file and the element, never a value (values may be secrets).
/// </summary>
internal sealed class PackageFormatException : Exception
{
    public PackageFormatException(string reason, string fileName, string message, Exception? innerException = null)
        : base($"{fileName}: {message}", innerException)
    {
        ErrorId = reason;
        FileName = fileName;
    }

    /// <summary>One of <see cref="PackageFormatReasons"/>; the same as <see cref="ErrorId"/>.</summary>
    public string Reason => ErrorId;

    /// <summary>Stable, for scripts: the module reports it as the error record's id.</summary>
    public string ErrorId { get; }

    public string FileName { get; }
}
