using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons.Records;

namespace BulkEnroll.Devices;

/// <summary>
/// The devices several generic users enrolled, each user's pages fetched ahead by <see cref="EnrolledDevicePager"/>
/// (users in the order given, each user's devices by id). One way to list them, for every cmdlet that does.
/// </summary>
internal static class EnrolledDeviceListing
{
    public static IAsyncEnumerable<(AccountRecord Enroller, DeviceRecord Record)> ReadAsync(BulkEnrollConnection connection,
        IReadOnlyList<AccountRecord> enrollers, DeviceQuery query, int throttleLimit, CancellationToken cancellationToken)
    {
        string[] filters = enrollers.Select(query.ServerFilter).ToArray();
        var pager = new EnrolledDevicePager(enrollers.Count,
            (search, start, rows, ct) => connection.Devices.GetSearchPageAsync(connection.DeviceSpaceId, filters[search], start, rows, ct), throttleLimit);
        return WithEnroller(pager.ReadAsync(cancellationToken), enrollers, cancellationToken);
    }

    private static async IAsyncEnumerable<(AccountRecord Enroller, DeviceRecord Record)> WithEnroller(
        IAsyncEnumerable<(int Search, DeviceRecord Record)> records, IReadOnlyList<AccountRecord> enrollers,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach ((int search, DeviceRecord record) in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return (enrollers[search], record);
        }
    }
}
