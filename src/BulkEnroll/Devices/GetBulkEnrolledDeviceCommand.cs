using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Concurrency;
using BulkEnroll.Devices;
using BulkEnroll.Neurons;
using BulkEnroll.Neurons.Records;
using BulkEnroll.Users;

namespace BulkEnroll.Commands;

/// <summary>
/// The Windows devices that generic <c>windows-bulkenroll*</c> users enrolled: every page, streamed as it
/// arrives, pages fetched a few at a time; serial numbers from hardware inventory only when asked.
/// </summary>
[Cmdlet(VerbsCommon.Get, "BulkEnrolledDevice", DefaultParameterSetName = ListSet)]
[OutputType(typeof(BulkEnrolledDevice))]
public sealed class GetBulkEnrolledDeviceCommand : ConnectedCmdlet
{
    private const string ListSet = "List";
    private const string ByIdSet = "ById";

    private GenericUserDirectory? _users;
    private EnrolledDeviceListing? _early;
    private readonly SemaphoreSlim _pagesWaiting = new SemaphoreSlim(2);

    // By value only: BulkEnrollUser objects also have an Id, and they must bind -EnrolledBy instead.
    [Parameter(Mandatory = true, ParameterSetName = ByIdSet, ValueFromPipeline = true)]
    [Alias("DeviceId")]
    public long[] Id { get; set; } = Array.Empty<long>();

