namespace BulkEnroll.Sandbox.Tenant;

/// <summary>The seeded tenant, before it is handed to <see cref="TenantState"/>.</summary>
internal sealed class SeedData
{
    public required IReadOnlyList<SandboxSpace> Spaces { get; init; }
    public required List<SandboxAccount> Accounts { get; init; }
    public required Dictionary<long, PasswordHash> Passwords { get; init; }
    public required List<SandboxDevice> Devices { get; init; }
}

/// <summary>Builds a tenant from a <see cref="SeedSpec"/>. Deterministic: one <see cref="Random"/> seeded
/// from the spec, consumed in a fixed order, and fixed timestamps (<see cref="SeedSpec.ReferenceTime"/>).</summary>
internal static class Seeder
{
    // Distinct id ranges per kind, so that passing a device id where an account id belongs fails loudly.
    public const long FirstSpaceId = 1_000_001;
    public const long FirstAccountId = 2_000_001;
    public const long FirstDeviceId = 3_000_001;

    private const long Day = 86_400_000;

    public static SeedData Build(SeedSpec spec)
    {
        spec.Validate();
        var rng = new Random(spec.Seed);
        long now = spec.ReferenceTime.ToUnixTimeMilliseconds();

        var spaces = BuildSpaces(spec, now);
        var accounts = new List<SandboxAccount>(spec.GenericUserCount + spec.EffectiveRealUserCount);
        var passwords = new Dictionary<long, PasswordHash>();
        long nextAccountId = FirstAccountId;

        var generic = new List<AccountIdentity>(spec.GenericUserCount);
        for (int n = 1; n <= spec.GenericUserCount; n++)
        {
            string uid = $"{BulkEnrollment.GenericUidPrefix}-user{n}@{spec.Domain}";
            var identity = new AccountIdentity(nextAccountId++, uid, uid, $"{BulkEnrollment.GenericUidPrefix}-user{n}", "Windows", $"Bulk Enroll {n}");
            generic.Add(identity);
            accounts.Add(NewAccount(identity, now - 400 * Day, hasPassword: true));
            passwords[identity.Id] = PasswordHash.Create(spec.GenericUserPassword, rng);
        }

        var real = new List<AccountIdentity>(spec.EffectiveRealUserCount);
        var usedUids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int k = 0; k < spec.EffectiveRealUserCount; k++)
        {
            var (first, last) = k < SeedCatalog.DemoPeople.Length
                ? SeedCatalog.DemoPeople[k]
                : (Pick(rng, SeedCatalog.FirstNames), Pick(rng, SeedCatalog.LastNames));
            string local = $"{first}.{last}".ToLowerInvariant();
            string uid = $"{local}@{spec.Domain}";
            for (int suffix = 2; !usedUids.Add(uid); suffix++)
            {
                uid = $"{local}{suffix}@{spec.Domain}";
            }

            var identity = new AccountIdentity(nextAccountId++, uid, uid, $"{first} {last}", first, last);
            real.Add(identity);
            accounts.Add(NewAccount(identity, now - rng.Next(30, 700) * Day, hasPassword: false));
        }

        // The last generic user enrolls nothing, when there is more than one.
        int enrollingGeneric = generic.Count > 1 ? generic.Count - 1 : 1;
        var serials = new HashSet<string>(StringComparer.Ordinal);
        var devices = new List<SandboxDevice>(spec.DeviceCount);
        for (int i = 0; i < spec.DeviceCount; i++)
        {
            devices.Add(BuildDevice(spec, rng, FirstDeviceId + i, now, spaces, generic, enrollingGeneric, real, serials));
        }

