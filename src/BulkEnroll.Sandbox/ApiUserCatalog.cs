using BulkEnroll.Sandbox.Tenant;

namespace BulkEnroll.Sandbox;

/// <summary>The seeded API users: one per permission shape the module must cope with.</summary>
internal static class ApiUserCatalog
{
    public const string AdminName = "api-admin@contoso.com";
    public const string ReadOnlyName = "api-readonly@contoso.com";
    public const string DevicesOnlyName = "api-devices@contoso.com";
    public const string TenantAdminName = "api-tenantadmin@contoso.com";
    public const string ScopedName = "api-scoped@contoso.com";

    /// <summary>Passwords come from the seed, so a given seed always prints the same credentials.</summary>
    public static IReadOnlyList<SandboxCredentials> Build(int seed, IReadOnlyList<SandboxSpace> spaces)
    {
        var rng = new Random(unchecked(seed * 31 + 7));
        IEnumerable<SandboxRole> Everywhere(string role) => spaces.Select(s => new SandboxRole(role, s.Id));

        var users = new List<SandboxCredentials>
        {
            new(AdminName, Password(rng),
                [new SandboxRole(SandboxRoles.UserManagement), .. Everywhere(SandboxRoles.DeviceManagement)]),
            new(ReadOnlyName, Password(rng),
                [new SandboxRole(SandboxRoles.UserReadOnly), .. Everywhere(SandboxRoles.DeviceReadOnly)]),
            new(DevicesOnlyName, Password(rng), [.. Everywhere(SandboxRoles.DeviceManagement)]),
            new(TenantAdminName, Password(rng), [new SandboxRole(SandboxRoles.TenantAdmin)]),
        };
        if (spaces.Count > 1)
        {
            // Device Management in one non-default space only: device reads in the default space get 403.
            users.Add(new(ScopedName, Password(rng),
                [new SandboxRole(SandboxRoles.UserReadOnly), new SandboxRole(SandboxRoles.DeviceManagement, spaces[1].Id)]));
        }
        return users;
    }

    private static string Password(Random rng)
    {
        const string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = new char[14];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[rng.Next(alphabet.Length)];
        }

        return "Sbx-" + new string(chars) + "7!";
    }
}