    /// <summary>Generic user(s) that enrolled the devices; wildcards allowed.</summary>
    [Parameter(ParameterSetName = ListSet, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [Alias("UserPrincipalName")]
    [ArgumentCompleter(typeof(Completion.GenericUserCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? EnrolledBy { get; set; }

    [Parameter(ParameterSetName = ListSet, Position = 0)]
    [SupportsWildcards]
    [Alias("DeviceName", "ComputerName")]
    [ArgumentCompleter(typeof(Completion.DeviceNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Device names matched exactly as typed: '[', ']', '*' and '?' are characters of the name, not wildcards.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ArgumentCompleter(typeof(Completion.DeviceNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? LiteralName { get; set; }

    /// <summary>Implies reading hardware inventory for every candidate device.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [Alias("Serial")]
    [ArgumentCompleter(typeof(Completion.DeviceSerialCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? SerialNumber { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    public SwitchParameter Unassigned { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    public SwitchParameter Assigned { get; set; }

    /// <summary>States to list; ACTIVE (the assignable devices) when left out, every state with All.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateSet(RegistrationStates.Active, RegistrationStates.RetirePending, RegistrationStates.Retired, RegistrationStates.WipePending,
        RegistrationStates.Wiped, RegistrationStates.Pending, RegistrationStates.All, IgnoreCase = true)]
    public string[]? RegistrationState { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    public DateTime? LastCheckInBefore { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    public DateTime? LastCheckInAfter { get; set; }

    /// <summary>Read each device's serial number from hardware inventory (one extra request per device).</summary>
    [Parameter]
    public SwitchParameter IncludeSerialNumber { get; set; }

    /// <summary>Requests in flight at once for pages and hardware inventory.</summary>
    [Parameter]
    [ValidateRange(1, 32)]
    public int ThrottleLimit { get; set; } = 4;

    protected override void BeginProcessing()
    {
        if (Unassigned && Assigned)
        {
            ThrowTerminatingError(new BulkEnrollException("ConflictingFilters", ErrorCategory.InvalidArgument,
                "-Assigned and -Unassigned exclude each other; leave both out to list every device.").ToErrorRecord());
        }

        base.BeginProcessing();
    }

    protected override async Task BeginProcessingAsync(CancellationToken cancellationToken)
    {
        _early = StartOnLastKnownUsers(cancellationToken);
        _users = await GenericUserDirectory.LoadAsync(ActiveConnection, cancellationToken).ConfigureAwait(false);
        ActiveConnection.ListingMemory.Users = _users;
        EmitVerbose($"The tenant has {_users.Users.Count} generic {GenericUser.Prefix}* user(s).");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _early?.Dispose();
            _pagesWaiting.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// The generic-user list and the devices' first pages cost a round trip each, one after the other: when this
    /// connection has listed before, the listing starts on the users it saw then while they are read again, and
    /// is kept only if they are still the same (otherwise dropped unread). Not when -EnrolledBy comes from the
    /// pipeline: it is not known yet.
    /// </summary>
    private EnrolledDeviceListing? StartOnLastKnownUsers(CancellationToken cancellationToken)
    {
        if (ParameterSetName != ListSet || MyInvocation.ExpectingInput || ActiveConnection.ListingMemory.Users is not GenericUserDirectory known)
        {
            return null;
        }

        try
        {
            IReadOnlyList<AccountRecord> enrollers = known.Matching(EnrolledBy, nameof(EnrolledBy));
            DeviceQuery query = BuildQuery();
            return enrollers.Count == 0 || NeedsSerials(query)
                ? null
                : EnrolledDeviceListing.Start(ActiveConnection, enrollers, query, ThrottleLimit, cancellationToken);
        }
        catch (BulkEnrollException)
        {
            return null; // a bad pattern: the listing proper reports it
        }
    }

    private DeviceQuery BuildQuery()
        => new DeviceQuery(Name, LiteralName, SerialNumber, Assigned ? true : Unassigned ? false : (bool?)null,
            RegistrationState, LastCheckInBefore, LastCheckInAfter);

    private bool NeedsSerials(DeviceQuery query) => IncludeSerialNumber || query.FiltersBySerial;

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
        => ParameterSetName == ByIdSet ? EmitByIdAsync(cancellationToken) : EmitListAsync(cancellationToken);

    private async Task EmitByIdAsync(CancellationToken cancellationToken)
    {
        foreach (long id in Id)
        {
            DeviceRecord record;
            try
            {
                record = await ActiveConnection.Devices.GetAsync(ActiveConnection.DeviceSpaceId, id, cancellationToken).ConfigureAwait(false);
            }
            catch (NeuronsApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                EmitError("DeviceNotFound", ErrorCategory.ObjectNotFound,
                    $"There is no device {id} in the device space '{ActiveConnection.DeviceSpaceName}'.", id);
                continue;
            }

            if (!_users!.TryGet(record.EnrollerId, out AccountRecord enroller))
            {
                EmitError("NotBulkEnrolled", ErrorCategory.InvalidOperation,
                    $"Device {id} ({record.DeviceName}) was not enrolled by a {GenericUser.Prefix}* user.", id);
                continue;
            }

            string? serial = IncludeSerialNumber
                ? await ActiveConnection.Devices.GetSerialNumberAsync(ActiveConnection.DeviceSpaceId, record.Id, cancellationToken).ConfigureAwait(false)
                : null;
            Emit(DeviceMapper.ToDevice(record, enroller, serial));
        }
    }

    private async Task EmitListAsync(CancellationToken cancellationToken)
    {
        // Built per record: -EnrolledBy may come from the pipeline (Get-BulkEnrollUser | Get-BulkEnrolledDevice).
        DeviceQuery query = BuildQuery();
        bool readSerials = NeedsSerials(query);
        EmitVerbose(query.States == null
            ? "Listing devices in every registration state."
            : $"Listing {string.Join(", ", query.States)} devices only" + (RegistrationState == null ? " (the ones that can be assigned; -RegistrationState All lists retired ones too)." : "."));
        if (query.FiltersBySerial)
        {
            EmitVerbose("Windows serial numbers are only in hardware inventory: reading it for every candidate device.");
        }

        long emitted = 0;
        long seen = 0;
        var progress = new ProgressRecord(1, "Listing bulk-enrolled devices", "Reading generic users");
        IReadOnlyList<AccountRecord> enrollers = _users!.Matching(EnrolledBy, nameof(EnrolledBy));
        // Generic users are listed side by side and every page is requested as soon as it is known: a tenant with
        // fifty small sites waits a few round trips, not fifty, and a small fleet as few as a large one.
        await foreach (IReadOnlyList<BulkEnrolledDevice> devices in ListAsync(enrollers, query, readSerials, cancellationToken).ConfigureAwait(false))
        {
            var listed = new List<object>(devices.Count);
            foreach (BulkEnrolledDevice device in devices)
            {
                if (query.Matches(device))
                {
                    listed.Add(device);
                }
            }

            if (listed.Count > 0)
            {
                // A page goes to the pipeline thread in one hand-over rather than one per device (one wake-up, not
                // five hundred); at most two wait there, so a slow pipeline still holds back the pages, not memory.
                await _pagesWaiting.WaitAsync(cancellationToken).ConfigureAwait(false);
                EmitAll(listed, () => _pagesWaiting.Release());
            }

            long before = seen;
            seen += devices.Count;
            emitted += listed.Count;
            if (seen / 500 > before / 500)
            {
                progress.StatusDescription = $"{seen} devices read, {emitted} listed";
                EmitProgress(progress);
            }
        }

        progress.RecordType = ProgressRecordType.Completed;
        EmitProgress(progress);
        foreach (string name in _users.Unknown(EnrolledBy))
        {
            EmitError("UserNotFound", ErrorCategory.ObjectNotFound, $"There is no generic user '{name}' in the tenant.", name);
        }

        EmitVerbose($"{emitted} bulk-enrolled device(s) listed.");
    }

    /// <summary>Each generic user's devices in turn (users by UPN, devices by id), pages fetched ahead by <see cref="EnrolledDevicePager"/>.</summary>
    private IAsyncEnumerable<IReadOnlyList<BulkEnrolledDevice>> ListAsync(IReadOnlyList<AccountRecord> enrollers, DeviceQuery query, bool readSerials, CancellationToken cancellationToken)
    {
        foreach (AccountRecord enroller in enrollers)
        {
            EmitVerbose($"Listing devices enrolled by {enroller.PrincipalName} (fq: {query.ServerFilter(enroller)}).");
        }

        BulkEnrollConnection connection = ActiveConnection;
        EnrolledDeviceListing? early = _early;
        _early = null;
        EnrolledDeviceListing listing;
        if (early != null && early.Lists(enrollers, query, ThrottleLimit))
        {
            listing = early;
        }
        else
        {
            early?.Dispose();
            listing = EnrolledDeviceListing.Start(connection, enrollers, query, ThrottleLimit, cancellationToken);
        }

        if (!readSerials)
        {
            return Pages(listing, cancellationToken);
        }

        // One inventory request per device, ThrottleLimit at a time, in order: each device goes out as soon as it has its serial.
        return OrderedConcurrency.SelectAsync(listing.ReadRecordsAsync(cancellationToken),
            async (r, ct) => (IReadOnlyList<BulkEnrolledDevice>)new[]
            {
                DeviceMapper.ToDevice(r.Record, r.Enroller, await connection.Devices.GetSerialNumberAsync(connection.DeviceSpaceId, r.Record.Id, ct).ConfigureAwait(false)),
            },
            ThrottleLimit, cancellationToken);
    }

    private static async IAsyncEnumerable<IReadOnlyList<BulkEnrolledDevice>> Pages(EnrolledDeviceListing listing,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (listing)
        {
            await foreach ((AccountRecord enroller, List<DeviceRecord> page) in listing.ReadPagesAsync(cancellationToken).ConfigureAwait(false))
            {
                var devices = new BulkEnrolledDevice[page.Count];
                for (int i = 0; i < devices.Length; i++)
                {
                    devices[i] = DeviceMapper.ToDevice(page[i], enroller);
                }

                yield return devices;
            }
        }
    }
}
