using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons;
using BulkEnroll.Neurons.Records;

namespace BulkEnroll.Devices;

/// <summary>
/// Whether the tenant fills <c>serialNumber</c> in the records of Windows devices, asked once per connection. The
/// S16 fixture shows it null (the serial is then only in hardware inventory), while a public integration filters on
/// <c>fq=serialNumber=</c> (docs/reference/ivanti-api.md#windows-serial-number): the answer decides how a serial
/// number is looked up, so it is read from the tenant (one device, rows=1) instead of assumed.
/// </summary>
internal static class WindowsSerialSupport
{
    private static readonly ConditionalWeakTable<BulkEnrollConnection, Task<bool>> Answers = new ConditionalWeakTable<BulkEnrollConnection, Task<bool>>();
    private static readonly object Gate = new object();

    /// <summary>True when a Windows device record of the connection's space carries a serial number; false when it is
    /// null or the space has no Windows device to tell (then nothing is lost: there is nothing to find).</summary>
    public static Task<bool> IsFilledAsync(BulkEnrollConnection connection, CancellationToken cancellationToken)
    {
        lock (Gate)
        {
            // A probe cancelled by Ctrl+C or failed is asked again next time, not remembered.
            if (Answers.TryGetValue(connection, out Task<bool>? known) && !known.IsCanceled && !known.IsFaulted)
            {
                return known;
            }

            Answers.Remove(connection);
            Task<bool> probe = ProbeAsync(connection, cancellationToken);
            Answers.Add(connection, probe);
            return probe;
        }
    }

    private static async Task<bool> ProbeAsync(BulkEnrollConnection connection, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var sample = await connection.Devices.FindAsync(connection.DeviceSpaceId, string.Empty, DeviceFilters.Windows().ToString(), 1, cancellationToken).ConfigureAwait(false);
        foreach (DeviceRecord record in sample)
        {
            return !string.IsNullOrWhiteSpace(record.SerialNumber);
        }

        return false;
    }
}
