using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons;
using BulkEnroll.Neurons.Records;

namespace BulkEnroll.Users;

/// <summary>
/// The devices still registered to an account in every device space: the ones Ivanti retires when the account is
/// deleted (docs/reference/ivanti-api.md#delete-accounts). Devices it enrolled that now belong to their real users
/// are not among them. One request per device space, whatever the number of devices.
/// </summary>
internal sealed class RegisteredDevices
{
    /// <summary>How many names a message shows; the count says the rest.</summary>
    public const int NamesShown = 5;

    private RegisteredDevices(long count, IReadOnlyList<string> names)
    {
        Count = count;
        Names = names;
    }

    public long Count { get; }

    /// <summary>At most <see cref="NamesShown"/> device names, for messages.</summary>
    public IReadOnlyList<string> Names { get; }

    public static async Task<RegisteredDevices> FindAsync(BulkEnrollConnection connection, AccountRecord account, CancellationToken cancellationToken)
    {
        string filter = DeviceFilters.ActiveRegisteredTo(account.Id, account.EmailAddress).ToString();
        var samples = await Task.WhenAll(connection.DeviceSpaces.Select(space =>
            connection.Devices.SampleAsync(space.Id, filter, NamesShown, cancellationToken))).ConfigureAwait(false);
        return new RegisteredDevices(samples.Sum(s => s.TotalCount),
            samples.SelectMany(s => s.First).Select(d => d.DeviceName ?? d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Take(NamesShown).ToList());
    }

    /// <summary>"3 device(s) (PAR-1, PAR-2, PAR-3)" or "12 device(s) (PAR-1, ..., PAR-5 and 7 more)".</summary>
    public override string ToString()
    {
        long more = Count - Names.Count;
        string list = string.Join(", ", Names) + (more > 0 ? $" and {more} more" : string.Empty);
        return Names.Count == 0 ? $"{Count} device(s)" : $"{Count} device(s) ({list})";
    }
}
