using System;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons;
using BulkEnroll.Neurons.Records;
using BulkEnroll.Users;

namespace BulkEnroll.Assignment;

/// <summary>
/// Reads devices back: to wait out a reassignment already in progress, and to verify that one the tenant
/// accepted really ended with the device on its new user (the reassignment is asynchronous: PENDING or INITIATED,
/// then SUCCESS or FAILED; on a tenant without the status field only the owner fields and changeOwnerCounter
/// tell). Polls start quickly and slow down, up to the run's wait timeout.
/// </summary>
internal sealed class DeviceStateWatcher
{
    private readonly DeviceLocator _locator;
    private readonly BulkEnrollConnection _connection;
    private readonly GenericUserDirectory _users;
    private readonly AssignmentOptions _options;
    private readonly CancellationToken _stop;
    private readonly AssignmentAbort _abort;

    public DeviceStateWatcher(DeviceLocator locator, GenericUserDirectory users, AssignmentOptions options, AssignmentAbort abort)
    {
        _locator = locator;
        _connection = locator.Connection;
        _users = users;
        _options = options;
        _abort = abort;
        _stop = abort.Token;
    }

    public async Task VerifyAsync(BatchItem item)
    {
        DateTime deadline = DateTime.UtcNow + _options.WaitTimeout;
        TimeSpan delay = _options.FirstPollDelay;
        while (true)
        {
            await Task.Delay(delay, _stop).ConfigureAwait(false);
            AssignmentCandidate current;
            try
            {
                current = await ReadAsync(item.Device.Id).ConfigureAwait(false);
            }
            catch (NeuronsApiException e) when (_abort.TryAbort(e))
            {
                item.Done.TrySetCanceled(); // listed as not done: a re-run finds it assigned or assigns it
                return;
            }
            catch (NeuronsApiException e)
            {
                item.Complete(DeviceAssignmentStatus.Failed, $"The reassignment was started but reading the device back failed: {e.Message}", AssignmentFailure.VerificationFailed);
                return;
            }

            // The first device read back after a reassignment was accepted shows whether this tenant has the field.
            _connection.Variants.ObserveReassignmentStatusField(current.HasStatusField);
            if (ReassignmentStatuses.IsFailed(current.ReassignmentStatus))
            {
                item.Complete(DeviceAssignmentStatus.Failed, $"The tenant reports that reassigning device {item.Device.Describe()} to {item.Target.PrincipalName} FAILED.",
                    AssignmentFailure.ReassignmentFailed);
                return;
            }

            if (!current.IsInProgress && current.IsOwnedBy(item.Target) && CounterAgrees(item.Device, current))
            {
                item.Complete(DeviceAssignmentStatus.Assigned, $"Assigned to {item.Target.PrincipalName} (verified).");
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                item.Complete(DeviceAssignmentStatus.Failed,
                    $"Device {item.Device.Describe()} still belongs to {current.OwnerUpn} (status {current.ReassignmentStatus ?? "none"}) {_options.WaitTimeout.TotalSeconds:0} s after the reassignment was accepted.",
                    AssignmentFailure.VerificationFailed);
                return;
            }

            delay = Slower(delay);
        }
    }

    public async Task<AssignmentCandidate> WaitUntilSettledAsync(AssignmentCandidate device)
    {
        DateTime deadline = DateTime.UtcNow + _options.WaitTimeout;
        TimeSpan delay = _options.FirstPollDelay;
        AssignmentCandidate current = device;
        while (current.IsInProgress && DateTime.UtcNow < deadline)
        {
            await Task.Delay(delay, _stop).ConfigureAwait(false);
            current = await ReadAsync(device.Id).ConfigureAwait(false);
            delay = Slower(delay);
        }

        current.SerialNumber ??= device.SerialNumber;
        return current;
    }

    /// <summary>
    /// Without a status field, an owner that already looks right could be a stale read; a changeOwnerCounter that
    /// moved past its value before the call confirms the change. Absent counters (optional field) do not block.
    /// </summary>
    private static bool CounterAgrees(AssignmentCandidate before, AssignmentCandidate now)
        => now.HasStatusField || before.ChangeOwnerCounter is not int was || now.ChangeOwnerCounter is not int isNow || isNow > was;

    /// <summary>Reassignments usually finish within seconds; later polls back off so a slow one costs few requests.</summary>
    private TimeSpan Slower(TimeSpan delay) => TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, _options.MaxPollDelay.TotalMilliseconds));

    /// <summary>
    /// After a lost answer, whether the tenant acted decides whether the batch is sent again: read each device on its
    /// own (GET by id), never through a search a tenant may serve from a lagging index.
    /// </summary>
    public async Task<AssignmentCandidate> ReadExactlyAsync(long deviceId)
    {
        DeviceRecord record = await _connection.Devices.GetAsync(_connection.DeviceSpaceId, deviceId, _stop).ConfigureAwait(false);
        return AssignmentCandidate.FromRecord(record, _users, null);
    }

    public async Task<AssignmentCandidate> ReadAsync(long deviceId)
    {
        // Devices polled at about the same time share one list query (DeviceLocator.ReadAsync); each is still judged on its own record.
        DeviceRecord record = await _locator.ReadAsync(deviceId, _stop).ConfigureAwait(false);
        return AssignmentCandidate.FromRecord(record, _users, null);
    }
}
