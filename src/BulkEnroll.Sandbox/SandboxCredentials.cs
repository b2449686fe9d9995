namespace BulkEnroll.Sandbox;

/// <summary>Role names as Ivanti's admin portal shows them (docs/reference/ivanti-api.md#api-user-roles, S11).</summary>
public static class SandboxRoles
{
    public const string TenantAdmin = "Tenant Admin";
    public const string UserManagement = "User Management";
    public const string UserReadOnly = "User Read Only";
    public const string DeviceManagement = "Device Management";
    public const string DeviceReadOnly = "Device Read Only";
}

/// <summary>A role grant; device roles are per space (<see cref="SpaceId"/>), the others tenant-wide (null).</summary>
public sealed record SandboxRole(string Name, long? SpaceId = null)
{
    public override string ToString() => SpaceId is null ? Name : $"{Name} (space {SpaceId})";
}

/// <summary>An API user of the sandbox tenant: HTTP Basic credentials and roles.</summary>
public sealed record SandboxCredentials(string UserName, string Password, IReadOnlyList<SandboxRole> Roles)
{
    public bool IsTenantAdmin => Roles.Any(r => r.Name == SandboxRoles.TenantAdmin);

    public bool CanReadAccounts => IsTenantAdmin || Has(SandboxRoles.UserManagement) || Has(SandboxRoles.UserReadOnly);
    public bool CanWriteAccounts => IsTenantAdmin || Has(SandboxRoles.UserManagement);

    public bool CanReadDevices(long spaceId) =>
        IsTenantAdmin || Has(SandboxRoles.DeviceManagement, spaceId) || Has(SandboxRoles.DeviceReadOnly, spaceId);

    public bool CanWriteDevices(long spaceId) => IsTenantAdmin || Has(SandboxRoles.DeviceManagement, spaceId);

    private bool Has(string role, long? spaceId = null) => Roles.Any(r => r.Name == role && r.SpaceId == spaceId);

    // Records print every property; this one must never print the password.
    public override string ToString() => $"{UserName} [{string.Join(", ", Roles)}]";
}
