namespace BulkEnroll.Sandbox;

/// <summary>The sandbox's runtime knobs, changeable at any time from any thread (in-process, from the CLI,
/// or over HTTP at /_sandbox/controls). Each request reads <see cref="Current"/> once, so it sees one
/// consistent set of values.</summary>
public sealed class SandboxControls
{
    private SandboxControlSettings _current;

    internal SandboxControls(SandboxControlSettings initial) => _current = initial.Validated();

    public SandboxControlSettings Current => Volatile.Read(ref _current);

    /// <summary>Replaces all knobs at once (validated first; nothing changes if invalid).</summary>
    public void Set(SandboxControlSettings settings) => Volatile.Write(ref _current, settings.Validated());

    /// <summary>Changes some knobs atomically with respect to other updates.</summary>
    public SandboxControlSettings Update(Func<SandboxControlSettings, SandboxControlSettings> change)
    {
        while (true)
        {
            var before = Current;
            var after = change(before).Validated();
            if (ReferenceEquals(Interlocked.CompareExchange(ref _current, after, before), before))
            {
                return after;
            }
        }
    }

    public double RateLimitPerSecond { get => Current.RateLimitPerSecond; set => Update(s => s with { RateLimitPerSecond = value }); }
    public int RateLimitBurst { get => Current.RateLimitBurst; set => Update(s => s with { RateLimitBurst = value }); }
    public TimeSpan Latency { get => Current.Latency; set => Update(s => s with { Latency = value }); }
    public double Fault429 { get => Current.Fault429; set => Update(s => s with { Fault429 = value }); }
    public double Fault500 { get => Current.Fault500; set => Update(s => s with { Fault500 = value }); }
    public double Fault502 { get => Current.Fault502; set => Update(s => s with { Fault502 = value }); }
    public double Fault503 { get => Current.Fault503; set => Update(s => s with { Fault503 = value }); }
    public double FaultConnectionReset { get => Current.FaultConnectionReset; set => Update(s => s with { FaultConnectionReset = value }); }
    public double FaultSlowResponse { get => Current.FaultSlowResponse; set => Update(s => s with { FaultSlowResponse = value }); }
    public int FaultRetryAfterSeconds { get => Current.FaultRetryAfterSeconds; set => Update(s => s with { FaultRetryAfterSeconds = value }); }
    public TimeSpan SlowResponseDelay { get => Current.SlowResponseDelay; set => Update(s => s with { SlowResponseDelay = value }); }
    public double PostProcessingFaultShare { get => Current.PostProcessingFaultShare; set => Update(s => s with { PostProcessingFaultShare = value }); }
    public TimeSpan ReassignmentDelay { get => Current.ReassignmentDelay; set => Update(s => s with { ReassignmentDelay = value }); }
    public double ReassignmentFailureRate { get => Current.ReassignmentFailureRate; set => Update(s => s with { ReassignmentFailureRate = value }); }
    public bool WindowsSerialNumberFilled { get => Current.WindowsSerialNumberFilled; set => Update(s => s with { WindowsSerialNumberFilled = value }); }
    public int MaxDevicesPerUser { get => Current.MaxDevicesPerUser; set => Update(s => s with { MaxDevicesPerUser = value }); }
    public MultiIdForm MultiIdForm { get => Current.MultiIdForm; set => Update(s => s with { MultiIdForm = value }); }
    public AccountDeletePath AccountDeletePath { get => Current.AccountDeletePath; set => Update(s => s with { AccountDeletePath = value }); }
    public ReassignmentStatusStyle ReassignmentStatusStyle { get => Current.ReassignmentStatusStyle; set => Update(s => s with { ReassignmentStatusStyle = value }); }
    public bool OmitOptionalFields { get => Current.OmitOptionalFields; set => Update(s => s with { OmitOptionalFields = value }); }
    public bool RefuseOrFilters { get => Current.RefuseOrFilters; set => Update(s => s with { RefuseOrFilters = value }); }
    public string? UnauthorizedMessage { get => Current.UnauthorizedMessage; set => Update(s => s with { UnauthorizedMessage = value }); }

    /// <summary>Turns every fault off, a suspension included (rate limit, latency and reassignment knobs are kept).</summary>
    public void ClearFaults() => Update(s => s with
    {
        Fault429 = 0,
        Fault500 = 0,
        Fault502 = 0,
        Fault503 = 0,
        FaultConnectionReset = 0,
        FaultSlowResponse = 0,
        UnauthorizedMessage = null,
    });
}
