using System.Collections.Concurrent;
using System.Linq;

namespace BulkEnroll.Assignment;

/// <summary>
/// Set-DeviceAssignment -Summary: holds the run's results instead of writing them, and turns them into one
/// DeviceAssignmentSummary at the end. Counted from the results themselves, so the summary and its Results agree.
/// </summary>
internal sealed class AssignmentSummaryCollector
{
    private readonly ConcurrentQueue<DeviceAssignmentResult> _results = new ConcurrentQueue<DeviceAssignmentResult>();

    public void Add(DeviceAssignmentResult result) => _results.Enqueue(result);

    public DeviceAssignmentSummary ToSummary()
    {
        DeviceAssignmentResult[] results = _results.ToArray();
        int Count(DeviceAssignmentStatus status) => results.Count(r => r.Status == status);
        return new DeviceAssignmentSummary
        {
            Total = results.Length,
            Assigned = Count(DeviceAssignmentStatus.Assigned),
            AlreadyAssigned = Count(DeviceAssignmentStatus.AlreadyAssigned),
            Initiated = Count(DeviceAssignmentStatus.Initiated),
            NotEnrolledYet = Count(DeviceAssignmentStatus.NotEnrolledYet),
            Failed = Count(DeviceAssignmentStatus.Failed),
            Skipped = Count(DeviceAssignmentStatus.Skipped),
            Results = results,
        };
    }
}
