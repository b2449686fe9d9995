using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons;

namespace BulkEnroll.Users;

internal static class EnrolledDeviceCounter
{
    /// <summary>How many devices an account enrolled in the connection's device space (one request: rows=1).</summary>
    public static Task<long> CountAsync(BulkEnrollConnection connection, long accountId, CancellationToken cancellationToken)
        => connection.Devices.CountAsync(connection.DeviceSpaceId, Filter(accountId), cancellationToken);

    /// <summary>How many devices an account enrolled in every device space of the tenant (one request per space).</summary>
    public static async Task<long> CountInAllSpacesAsync(BulkEnrollConnection connection, long accountId, CancellationToken cancellationToken)
    {
        long[] counts = await Task.WhenAll(connection.DeviceSpaces.Select(space =>
            connection.Devices.CountAsync(space.Id, Filter(accountId), cancellationToken))).ConfigureAwait(false);
        return counts.Sum();
    }

    private static string Filter(long accountId) => DeviceFilters.EnrolledBy(accountId).ToString();
}
