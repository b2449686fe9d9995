using System.Threading;

namespace BulkEnroll.Neurons;

/// <summary>Where the client tells its story; the running cmdlet plugs its Verbose/Debug streams in.</summary>
internal interface IClientLog
{
    void Verbose(string message);

    void Debug(string message);

    /// <summary>False when Debug output would be dropped: callers then skip building per-request lines.</summary>
    bool DebugEnabled { get; }
}

/// <summary>
/// The log of the cmdlet whose work is running on this async flow. A connection is shared by cmdlets in
/// several runspaces, so the client cannot hold one log: it asks the flow it is called on.
/// </summary>
internal static class ClientLog
{
    private static readonly AsyncLocal<IClientLog?> CurrentLog = new AsyncLocal<IClientLog?>();

    public static IClientLog? Current
    {
        get => CurrentLog.Value;
        set => CurrentLog.Value = value;
    }

    public static void Verbose(string message) => CurrentLog.Value?.Verbose(message);

    public static bool DebugEnabled => CurrentLog.Value?.DebugEnabled == true;

    public static void Debug(string message) => CurrentLog.Value?.Debug(message);
}
