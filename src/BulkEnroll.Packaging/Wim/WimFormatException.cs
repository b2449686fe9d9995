using System;

namespace BulkEnroll.Packaging.Wim;

/// <summary>The only exception <see cref="WimReader"/> throws for bad input, whatever is wrong with the file.</summary>
internal sealed class WimFormatException : Exception
{
    public WimFormatException(WimFormatReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public WimFormatException(WimFormatReason reason, string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public WimFormatReason Reason { get; }
}
