namespace BulkEnroll.Sandbox;

/// <summary>The runtime knobs of the sandbox (rate limit, latency, faults, reassignment behaviour), as one
/// immutable value. <see cref="SandboxControls"/> holds the current one and lets anyone change it at any time.</summary>
public sealed record SandboxControlSettings
{
    /// <summary>Requests per second allowed per API user; 0 = no limit.</summary>
    public double RateLimitPerSecond { get; init; }

    /// <summary>Token-bucket size; 0 = the rate (at least 1).</summary>
    public int RateLimitBurst { get; init; }

    /// <summary>Added to every request before it is handled: the REST API and the enrollment services (not /_sandbox).</summary>
    public TimeSpan Latency { get; init; }

    // Probabilities per API request, each in [0, 1], summing to at most 1.
    public double Fault429 { get; init; }
    public double Fault500 { get; init; }
    public double Fault502 { get; init; }
    public double Fault503 { get; init; }
    public double FaultConnectionReset { get; init; }
    public double FaultSlowResponse { get; init; }

    /// <summary>Retry-After (whole seconds) on injected 429 and 503 faults; 0 lets chaos runs go fast.</summary>
    public int FaultRetryAfterSeconds { get; init; } = 1;

    /// <summary>How late a "slow response" fault answers (the handler has already run).</summary>
    public TimeSpan SlowResponseDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Share of injected 5xx and connection-reset faults applied after the handler ran: the change
    /// happened but the client never hears of it, which is what makes retries dangerous.</summary>
    public double PostProcessingFaultShare { get; init; } = 0.5;

    /// <summary>How long an updateAccount reassignment stays INITIATED before it ends.</summary>
    public TimeSpan ReassignmentDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Probability that a reassignment ends FAILED (owner unchanged).</summary>
    public double ReassignmentFailureRate { get; init; }

    /// <summary>Whether device records of Windows devices carry serialNumber (and so match fq=serialNumber=...). The
    /// S16 fixture shows null, the default; an integration that filters on it suggests some tenants fill it.</summary>
    public bool WindowsSerialNumberFilled { get; init; }

    /// <summary>The tenant's cap on active devices per user (docs/reference/ivanti-api.md, per-user device limit);
    /// enrollment under a user already at the cap is refused. 0 = no cap.</summary>
    public int MaxDevicesPerUser { get; init; }

    /// <summary>What enrolling a PC that already has an active record (same HWDevID) does.</summary>
    public Enrollment.ReenrollmentMode Reenrollment { get; init; }
    // API variants (ApiVariants.cs): the defaults are the shapes docs/reference/ivanti-api.md infers.
    public MultiIdForm MultiIdForm { get; init; }
    public AccountDeletePath AccountDeletePath { get; init; }
    public ReassignmentStatusStyle ReassignmentStatusStyle { get; init; }

    /// <summary>Leave out the optional fields of device and account records (names, e-mail, model, check-in, counter, status).</summary>
    public bool OmitOptionalFields { get; init; }

    /// <summary>Refuse (400) an fq that joins terms with or: whether a tenant takes several ids, serials or UIDs in
    /// one filter is not confirmed [I], so the module's one-key-per-query fallback must be testable.</summary>
    public bool RefuseOrFilters { get; init; }
    /// <summary>When set, every API call answers 401 with this message, as a suspended tenant does (a lapsed
    /// licence: "Access denied. Your Evaluation License has expired...", reference §11).</summary>
    public string? UnauthorizedMessage { get; init; }

    public double TotalFaultProbability => Fault429 + Fault500 + Fault502 + Fault503 + FaultConnectionReset + FaultSlowResponse;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad knob.</summary>
    public SandboxControlSettings Validated()
    {
        Probability(Fault429, nameof(Fault429));
        Probability(Fault500, nameof(Fault500));
        Probability(Fault502, nameof(Fault502));
        Probability(Fault503, nameof(Fault503));
        Probability(FaultConnectionReset, nameof(FaultConnectionReset));
        Probability(FaultSlowResponse, nameof(FaultSlowResponse));
        Probability(PostProcessingFaultShare, nameof(PostProcessingFaultShare));
        Probability(ReassignmentFailureRate, nameof(ReassignmentFailureRate));
        if (TotalFaultProbability > 1 + 1e-9)
        {
            throw new ArgumentOutOfRangeException(nameof(TotalFaultProbability), TotalFaultProbability, "fault probabilities must sum to at most 1");
        }

        if (RateLimitPerSecond < 0 || double.IsNaN(RateLimitPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(RateLimitPerSecond), RateLimitPerSecond, "must be >= 0");
        }

        if (FaultRetryAfterSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(FaultRetryAfterSeconds), FaultRetryAfterSeconds, "must be >= 0");
        }

        if (MaxDevicesPerUser < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDevicesPerUser), MaxDevicesPerUser, "must be >= 0");
        }

        if (RateLimitBurst < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(RateLimitBurst), RateLimitBurst, "must be >= 0");
        }

        NonNegative(Latency, nameof(Latency));
        NonNegative(SlowResponseDelay, nameof(SlowResponseDelay));
        NonNegative(ReassignmentDelay, nameof(ReassignmentDelay));
        return this;
    }

    private static void Probability(double p, string name)
    {
        if (p is < 0 or > 1 || double.IsNaN(p))
        {
            throw new ArgumentOutOfRangeException(name, p, "must be between 0 and 1");
        }
    }

    private static void NonNegative(TimeSpan t, string name)
    {
        if (t < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, t, "must be >= 0");
        }
    }
}