        return new SeedData { Spaces = spaces, Accounts = accounts, Passwords = passwords, Devices = devices };
    }

    private static SandboxDevice BuildDevice(
        SeedSpec spec, Random rng, long id, long now, IReadOnlyList<SandboxSpace> spaces,
        List<AccountIdentity> generic, int enrollingGeneric, List<AccountIdentity> real, HashSet<string> serials)
    {
        double kind = rng.NextDouble();
        long spaceId = PickSpace(rng, spaces);
        var state = rng.NextDouble() switch
        {
            < 0.93 => RegistrationState.Active,
            < 0.97 => RegistrationState.RetirePending,
            _ => RegistrationState.Retired,
        };
        long registered = now - rng.NextInt64(Day, 720 * Day);
        long lastCheckin = state == RegistrationState.Active
            ? now - rng.NextInt64(0, 14 * Day)
            : now - rng.NextInt64(15 * Day, 120 * Day);
        lastCheckin = Math.Max(lastCheckin, registered);
        bool compliant = rng.NextDouble() < 0.95;
        bool quarantined = rng.NextDouble() < 0.01;
        var guid = NewGuid(rng);
        ulong mac = (Pick(rng, SeedCatalog.MacPrefixes) << 24) | (uint)rng.Next(0, 1 << 24);

        if (kind < spec.BulkEnrolledShare + spec.DirectWindowsShare)
        {
            var (model, serialFormat) = Pick(rng, SeedCatalog.WindowsModels);
            var (build, edition) = Pick(rng, SeedCatalog.WindowsBuilds);
            string serial = UniqueSerial(rng, serialFormat, serials);
            bool bulk = kind < spec.BulkEnrolledShare;
            AccountIdentity enroller, owner;
            string name;
            int counter = 0;
            ReassignmentStatus? status = null;
            if (bulk)
            {
                enroller = generic[rng.Next(enrollingGeneric)];
                owner = enroller;
                // Default ppkg naming template, as DESIGN.md's example: a prefix and the serial.
                name = Truncate($"CTS-{serial}", 15);
                double assign = rng.NextDouble();
                if (assign < spec.AlreadyAssignedShare)
                {
                    owner = real[rng.Next(real.Count)];
                    counter = 1;
                    status = ReassignmentStatus.Success;
                }
                else if (assign < spec.AlreadyAssignedShare + 0.02)
                {
                    status = ReassignmentStatus.Failed; // an earlier attempt failed; still assignable
                }
            }
            else
            {
                enroller = owner = real[rng.Next(real.Count)];
                name = "DESKTOP-" + RandomChars(rng, "AAAAAAA");
            }

            return new SandboxDevice
            {
                Id = id,
                Guid = guid,
                DeviceName = name,
                SpaceId = spaceId,
                Platform = DevicePlatform.Windows,
                Hardware = model,
                HardwareSerial = serial,
                OsVersion = "10.0",
                OsBuild = build,
                OsEdition = edition,
                WifiMac = mac,
                RegistrationState = state,
                LastCheckin = lastCheckin,
                RegistrationTime = registered,
                ComplianceState = compliant,
                Quarantined = quarantined,
                Owner = owner,
                Enroller = enroller,
                ChangeOwnerCounter = counter,
                OwnershipType = "UNKNOWN",
                LastReassignmentStatus = status,
            };
        }

        bool ios = rng.NextDouble() < 0.5;
        var (mModel, mSerialFormat, osVersion, osBuild) = ios ? Pick(rng, SeedCatalog.IosModels) : Pick(rng, SeedCatalog.AndroidModels);
        string mSerial = UniqueSerial(rng, mSerialFormat, serials);
        var user = real[rng.Next(real.Count)];
        bool hasImei = !mModel.Model.StartsWith("iPad", StringComparison.Ordinal);
        return new SandboxDevice
        {
            Id = id,
            Guid = guid,
            DeviceName = $"{user.FirstName}'s {mModel.PrettyModel}",
            SpaceId = spaceId,
            Platform = ios ? DevicePlatform.IOS : DevicePlatform.Android,
            Hardware = mModel,
            HardwareSerial = mSerial,
            OsVersion = osVersion,
            OsBuild = osBuild,
            WifiMac = mac,
            Imei = hasImei ? RandomChars(rng, "DDDDDDDDDDDDDDD") : null,
            RegistrationState = state,
            LastCheckin = lastCheckin,
            RegistrationTime = registered,
            ComplianceState = compliant,
            Quarantined = quarantined,
            Owner = user,
            Enroller = user,
            OwnershipType = ios ? "COMPANY" : "EMPLOYEE",
        };
    }

    private static IReadOnlyList<SandboxSpace> BuildSpaces(SeedSpec spec, long now)
    {
        var spaces = new List<SandboxSpace>(spec.SpaceCount);
        for (int s = 0; s < spec.SpaceCount; s++)
        {
            var (name, description, priority, rule) = SeedCatalog.Spaces[s];
            spaces.Add(new SandboxSpace(FirstSpaceId + s, name, description, s == 0, priority, rule,
                ConfigurationCount: 12 - 3 * s, PolicyCount: 4 - s / 2, DeviceGroupCount: 6 - s,
                CreatedAt: now - (900 - 30 * s) * Day, ModifiedAt: now - (20 + s) * Day));
        }
        return spaces;
    }

    // Most devices live in the default space; the rest spread over the others.
    private static long PickSpace(Random rng, IReadOnlyList<SandboxSpace> spaces) =>
        spaces.Count == 1 || rng.NextDouble() < 0.8 ? spaces[0].Id : spaces[1 + rng.Next(spaces.Count - 1)].Id;

    private static SandboxAccount NewAccount(AccountIdentity identity, long createdAt, bool hasPassword) => new()
    {
        Identity = identity,
        InviteState = hasPassword ? "NOT_INVITED" : "INVITED",
        CreatedAt = createdAt,
        CreatedBy = "admin@contoso.com",
        ModifiedAt = createdAt,
        ModifiedBy = "admin@contoso.com",
    };

    private static string UniqueSerial(Random rng, string format, HashSet<string> used)
    {
        while (true)
        {
            string serial = RandomChars(rng, format);
            if (used.Add(serial))
            {
                return serial;
            }
        }
    }

    // Format: D = digit, A = upper-case letter or digit, anything else is literal.
    private static string RandomChars(Random rng, string format)
    {
        const string digits = "0123456789";
        const string alnum = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        return string.Create(format.Length, (rng, format), static (span, state) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                char f = state.format[i];
                span[i] = f switch
                {
                    'D' => digits[state.rng.Next(digits.Length)],
                    'A' => alnum[state.rng.Next(alnum.Length)],
                    _ => f,
                };
            }
        });
    }

    internal static Guid NewGuid(Random rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }

    private static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
