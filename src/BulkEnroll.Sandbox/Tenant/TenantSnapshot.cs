namespace BulkEnroll.Sandbox.Tenant;

/// <summary>An immutable, consistent copy of the tenant's data (records are immutable, lists are copies).</summary>
public sealed class TenantSnapshot
{
    // Built on first lookup: most snapshots are only enumerated or counted.
    private readonly Lazy<Dictionary<long, SandboxDevice>> _devicesById;
    private readonly Lazy<Dictionary<string, SandboxAccount>> _accountsByUid;

    internal TenantSnapshot(long version, IReadOnlyList<SandboxSpace> spaces, SandboxAccount[] accounts, SandboxDevice[] devices)
    {
        Version = version;
        Spaces = spaces;
        Accounts = accounts;
        Devices = devices;
        _devicesById = new(() => devices.ToDictionary(d => d.Id));
        _accountsByUid = new(() => accounts.ToDictionary(a => a.Uid, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Changes whenever any account or device changes.</summary>
    public long Version { get; }
    public IReadOnlyList<SandboxSpace> Spaces { get; }
    public IReadOnlyList<SandboxAccount> Accounts { get; }
    public IReadOnlyList<SandboxDevice> Devices { get; }

    public SandboxDevice Device(long id) =>
        _devicesById.Value.TryGetValue(id, out var d) ? d : throw new KeyNotFoundException($"No device {id}.");

    public SandboxAccount? FindAccount(string uid) => _accountsByUid.Value.GetValueOrDefault(uid);

    public SandboxAccount Account(string uid) =>
        FindAccount(uid) ?? throw new KeyNotFoundException($"No account '{uid}'.");

    public SandboxSpace DefaultSpace => Spaces.Single(s => s.IsDefault);
}
