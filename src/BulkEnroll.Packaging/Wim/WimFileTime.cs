using System;

namespace BulkEnroll.Packaging.Wim;

/// <summary>Windows FILETIME (100 ns ticks since 1601-01-01 UTC), as WIM dentries and the image XML store times.</summary>
internal static class WimFileTime
{
    private static readonly long EpochTicks = new DateTime(1601, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    /// <summary>Unspecified kinds are taken as UTC, local ones converted.</summary>
    public static long FromDateTime(DateTime value)
    {
        DateTime utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        if (utc.Ticks < EpochTicks)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A WIM cannot store times before 1601.");
        }

        return utc.Ticks - EpochTicks;
    }

    /// <summary>Never throws: values a DateTime cannot hold (hostile input) come back as <see cref="DateTime.MinValue"/>.</summary>
    public static DateTime ToDateTime(ulong fileTime)
    {
        ulong maxFileTime = (ulong)(DateTime.MaxValue.Ticks - EpochTicks);
        return fileTime > maxFileTime
            ? DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc)
            : new DateTime(EpochTicks + (long)fileTime, DateTimeKind.Utc);
    }
}
