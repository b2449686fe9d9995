using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons;

namespace BulkEnroll.Users;

internal static class EnrolledDeviceCounter
{
    /// <summary>How many devices an account enrolled in the connection's device space (one request: rows=1).</summary>
    public static Task<long> CountAsync(BulkEnrollConnection connection, long accountId, CancellationToken cancellationToken)
        => connection.Devices.CountAsync(connection.DeviceSpaceId, Filter(accountId), cancellationToken);

    private static string Filter(long accountId) => DeviceFilters.EnrolledBy(accountId).ToString();
}
