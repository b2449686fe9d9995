using System;

namespace BulkEnroll.Assignment;

internal sealed class AssignmentOptions
{
    /// <summary>Devices per updateAccount call; the Ivanti UI starts reassignment at once up to 10 (docs/reference/ivanti-api.md#assignment-batches).</summary>
    public const int MaxBatchSize = 10;

    public int BatchSize { get; set; } = MaxBatchSize;

    /// <summary>Batches in flight at once.</summary>
    public int ThrottleLimit { get; set; } = 8;

    /// <summary>Return once the tenant accepted the request instead of waiting for the reassignment.</summary>
    public bool NoWait { get; set; }

    /// <summary>Report a serial number or name the tenant does not know as a DeviceNotFound failure, not NotEnrolledYet.</summary>
    public bool NotEnrolledAsError { get; set; }

    /// <summary>How long to wait for an asynchronous reassignment to leave INITIATED.</summary>
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a partly filled batch (a lookup, or devices for the same user) waits for more before it goes.</summary>
    public static readonly TimeSpan DefaultBatchLinger = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a partly filled batch waits for more before it goes (the connection's, <see cref="BulkEnrollConnection.BatchLinger"/>).</summary>
    public TimeSpan BatchLinger { get; set; } = DefaultBatchLinger;

    public TimeSpan FirstPollDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxPollDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often a batch whose answer was lost is sent in all (the devices are read back before each re-send);
    /// the cmdlet sets it from the connection's -MaxRetryCount, so one knob bounds every kind of retry.
    /// </summary>
    public int MaxSendAttempts { get; set; } = 9;
}
