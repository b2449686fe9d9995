namespace BulkEnroll.Sandbox.Api;

// Shapes of the sandbox's own /_sandbox/* routes (not part of the Ivanti API). Times are milliseconds.

/// <summary>GET returns every knob; PUT takes any subset (null/missing = unchanged).</summary>
internal sealed record ControlsJson
{
    public double? RateLimitPerSecond { get; init; }
    public int? RateLimitBurst { get; init; }
    public double? LatencyMs { get; init; }
    public double? Fault429 { get; init; }
    public double? Fault500 { get; init; }
    public double? Fault502 { get; init; }
    public double? Fault503 { get; init; }
    public double? FaultConnectionReset { get; init; }
    public double? FaultSlowResponse { get; init; }
    public double? SlowResponseDelayMs { get; init; }
    public int? FaultRetryAfterSeconds { get; init; }
    public double? PostProcessingFaultShare { get; init; }
    public double? ReassignmentDelayMs { get; init; }
    public double? ReassignmentFailureRate { get; init; }
    public bool? WindowsSerialNumberFilled { get; init; }
    public int? MaxDevicesPerUser { get; init; }
    public string? MultiIdForm { get; init; }
    public string? AccountDeletePath { get; init; }
    public string? ReassignmentStatusStyle { get; init; }
    public bool? OmitOptionalFields { get; init; }
    public bool? RefuseOrFilters { get; init; }
    public string? Reenrollment { get; init; }

    /// <summary>Empty string clears it.</summary>
    public string? UnauthorizedMessage { get; init; }

    public static ControlsJson From(SandboxControlSettings s) => new()
    {
        RateLimitPerSecond = s.RateLimitPerSecond,
        RateLimitBurst = s.RateLimitBurst,
        LatencyMs = s.Latency.TotalMilliseconds,
        Fault429 = s.Fault429,
        Fault500 = s.Fault500,
        Fault502 = s.Fault502,
        Fault503 = s.Fault503,
        FaultConnectionReset = s.FaultConnectionReset,
        FaultSlowResponse = s.FaultSlowResponse,
        SlowResponseDelayMs = s.SlowResponseDelay.TotalMilliseconds,
        FaultRetryAfterSeconds = s.FaultRetryAfterSeconds,
        PostProcessingFaultShare = s.PostProcessingFaultShare,
        ReassignmentDelayMs = s.ReassignmentDelay.TotalMilliseconds,
        ReassignmentFailureRate = s.ReassignmentFailureRate,
        WindowsSerialNumberFilled = s.WindowsSerialNumberFilled,
        MaxDevicesPerUser = s.MaxDevicesPerUser,
        MultiIdForm = s.MultiIdForm.ToString(),
        AccountDeletePath = s.AccountDeletePath.ToString(),
        ReassignmentStatusStyle = s.ReassignmentStatusStyle.ToString(),
        OmitOptionalFields = s.OmitOptionalFields,
        RefuseOrFilters = s.RefuseOrFilters,
        UnauthorizedMessage = s.UnauthorizedMessage,
        Reenrollment = s.Reenrollment.ToString(),
    };

    public SandboxControlSettings ApplyTo(SandboxControlSettings s) => s with
    {
        RateLimitPerSecond = RateLimitPerSecond ?? s.RateLimitPerSecond,
        RateLimitBurst = RateLimitBurst ?? s.RateLimitBurst,
        Latency = Ms(LatencyMs) ?? s.Latency,
        Fault429 = Fault429 ?? s.Fault429,
        Fault500 = Fault500 ?? s.Fault500,
        Fault502 = Fault502 ?? s.Fault502,
        Fault503 = Fault503 ?? s.Fault503,
        FaultConnectionReset = FaultConnectionReset ?? s.FaultConnectionReset,
        FaultSlowResponse = FaultSlowResponse ?? s.FaultSlowResponse,
        SlowResponseDelay = Ms(SlowResponseDelayMs) ?? s.SlowResponseDelay,
        FaultRetryAfterSeconds = FaultRetryAfterSeconds ?? s.FaultRetryAfterSeconds,
        PostProcessingFaultShare = PostProcessingFaultShare ?? s.PostProcessingFaultShare,
        ReassignmentDelay = Ms(ReassignmentDelayMs) ?? s.ReassignmentDelay,
        ReassignmentFailureRate = ReassignmentFailureRate ?? s.ReassignmentFailureRate,
        WindowsSerialNumberFilled = WindowsSerialNumberFilled ?? s.WindowsSerialNumberFilled,
        MaxDevicesPerUser = MaxDevicesPerUser ?? s.MaxDevicesPerUser,
        MultiIdForm = MultiIdForm is { } f ? ApiVariantNames.Parse<MultiIdForm>(f, nameof(MultiIdForm)) : s.MultiIdForm,
        AccountDeletePath = AccountDeletePath is { } p ? ApiVariantNames.Parse<AccountDeletePath>(p, nameof(AccountDeletePath)) : s.AccountDeletePath,
        ReassignmentStatusStyle = ReassignmentStatusStyle is { } r ? ApiVariantNames.Parse<ReassignmentStatusStyle>(r, nameof(ReassignmentStatusStyle)) : s.ReassignmentStatusStyle,
        OmitOptionalFields = OmitOptionalFields ?? s.OmitOptionalFields,
        RefuseOrFilters = RefuseOrFilters ?? s.RefuseOrFilters,
        UnauthorizedMessage = UnauthorizedMessage is null ? s.UnauthorizedMessage : UnauthorizedMessage.Length == 0 ? null : UnauthorizedMessage,
        Reenrollment = Reenrollment is { } m ? ApiVariantNames.Parse<Enrollment.ReenrollmentMode>(m, nameof(Reenrollment)) : s.Reenrollment,
    };

    private static TimeSpan? Ms(double? ms) => ms is { } v ? TimeSpan.FromMilliseconds(v) : null;
}

/// <summary>POST /_sandbox/reset body (optional): seeding values to change; missing = as started.</summary>
internal sealed record ResetJson(int? Seed, int? DeviceCount, int? GenericUserCount, int? RealUserCount, int? SpaceCount);

internal sealed record StateJson(
    long Version, int Seed, int SpaceCount, int AccountCount, int GenericAccountCount, int DeviceCount,
    int WindowsDeviceCount, int BulkEnrolledDeviceCount, int UnassignedBulkEnrolledDeviceCount,
    int ReassignmentsInitiated, int ReassignmentsSucceeded, int ReassignmentsFailed,
    IReadOnlyList<StateDeviceJson>? Devices);

internal sealed record StateDeviceJson(
    long Id, string DeviceName, string SerialNumber, string PlatformType, string RegistrationState, long DmPartitionId,
    long OwnerId, string OwnerUid, long EnrollerId, string EnrollerUid, bool BulkEnrolled, int ChangeOwnerCounter,
    string? LastReassignmentStatus, int ReassignmentRequests, IReadOnlyList<ReassignmentJson> Reassignments);

internal sealed record ReassignmentJson(long Time, long FromAccountId, long ToAccountId, string Outcome);

internal sealed record RequestLogEntryJson(
    long Sequence, long Timestamp, string? User, string Method, string Path, string Query,
    IReadOnlyDictionary<string, string> Form, int StatusCode, string? Fault, bool FaultAfterHandler, double DurationMs);
