using System.Collections.Generic;
using System.Threading.Tasks;
using BulkEnroll.Neurons.Records;

namespace BulkEnroll.Assignment;

/// <summary>Devices going to the same user in one updateAccount call (at most AssignmentOptions.BatchSize).</summary>
internal sealed class AssignmentBatch
{
    public AssignmentBatch(AccountRecord target) => Target = target;

    public AccountRecord Target { get; }

    public List<BatchItem> Items { get; } = new List<BatchItem>();
}

/// <summary>One device in a batch, and the promise of its outcome the engine awaits.</summary>
internal sealed class BatchItem
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
        => Done.TrySetResult((AssignmentResults.For(Request, Device, status, message, Target), errorId));
}
