using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Devices;
using BulkEnroll.Neurons;
using BulkEnroll.Neurons.Records;
using BulkEnroll.Users;

namespace BulkEnroll.Assignment;

/// <summary>
/// Assigns bulk-enrolled devices to their real users, the way an admin would in the Ivanti UI but for thousands:
/// requests stream in; each is resolved (device, target user), checked against the rules, confirmed
/// (ShouldProcess), grouped per target user into batches of at most 10, sent with bounded concurrency, and then
/// verified by reading the device back until the asynchronous reassignment has finished.
/// Safe to re-run: a device already on its user is reported AlreadyAssigned and nothing is sent; a batch whose
/// answer was lost is read back before anything is sent again, so no device is reassigned twice.
/// </summary>
internal sealed class AssignmentEngine : IDisposable
{
    private readonly BulkEnrollConnection _connection;
    private readonly GenericUserDirectory _users;
    private readonly DeviceLocator _locator;
    private readonly DeviceKeyCheck _keys;
    private readonly IAssignmentSink _sink;
    private readonly AssignmentOptions _options;
    private readonly CancellationToken _stop;
    private readonly AssignmentAbort _abort;
    private readonly SemaphoreSlim _admission;
    private readonly DeviceStateWatcher _watcher;
    private readonly AssignmentBatchSender _batches;
    private readonly BatchedLookup<AccountRecord> _accounts;
    private readonly ConcurrentDictionary<string, Lazy<Task<AccountRecord?>>> _targets =
        new ConcurrentDictionary<string, Lazy<Task<AccountRecord?>>>(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<long, string> _claimed = new ConcurrentDictionary<long, string>();
    private readonly ConcurrentQueue<Task> _work = new ConcurrentQueue<Task>();

    public AssignmentEngine(BulkEnrollConnection connection, GenericUserDirectory users, IAssignmentSink sink, AssignmentOptions options, CancellationToken stop)
    {
        _connection = connection;
        _users = users;
        _sink = sink;
        _options = options;
        _abort = new AssignmentAbort(connection.Client, stop);
        _stop = _abort.Token;
        _locator = new DeviceLocator(connection, users, sink.Verbose, options.BatchLinger, _stop);
        _keys = new DeviceKeyCheck(_locator);
        // Enough requests in hand to keep every batch slot full, few enough that a 100,000-row CSV is not held at once.
        _admission = new SemaphoreSlim(Math.Max(16, options.ThrottleLimit * options.BatchSize * 4));
        _watcher = new DeviceStateWatcher(_locator, users, options, _abort);
        _accounts = new BatchedLookup<AccountRecord>((uids, ct) => connection.Accounts.FindByUidsAsync(uids, BatchedLookup<AccountRecord>.Rows, ct),
            a => a.PrincipalName, connection.Variants, options.BatchLinger, _stop);
        _batches = new AssignmentBatchSender(connection, _watcher, sink, options, Counters, _abort);
    }

    public AssignmentCounters Counters { get; } = new AssignmentCounters();

    /// <summary>Takes one request; returns as soon as the engine has room for it.</summary>
    public async Task SubmitAsync(AssignmentRequest request)
    {
        Counters.CountReceived();
        try
        {
            await _admission.WaitAsync(_stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_abort.IsAborted)
        {
        }

        if (_abort.IsAborted)
        {
            _admission.Release();
            _abort.NotDone(request);
            await CompleteAsync().ConfigureAwait(false);
        }

        _work.Enqueue(HandleAsync(request));
    }

    public void Dispose() => _abort.Dispose();

    /// <summary>Takes a request the input already condemns (a CSV value PowerShell could not bind): counted and reported like any failure.</summary>
    public void Refuse(AssignmentRequest request, string errorId, string message)
    {
        Counters.CountReceived();
        Fail(request, null, errorId, message);
    }

    /// <summary>No more input: send what is waiting in partial batches and wait for every device's outcome.</summary>
    public async Task CompleteAsync()
    {
        while (_work.TryDequeue(out Task? task))
        {
            await task.ConfigureAwait(false);
        }

        if (_abort.IsAborted)
        {
            throw _abort.ToError(Counters);
        }
    }

    private async Task HandleAsync(AssignmentRequest request)
    {
        await Task.Yield();
        try
        {
            await ProcessAsync(request).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped (Ctrl+C, or the run was aborted): the run ends here; a re-run picks the device up again.
            if (_abort.IsAborted)
            {
                _abort.NotDone(request);
            }
        }
        catch (NeuronsApiException e) when (_abort.TryAbort(e))
        {
            _abort.NotDone(request);
        }
        catch (NeuronsApiException e)
        {
            (string errorId, string message) = AssignmentFailure.Of(e, _connection.DeviceSpaceName);
            Fail(request, null, errorId, message);
        }
        catch (BulkEnrollException e)
        {
            Fail(request, null, AssignmentFailure.RequestFailed, e.Message);
        }
        finally
        {
            _admission.Release();
        }
    }

    private async Task ProcessAsync(AssignmentRequest request)
    {
        AccountRecord? target = await ResolveTargetAsync(request).ConfigureAwait(false);
        if (target == null)
        {
            return;
        }

        LocateResult located = await LocateAsync(request).ConfigureAwait(false);
        AssignmentCandidate? device = located.Candidate;
        if (device == null)
        {
            if (NotEnrolledRule.Applies(request, located, _options))
            {
                Report(NotEnrolledRule.ResultFor(request, located), null, request);
                return;
            }

            Fail(request, null, located.ErrorId!, located.Message!);
            return;
        }

        if (device.EnrolledBy == null)
        {
            Fail(request, device, AssignmentFailure.NotBulkEnrolled,
                $"Device {device.Describe()} was enrolled by {device.OwnerUpn ?? "a real user"}, not by a {GenericUser.Prefix}* user; only bulk-enrolled devices can be assigned.");
            return;
        }

        if (device.IsInProgress)
        {
            _sink.Verbose($"Device {device.Describe()}: a reassignment is still in progress; waiting for it before deciding.");
            device = await _watcher.WaitUntilSettledAsync(device).ConfigureAwait(false);
            if (device.IsInProgress)
            {
                Fail(request, device, AssignmentFailure.VerificationFailed, $"Device {device.Describe()}: an earlier reassignment is still in progress after {_options.WaitTimeout.TotalSeconds:0} s.");
                return;
            }
        }

        if (!RegistrationStates.IsActive(device.RegistrationState))
        {
            Fail(request, device, AssignmentFailure.DeviceNotActive, $"Device {device.Describe()} is {device.RegistrationState}; only active devices can be assigned.");
            return;
        }

        if (device.IsOwnedBy(target))
        {
            Report(AssignmentResults.For(request, device, DeviceAssignmentStatus.AlreadyAssigned, $"Already assigned to {target.PrincipalName}; nothing sent.", target), null, request);
            return;
        }

        if (!_claimed.TryAdd(device.Id, target.PrincipalName))
        {
            string first = _claimed[device.Id];
            Report(AssignmentResults.For(request, device, DeviceAssignmentStatus.Skipped, $"Listed more than once in this run; its first entry (to {first}) is the one applied.", target),
                AssignmentFailure.DuplicateDevice, request);
            return;
        }

        string owner = device.OwnerUpn ?? device.EnrolledBy ?? "?";
        if (!await _sink.ShouldProcessAsync($"{device.Describe()} (now {owner})", $"Assign to {target.PrincipalName}").ConfigureAwait(false))
        {
            return;
        }

        var item = new BatchItem(request, device, target);
        _batches.Enqueue(item);
        (DeviceAssignmentResult result, string? errorId) = await item.Done.Task.ConfigureAwait(false);
        if (result.Status == DeviceAssignmentStatus.Assigned && request.Device != null)
        {
            // A piped device object is trusted as the device's state (no read before sending), so it is brought
            // up to date with what was verified: piping the same object again then finds it AlreadyAssigned
            // instead of reassigning it a second time.
            request.Device.AssignedTo = target.PrincipalName;
            request.Device.ReassignmentStatus = null;
        }

        Report(result, errorId, request);
    }

    private async Task<AccountRecord?> ResolveTargetAsync(AssignmentRequest request)
    {
        string upn = request.UserPrincipalName;
        if (!GenericUser.IsWellFormedUpn(upn))
        {
            Fail(request, null, AssignmentFailure.InvalidUserPrincipalName, $"'{upn}' is not a user principal name such as adele.vance@contoso.com.");
            return null;
        }

        if (GenericUser.IsGeneric(upn))
        {
            Fail(request, null, AssignmentFailure.TargetIsGenericUser,
                $"'{upn}' is a generic {GenericUser.Prefix}* user; devices are assigned from generic users to real users, not to them.");
            return null;
        }

        Lazy<Task<AccountRecord?>> lookup = _targets.GetOrAdd(upn, key => new Lazy<Task<AccountRecord?>>(() => FindUserAsync(key)));
        AccountRecord? account;
        try
        {
            account = await lookup.Value.ConfigureAwait(false);
        }
        catch (NeuronsApiException e)
        {
            _targets.TryRemove(upn, out _); // a later row may try again rather than inherit a transient failure
            if (e.StatusCode == System.Net.HttpStatusCode.Forbidden)
            {
                // Users are not in a device space: the role missing here is a tenant-wide one.
                Fail(request, null, AssignmentFailure.PermissionDenied,
                    $"The API user may not look up the user '{upn}' (403): grant it 'User Management' or 'User Read Only' (Admin > Roles).");
                return null;
            }

            throw;
        }

        if (account == null)
        {
            Fail(request, null, AssignmentFailure.UserNotFound, $"There is no user '{upn}' in the tenant.");
        }

        return account;
    }

    /// <summary>Once per UPN: in a batch with other rows' users, or on its own when the batch does not answer for it.</summary>
    private async Task<AccountRecord?> FindUserAsync(string upn)
    {
        IReadOnlyList<AccountRecord>? batched = await _accounts.FindAsync(upn).ConfigureAwait(false);
        return batched is { Count: > 0 } ? batched[0] : await _connection.Accounts.FindByUidAsync(upn, _stop).ConfigureAwait(false);
    }

    private Task<LocateResult> LocateAsync(AssignmentRequest request)
    {
        if (request.Device != null)
        {
            // Objects from Get-BulkEnrolledDevice are fresh enough, unless they were caught mid-reassignment.
            return ReassignmentStatuses.IsInProgress(request.Device.ReassignmentStatus)
                ? _locator.ByIdAsync(request.Device.Id, _stop)
                : Task.FromResult(LocateResult.Found(AssignmentCandidate.FromDevice(request.Device)));
        }

        return _keys.LocateAsync(request, _stop);
    }

    private void Fail(AssignmentRequest request, AssignmentCandidate? device, string errorId, string message)
        => Report(AssignmentResults.For(request, device, DeviceAssignmentStatus.Failed, message), errorId, request);

    private void Report(DeviceAssignmentResult result, string? errorId, AssignmentRequest request)
    {
        Counters.Count(result.Status);
        ErrorRecord? error = errorId == null ? null
            : new BulkEnrollException(errorId, AssignmentFailure.CategoryOf(errorId), result.Message ?? errorId, request.Source ?? result.DeviceId).ToErrorRecord();
        _sink.Report(result, error);
        _sink.Progress(Counters);
    }
}
