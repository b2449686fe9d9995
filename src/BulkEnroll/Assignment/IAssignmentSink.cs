using System.Management.Automation;
using System.Threading.Tasks;

namespace BulkEnroll.Assignment;

/// <summary>What the assignment engine needs from the cmdlet running it (all callable from any thread).</summary>
internal interface IAssignmentSink
{
    void Report(DeviceAssignmentResult result, ErrorRecord? error);

    void Verbose(string message);

    void Progress(AssignmentCounters counters);

    Task<bool> ShouldProcessAsync(string target, string action);
}
