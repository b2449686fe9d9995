namespace BulkEnroll.Sandbox.VirtualDevices;

/// <summary>What the stages of one enrollment share: the device, its HTTP client and the step log.</summary>
internal sealed class DeviceRun(VirtualDeviceOptions options, DeviceSoapClient soap)
{
    private readonly List<string> _steps = [];

    public VirtualDeviceOptions Options { get; } = options;
    public DeviceIdentity Identity { get; } = DeviceIdentity.For(options);
    public WindowsProfile Profile { get; } = WindowsProfile.For(options.OsVersion);
    public DeviceSoapClient Soap { get; } = soap;

    public IReadOnlyList<string> Steps => _steps;

    public void Note(string step) => _steps.Add(step);

    /// <summary>Checks a URL against the trust rules before contacting it.</summary>
    public Uri Allowed(string text, EnrollmentStage stage, string what)
    {
        var url = ServiceUrlRules.TryParse(text) ?? throw new DeviceStageException(stage, $"The {what} '{text}' is not a valid URL.");
        return ServiceUrlRules.Check(url, Options) is { } problem
            ? throw new DeviceStageException(stage, $"The {what} cannot be used: {problem}")
            : url;
    }
}
