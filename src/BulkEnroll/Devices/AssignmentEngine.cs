using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons;
using BulkEnroll.Neurons.Records;

namespace BulkEnroll.Devices
{
    /// <summary>
    /// Assigns bulk-enrolled devices to their real users, the way an admin would in the Ivanti UI but for thousands:
    /// requests stream in; each is resolved (device, target user), checked against the rules, confirmed
    /// (ShouldProcess), grouped per target user into batches of at most 10, sent with bounded concurrency, and then
    /// verified by reading the device back until the asynchronous reassignment has finished.
    /// Safe to re-run: a device already on its user is reported AlreadyAssigned and nothing is sent; a batch whose
    /// answer was lost is read back before anything is sent again, so no device is reassigned twice.
    /// </summary>
    internal sealed class AssignmentEngine
    {
        private readonly BulkEnrollConnection _connection;
        private readonly GenericUserDirectory _users;
        private readonly DeviceLocator _locator;
        private readonly IAssignmentSink _sink;
        private readonly AssignmentOptions _options;
        private readonly CancellationToken _stop;
        private readonly SemaphoreSlim _admission;
        private readonly SemaphoreSlim _sendSlots;
        private readonly ConcurrentDictionary<string, Lazy<Task<AccountRecord?>>> _targets =
            new ConcurrentDictionary<string, Lazy<Task<AccountRecord?>>>(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<long, string> _claimed = new ConcurrentDictionary<long, string>();
        private readonly ConcurrentQueue<Task> _work = new ConcurrentQueue<Task>();
        private readonly Dictionary<long, PendingBatch> _openBatches = new Dictionary<long, PendingBatch>();
        private readonly object _batchLock = new object();

        public AssignmentEngine(BulkEnrollConnection connection, GenericUserDirectory users, IAssignmentSink sink, AssignmentOptions options, CancellationToken stop)
        {
            _connection = connection;
            _users = users;
            _sink = sink;
            _options = options;
            _stop = stop;
            _locator = new DeviceLocator(connection, users, options.ThrottleLimit, sink.Verbose);
            // Enough requests in hand to keep every batch slot full, few enough that a 100,000-row CSV is not held at once.
            _admission = new SemaphoreSlim(Math.Max(16, options.ThrottleLimit * options.BatchSize * 4));
            _sendSlots = new SemaphoreSlim(options.ThrottleLimit);
        }

        public AssignmentCounters Counters { get; } = new AssignmentCounters();

        /// <summary>Takes one request; returns as soon as the engine has room for it.</summary>
        public async Task SubmitAsync(AssignmentRequest request)
        {
            Counters.CountReceived();
            await _admission.WaitAsync(_stop).ConfigureAwait(false);
            _work.Enqueue(HandleAsync(request));
        }

        /// <summary>No more input: send what is waiting in partial batches and wait for every device's outcome.</summary>
        public async Task CompleteAsync()
        {
            while (_work.TryDequeue(out Task? task))
            {
                await task.ConfigureAwait(false);
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
                // Stopped (Ctrl+C): the run ends here; a re-run picks the device up again.
            }
            catch (BulkEnrollException e)
            {
                Report(Result(request, null, DeviceAssignmentStatus.Failed, e.Message), AssignmentFailure.RequestFailed, request);
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
                Fail(request, null, located.ErrorId!, located.Message!);
                return;
            }

            if (device.EnrolledBy == null)
            {
                Fail(request, device, AssignmentFailure.NotBulkEnrolled,
                    $"Device {Describe(device)} was enrolled by {device.OwnerUpn ?? "a real user"}, not by a {GenericUser.Prefix}* user; only bulk-enrolled devices can be assigned.");
                return;
            }

            if (device.IsInitiated)
            {
                _sink.Verbose($"Device {Describe(device)}: a reassignment is still in progress; waiting for it before deciding.");
                device = await WaitUntilSettledAsync(device).ConfigureAwait(false);
                if (device.IsInitiated)
                {
                    Fail(request, device, AssignmentFailure.VerificationFailed, $"Device {Describe(device)}: an earlier reassignment is still in progress after {_options.WaitTimeout.TotalSeconds:0} s.");
                    return;
                }
            }

            if (!string.Equals(device.RegistrationState, "ACTIVE", StringComparison.OrdinalIgnoreCase))
            {
                Fail(request, device, AssignmentFailure.DeviceNotActive, $"Device {Describe(device)} is {device.RegistrationState}; only active devices can be assigned.");
                return;
            }

            if (IsOwnedBy(device, target))
            {
                Report(Result(request, device, DeviceAssignmentStatus.AlreadyAssigned, $"Already assigned to {target.PrincipalName}; nothing sent.", target), null, request);
                return;
            }

            if (!_claimed.TryAdd(device.Id, target.PrincipalName))
            {
                string first = _claimed[device.Id];
                Report(Result(request, device, DeviceAssignmentStatus.Skipped, $"Listed more than once in this run; its first entry (to {first}) is the one applied.", target),
                    AssignmentFailure.DuplicateDevice, request);
                return;
            }

            string owner = device.OwnerUpn ?? device.EnrolledBy ?? "?";
            if (!await _sink.ShouldProcessAsync($"{Describe(device)} (now {owner})", $"Assign to {target.PrincipalName}").ConfigureAwait(false))
            {
                return;
            }

            var item = new BatchItem(request, device, target);
            Enqueue(item);
            (DeviceAssignmentResult result, string? errorId) = await item.Done.Task.ConfigureAwait(false);
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

            Lazy<Task<AccountRecord?>> lookup = _targets.GetOrAdd(upn, key => new Lazy<Task<AccountRecord?>>(() => _connection.Accounts.FindByUidAsync(key, _stop)));
            AccountRecord? account;
            try
            {
                account = await lookup.Value.ConfigureAwait(false);
            }
            catch (NeuronsApiException)
            {
                _targets.TryRemove(upn, out _); // a later row may try again rather than inherit a transient failure
                throw;
            }

            if (account == null)
            {
                Fail(request, null, AssignmentFailure.UserNotFound, $"There is no user '{upn}' in the tenant.");
            }

            return account;
        }

        private Task<LocateResult> LocateAsync(AssignmentRequest request)
        {
            if (request.Device != null)
            {
                // Objects from Get-BulkEnrolledDevice are fresh enough, unless they were caught mid-reassignment.
                return request.Device.ReassignmentStatus == ReassignmentStates.Initiated
                    ? _locator.ByIdAsync(request.Device.Id, _stop)
                    : Task.FromResult(LocateResult.Found(AssignmentCandidate.FromDevice(request.Device)));
            }

            if (request.Id is long id)
            {
                return _locator.ByIdAsync(id, _stop);
            }

            if (request.SerialNumber != null)
            {
                return _locator.BySerialNumberAsync(request.SerialNumber, _stop);
            }

            if (request.Name != null)
            {
                return _locator.ByNameAsync(request.Name, _stop);
            }

            return Task.FromResult(LocateResult.Missing(AssignmentFailure.DeviceNotIdentified,
                "The input names no device: give -Id, -SerialNumber or -Name (CSV columns such as Id, SerialNumber or DeviceName)."));
        }

        private void Enqueue(BatchItem item)
        {
            PendingBatch? ready = null;
            PendingBatch? started = null;
            lock (_batchLock)
            {
                if (!_openBatches.TryGetValue(item.Target.Id, out PendingBatch? batch))
                {
                    batch = new PendingBatch(item.Target);
                    _openBatches[item.Target.Id] = batch;
                    started = batch;
                }

                batch.Items.Add(item);
                if (batch.Items.Count >= _options.BatchSize)
                {
                    _openBatches.Remove(item.Target.Id);
                    ready = batch;
                    started = null;
                }
            }

            if (ready != null)
            {
                _ = SendBatchAsync(ready);
            }
            else if (started != null)
            {
                _ = SendAfterLingerAsync(started);
            }
        }

        private async Task SendAfterLingerAsync(PendingBatch batch)
        {
            try
            {
                await Task.Delay(_options.BatchLinger, _stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Fall through: SendBatchAsync settles every item, cancelled or not.
            }

            lock (_batchLock)
            {
                if (!_openBatches.TryGetValue(batch.Target.Id, out PendingBatch? open) || !ReferenceEquals(open, batch))
                {
                    return; // already sent because it filled up
                }

                _openBatches.Remove(batch.Target.Id);
            }

            await SendBatchAsync(batch).ConfigureAwait(false);
        }

        private async Task SendBatchAsync(PendingBatch batch)
        {
            try
            {
                await SendAndVerifyAsync(batch).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                foreach (BatchItem item in batch.Items)
                {
                    item.Done.TrySetCanceled();
                }
            }
            catch (Exception e)
            {
                foreach (BatchItem item in batch.Items)
                {
                    item.Complete(DeviceAssignmentStatus.Failed, e.Message, AssignmentFailure.RequestFailed);
                }
            }
        }

        private async Task SendAndVerifyAsync(PendingBatch batch)
        {
            int number = Counters.CountBatch();
            AccountRecord target = batch.Target;
            var clock = Stopwatch.StartNew();
            _sink.Verbose($"Batch {number}: assigning {batch.Items.Count} device(s) to {target.PrincipalName}: {string.Join(", ", batch.Items.Select(i => Describe(i.Device)))}.");
            List<BatchItem> accepted = await SendAsync(number, batch).ConfigureAwait(false);

            if (_options.NoWait)
            {
                foreach (BatchItem item in accepted)
                {
                    item.Complete(DeviceAssignmentStatus.Initiated, $"The tenant started reassigning it to {target.PrincipalName} (-NoWait: not verified).");
                }
            }
            else
            {
                await Task.WhenAll(accepted.Select(VerifyAsync)).ConfigureAwait(false);
            }

            int assigned = batch.Items.Count(i => i.Done.Task.Status == TaskStatus.RanToCompletion && i.Done.Task.Result.Result.Status != DeviceAssignmentStatus.Failed);
            _sink.Verbose($"Batch {number}: finished in {clock.Elapsed.TotalSeconds:0.0} s; {assigned} of {batch.Items.Count} done, {batch.Items.Count - assigned} failed.");
        }

        /// <summary>Sends the batch; returns the items the tenant accepted. Rejections and failures are settled here.</summary>
        private async Task<List<BatchItem>> SendAsync(int number, PendingBatch batch)
        {
            var accepted = new List<BatchItem>();
            List<BatchItem> pending = batch.Items.ToList();
            await _sendSlots.WaitAsync(_stop).ConfigureAwait(false);
            try
            {
                for (int attempt = 1; pending.Count > 0; attempt++)
                {
                    ReassignmentResponse response;
                    try
                    {
                        response = await _connection.Devices.UpdateAccountAsync(batch.Target.Id, pending.Select(i => i.Device.Id).ToList(), _stop).ConfigureAwait(false);
                    }
                    catch (NeuronsApiException e) when (e.OutcomeUnknown && attempt < _options.MaxSendAttempts)
                    {
                        _sink.Verbose($"Batch {number}: the tenant's answer was lost ({e.ErrorId}); reading the devices back before sending again.");
                        pending = await KeepUnappliedAsync(pending, accepted).ConfigureAwait(false);
                        continue;
                    }
                    catch (NeuronsApiException e)
                    {
                        foreach (BatchItem item in pending)
                        {
                            item.Complete(DeviceAssignmentStatus.Failed, e.Message, AssignmentFailure.RequestFailed);
                        }

                        break;
                    }

                    Settle(number, pending, response, accepted);
                    break;
                }
            }
            finally
            {
                _sendSlots.Release();
            }

            return accepted;
        }

        private void Settle(int number, List<BatchItem> sent, ReassignmentResponse response, List<BatchItem> accepted)
        {
            if (!response.Accepted)
            {
                foreach (BatchItem item in sent)
                {
                    item.Complete(DeviceAssignmentStatus.Failed, "The tenant answered that the reassignment failed (result 0).", AssignmentFailure.AssignmentRejected);
                }

                return;
            }

            var rejected = new HashSet<long>(response.Rejected.Select(d => d.Id));
            foreach (BatchItem item in sent)
            {
                if (rejected.Contains(item.Device.Id))
                {
                    item.Complete(DeviceAssignmentStatus.Failed,
                        $"The tenant refused to reassign device {Describe(item.Device)}: it is not eligible (not bulk-enrolled, not active, or already being reassigned).",
                        AssignmentFailure.AssignmentRejected);
                }
                else
                {
                    accepted.Add(item);
                }
            }

            _sink.Verbose($"Batch {number}: the tenant accepted {sent.Count - rejected.Count} and refused {rejected.Count}.");
        }

        /// <summary>After a lost answer: which devices did the tenant act on? Those are accepted; the rest go again.</summary>
        private async Task<List<BatchItem>> KeepUnappliedAsync(List<BatchItem> pending, List<BatchItem> accepted)
        {
            var unapplied = new List<BatchItem>();
            foreach (BatchItem item in pending)
            {
                AssignmentCandidate current;
                try
                {
                    current = await ReadAsync(item.Device.Id).ConfigureAwait(false);
                }
                catch (NeuronsApiException e)
                {
                    item.Complete(DeviceAssignmentStatus.Failed, $"Could not tell whether the tenant reassigned it: {e.Message}", AssignmentFailure.VerificationFailed);
                    continue;
                }

                if (current.IsInitiated || IsOwnedBy(current, item.Target))
                {
                    accepted.Add(item);
                }
                else
                {
                    unapplied.Add(item);
                }
            }

            return unapplied;
        }

        private async Task VerifyAsync(BatchItem item)
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
                catch (NeuronsApiException e)
                {
                    item.Complete(DeviceAssignmentStatus.Failed, $"The reassignment was started but reading the device back failed: {e.Message}", AssignmentFailure.VerificationFailed);
                    return;
                }

                if (string.Equals(current.ReassignmentStatus, ReassignmentStates.Failed, StringComparison.OrdinalIgnoreCase))
                {
                    item.Complete(DeviceAssignmentStatus.Failed, $"The tenant reports that reassigning device {Describe(item.Device)} to {item.Target.PrincipalName} FAILED.",
                        AssignmentFailure.ReassignmentFailed);
                    return;
                }

                if (!current.IsInitiated && IsOwnedBy(current, item.Target))
                {
                    item.Complete(DeviceAssignmentStatus.Assigned, $"Assigned to {item.Target.PrincipalName} (verified).");
                    return;
                }

                if (DateTime.UtcNow > deadline)
                {
                    item.Complete(DeviceAssignmentStatus.Failed,
                        $"Device {Describe(item.Device)} still belongs to {current.OwnerUpn} (status {current.ReassignmentStatus ?? "none"}) {_options.WaitTimeout.TotalSeconds:0} s after the reassignment was accepted.",
                        AssignmentFailure.VerificationFailed);
                    return;
                }

                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, _options.MaxPollDelay.TotalMilliseconds));
            }
        }

        private async Task<AssignmentCandidate> WaitUntilSettledAsync(AssignmentCandidate device)
        {
            DateTime deadline = DateTime.UtcNow + _options.WaitTimeout;
            TimeSpan delay = _options.FirstPollDelay;
            AssignmentCandidate current = device;
            while (current.IsInitiated && DateTime.UtcNow < deadline)
            {
                await Task.Delay(delay, _stop).ConfigureAwait(false);
                current = await ReadAsync(device.Id).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, _options.MaxPollDelay.TotalMilliseconds));
            }

            current.SerialNumber ??= device.SerialNumber;
            return current;
        }

        private async Task<AssignmentCandidate> ReadAsync(long deviceId)
        {
            DeviceRecord record = await _connection.Devices.GetAsync(_connection.DeviceSpaceId, deviceId, _stop).ConfigureAwait(false);
            return AssignmentCandidate.FromRecord(record, _users, null);
        }

        private static bool IsOwnedBy(AssignmentCandidate device, AccountRecord user)
            => device.OwnerId == user.Id || string.Equals(device.OwnerUpn, user.PrincipalName, StringComparison.OrdinalIgnoreCase);

        private static string Describe(AssignmentCandidate device)
            => device.Name != null ? $"{device.Name} ({device.Id})" : device.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private void Fail(AssignmentRequest request, AssignmentCandidate? device, string errorId, string message)
            => Report(Result(request, device, DeviceAssignmentStatus.Failed, message), errorId, request);

        private void Report(DeviceAssignmentResult result, string? errorId, AssignmentRequest request)
        {
            Counters.Count(result.Status);
            ErrorRecord? error = errorId == null ? null
                : new BulkEnrollException(errorId, AssignmentFailure.CategoryOf(errorId), result.Message ?? errorId, request.Source ?? result.DeviceId).ToErrorRecord();
            _sink.Report(result, error);
            _sink.Progress(Counters);
        }

        private static DeviceAssignmentResult Result(AssignmentRequest request, AssignmentCandidate? device, DeviceAssignmentStatus status, string message, AccountRecord? target = null)
            => new DeviceAssignmentResult
            {
                DeviceId = device?.Id ?? request.Device?.Id ?? request.Id,
                DeviceName = device?.Name ?? request.Device?.Name ?? request.Name,
                SerialNumber = device?.SerialNumber ?? request.Device?.SerialNumber ?? request.SerialNumber,
                PreviousUser = device?.OwnerUpn ?? device?.EnrolledBy,
                UserPrincipalName = target?.PrincipalName ?? request.UserPrincipalName,
                Status = status,
                Message = message,
            };

        private sealed class PendingBatch
        {
            public PendingBatch(AccountRecord target) => Target = target;

            public AccountRecord Target { get; }

            public List<BatchItem> Items { get; } = new List<BatchItem>();
        }

        private sealed class BatchItem
        {
            public BatchItem(AssignmentRequest request, AssignmentCandidate device, AccountRecord target)
            {
                Request = request;
                Device = device;
                Target = target;
            }

            public AssignmentRequest Request { get; }

            public AssignmentCandidate Device { get; }

            public AccountRecord Target { get; }

            public TaskCompletionSource<(DeviceAssignmentResult Result, string? ErrorId)> Done { get; } =
                new TaskCompletionSource<(DeviceAssignmentResult, string?)>(TaskCreationOptions.RunContinuationsAsynchronously);

            public void Complete(DeviceAssignmentStatus status, string message, string? errorId = null)
                => Done.TrySetResult((Result(Request, Device, status, message, Target), errorId));
        }
    }
}
