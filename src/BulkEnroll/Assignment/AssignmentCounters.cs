using System.Threading;

namespace BulkEnroll.Assignment;

/// <summary>Running totals of a Set-DeviceAssignment run, for progress and the closing summary.</summary>
internal sealed class AssignmentCounters
{
    private int _received;
    private int _assigned;
    private int _alreadyAssigned;
    private int _initiated;
    private int _failed;
    private int _skipped;
    private int _notEnrolledYet;
    private int _batches;

    public int Received => Volatile.Read(ref _received);

    public int Assigned => Volatile.Read(ref _assigned);

    public int AlreadyAssigned => Volatile.Read(ref _alreadyAssigned);

    public int Initiated => Volatile.Read(ref _initiated);

    public int Failed => Volatile.Read(ref _failed);

    public int Skipped => Volatile.Read(ref _skipped);

    public int NotEnrolledYet => Volatile.Read(ref _notEnrolledYet);

    public int Batches => Volatile.Read(ref _batches);

    public int Done => Assigned + AlreadyAssigned + Initiated + Failed + Skipped + NotEnrolledYet;

    public void CountReceived() => Interlocked.Increment(ref _received);

    public int CountBatch() => Interlocked.Increment(ref _batches);

    public void Count(DeviceAssignmentStatus status)
    {
        switch (status)
        {
            case DeviceAssignmentStatus.Assigned: Interlocked.Increment(ref _assigned); break;
            case DeviceAssignmentStatus.AlreadyAssigned: Interlocked.Increment(ref _alreadyAssigned); break;
            case DeviceAssignmentStatus.Initiated: Interlocked.Increment(ref _initiated); break;
            case DeviceAssignmentStatus.Failed: Interlocked.Increment(ref _failed); break;
            case DeviceAssignmentStatus.NotEnrolledYet: Interlocked.Increment(ref _notEnrolledYet); break;
            default: Interlocked.Increment(ref _skipped); break;
        }
    }

    public override string ToString()
        => $"{Assigned} assigned, {AlreadyAssigned} already assigned, {Initiated} initiated, {NotEnrolledYet} not enrolled yet, {Failed} failed, {Skipped} skipped of {Received}";
}
