using System;

namespace BulkEnroll;

internal static class DeviceConversions
{
    /// <summary>The API's times are epoch milliseconds (UTC); admins read local time.</summary>
    public static DateTime? FromEpoch(long? milliseconds)
        => milliseconds is long ms && ms > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms).LocalDateTime : (DateTime?)null;
}
