namespace BulkEnroll.Sandbox.VirtualDevices;

/// <summary>Stops a virtual device's run at a stage, with the message its result will carry.</summary>
internal sealed class DeviceStageException(EnrollmentStage stage, string message) : Exception(message)
{
    public EnrollmentStage Stage { get; } = stage;
}
