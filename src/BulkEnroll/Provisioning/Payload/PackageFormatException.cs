using System;
using System.Management.Automation;

namespace BulkEnroll.Provisioning.Payload;

/// <summary>
/// A package or customizations.xml that cannot be read safely or is not what it claims to be. The message names
/// the file and the element, never a value (values may be secrets).
/// </summary>
internal sealed class PackageFormatException : BulkEnrollException
{
    public PackageFormatException(string reason, string fileName, string message, Exception? innerException = null)
        : base(reason, ErrorCategory.InvalidData, $"{fileName}: {message}", fileName, innerException)
    {
        FileName = fileName;
    }

    /// <summary>One of <see cref="PackageFormatReasons"/>; the same as ErrorId.</summary>
    public string Reason => ErrorId;

    public string FileName { get; }
}
