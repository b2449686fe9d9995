using System.Diagnostics;

namespace BulkEnroll.Benchmarks;

/// <summary>
/// Samples this process while a benchmark runs and reports peaks: the managed heap as the last garbage
/// collection left it (what is really held: short-lived page buffers do not count), and the working set.
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peakManaged;
    private long _peakWorkingSet;

    public MemorySampler()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        BaselineManaged = GC.GetGCMemoryInfo().HeapSizeBytes;
        BaselineWorkingSet = Process.GetCurrentProcess().WorkingSet64;
        _sampling = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                _peakManaged = Math.Max(_peakManaged, GC.GetGCMemoryInfo().HeapSizeBytes);
                process.Refresh();
                _peakWorkingSet = Math.Max(_peakWorkingSet, process.WorkingSet64);
                try
                {
                    await Task.Delay(20, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
    }

    public long BaselineManaged { get; }

    public long BaselineWorkingSet { get; }

    public double PeakManagedGrowthMiB => (_peakManaged - BaselineManaged) / 1048576.0;

    public double PeakWorkingSetGrowthMiB => (_peakWorkingSet - BaselineWorkingSet) / 1048576.0;

    public void Dispose()
    {
        _stop.Cancel();
        _sampling.Wait();
        _stop.Dispose();
    }
}
