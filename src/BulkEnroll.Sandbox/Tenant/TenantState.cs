namespace BulkEnroll.Sandbox.Tenant;

/// <summary>A new account as the API asked for it, already validated for shape.</summary>
internal sealed record AccountDraft(
    string Uid, string EmailAddress, string FirstName, string LastName, string DisplayName, string? Password,
    string InviteState);

internal enum ReassignmentRejection { None, UnknownDevice, NotWindows, NotBulkEnrolled, NotActive, AlreadyInitiated }

internal sealed record ReassignmentStart(
    bool Forbidden, IReadOnlyList<(long Id, SandboxDevice? Device, ReassignmentRejection Reason)> Rejected,
    IReadOnlyList<long> Initiated, int Generation);

/// <summary>The tenant's data and every change to it. Thread-safe: one lock guards writes and the
/// (short) reads of the indexes; records are immutable, so readers can use what they got after the lock.</summary>
public sealed class TenantState
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly Random _salts;

    private SeedSpec _spec = null!;
    private IReadOnlyList<SandboxSpace> _spaces = null!;
    private List<SandboxAccount?> _accounts = null!; // id order; null = deleted (keeps indexes stable)
    private Dictionary<long, int> _accountIndex = null!;
    private Dictionary<string, long> _accountByUid = null!;
    private Dictionary<string, List<long>> _accountsByEmail = null!;
    private Dictionary<long, PasswordHash> _passwords = null!;
    private List<SandboxDevice> _devices = null!; // id order
    private Dictionary<long, int> _deviceIndex = null!;
    private Dictionary<long, int> _deviceCountBySpace = null!; // devices never leave their space: counted as added
    private long _nextAccountId;
    private long _nextDeviceId;

    // One counter for all changes, so a version number is never reused, even across a reseed: query
    // caches keyed on it can never serve data from before the change.
    private long _changeCounter;
    private long _deviceVersion;
    private long _accountVersion;
    private int _generation; // bumped by every reseed: reassignments scheduled before it are dropped

    public TenantState(SeedSpec spec, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _salts = new Random(spec.Seed ^ 0x5A17);
        Load(Seeder.Build(spec), spec);
    }

    public SeedSpec Spec { get { lock (_gate) { return _spec; } } }
    public IReadOnlyList<SandboxSpace> Spaces { get { lock (_gate) { return _spaces; } } }
    public SandboxSpace DefaultSpace => Spaces.Single(s => s.IsDefault);

    /// <summary>Changes whenever a device changes or is added.</summary>
    public long DeviceVersion => Interlocked.Read(ref _deviceVersion);

    /// <summary>Changes whenever an account is created or deleted.</summary>
    public long AccountVersion => Interlocked.Read(ref _accountVersion);

    public int AccountCount
    {
        get
        {
            lock (_gate)
            {
                return _accountIndex.Count;
            }
        }
    }

    /// <summary>Replaces all data with a freshly seeded tenant.</summary>
    public void Reseed(SeedSpec spec)
    {
        var data = Seeder.Build(spec); // outside the lock: 100k devices take a moment
        Load(data, spec);
    }

    private void Load(SeedData data, SeedSpec spec)
    {
        var accountIndex = new Dictionary<long, int>(data.Accounts.Count);
        var byUid = new Dictionary<string, long>(data.Accounts.Count, StringComparer.OrdinalIgnoreCase);
        var byEmail = new Dictionary<string, List<long>>(data.Accounts.Count, StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < data.Accounts.Count; i++)
        {
            accountIndex[data.Accounts[i].Id] = i;
            byUid[data.Accounts[i].Uid] = data.Accounts[i].Id;
            AddEmail(byEmail, data.Accounts[i].Identity);
        }
        var deviceIndex = new Dictionary<long, int>(data.Devices.Count);
        var countBySpace = data.Spaces.ToDictionary(s => s.Id, _ => 0);
        for (int i = 0; i < data.Devices.Count; i++)
        {
            deviceIndex[data.Devices[i].Id] = i;
            countBySpace[data.Devices[i].SpaceId]++;
        }

        lock (_gate)
        {
            _spec = spec;
            _spaces = data.Spaces;
            _accounts = data.Accounts.ConvertAll<SandboxAccount?>(a => a);
            _accountIndex = accountIndex;
            _accountByUid = byUid;
            _accountsByEmail = byEmail;
            _passwords = data.Passwords;
            _devices = data.Devices;
            _deviceIndex = deviceIndex;
            _deviceCountBySpace = countBySpace;
            _nextAccountId = data.Accounts.Count == 0 ? Seeder.FirstAccountId : data.Accounts[^1].Id + 1;
            _nextDeviceId = data.Devices.Count == 0 ? Seeder.FirstDeviceId : data.Devices[^1].Id + 1;
            _generation++;
            TouchAccounts();
            TouchDevices();
        }
    }

    public TenantSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new TenantSnapshot(_changeCounter, _spaces, _accounts.OfType<SandboxAccount>().ToArray(), _devices.ToArray());
        }
    }

    public SandboxDevice? GetDevice(long id)
    {
        lock (_gate)
        {
            return _deviceIndex.TryGetValue(id, out int i) ? _devices[i] : null;
        }
    }

    public SandboxAccount? GetAccount(long id)
    {
        lock (_gate)
        {
            return _accountIndex.TryGetValue(id, out int i) ? _accounts[i] : null;
        }
    }

    public SandboxAccount? FindAccountByUid(string uid)
    {
        lock (_gate)
        {
            return _accountByUid.TryGetValue(uid, out long id) ? _accounts[_accountIndex[id]] : null;
        }
    }

    /// <summary>Accounts whose emailAddress is <paramref name="email"/> (case-insensitive), in id order.</summary>
    public IReadOnlyList<SandboxAccount> FindAccountsByEmail(string email)
    {
        lock (_gate)
        {
            return _accountsByEmail.TryGetValue(email, out var ids)
                ? ids.Order().Select(id => _accounts[_accountIndex[id]]!).ToArray()
                : [];
        }
    }

    /// <summary>Whether <paramref name="password"/> is the password of the enabled, unlocked account
    /// <paramref name="uid"/> (for the MS-MDE2 enrollment endpoints: UPN + Secret).</summary>
    public bool CheckPassword(string uid, string password) => Authenticate(uid, password) is not null;

    /// <summary>The enabled, unlocked account <paramref name="uid"/> when <paramref name="password"/> is its password; else null.</summary>
    internal SandboxAccount? Authenticate(string uid, string password)
    {
        SandboxAccount account;
        PasswordHash? hash;
        lock (_gate)
        {
            if (!_accountByUid.TryGetValue(uid, out long id))
            {
                return null;
            }

            account = _accounts[_accountIndex[id]]!;
            if (!account.Enabled || account.Locked)
            {
                return null;
            }

            hash = _passwords.GetValueOrDefault(id);
        }
        return hash is not null && hash.Matches(password) ? account : null; // PBKDF2 outside the lock
    }

    /// <summary>Registers a Windows device that just enrolled under <see cref="NewWindowsDevice.EnrolledByAccountId"/>,
    /// which becomes both enroller and owner (as after a ppkg enrollment with a generic user).</summary>
    /// <remarks>Every call adds a device; deciding what a re-enrollment of the same hardware does is the caller's.</remarks>
    /// <param name="maxDevicesPerUser">The tenant's per-user device cap (0 = none): an account that already owns that
    /// many ACTIVE devices cannot enroll another (<see cref="DeviceLimitReachedException"/>).</param>
    public SandboxDevice RegisterEnrolledDevice(NewWindowsDevice device, int maxDevicesPerUser = 0)
    {
        ArgumentNullException.ThrowIfNull(device);
        long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_gate)
        {
            var account = (_accountIndex.TryGetValue(device.EnrolledByAccountId, out int ai) ? _accounts[ai] : null)
                ?? throw new ArgumentException($"No account {device.EnrolledByAccountId}.", nameof(device));
            int previous = device.HardwareDeviceId.Length == 0 ? -1 : _devices.FindIndex(d =>
                d.RegistrationState == RegistrationState.Active && string.Equals(d.HardwareDeviceId, device.HardwareDeviceId, StringComparison.OrdinalIgnoreCase));
            if (previous >= 0 && device.Reenrollment == Enrollment.ReenrollmentMode.ReuseRecord)
            {
                var reused = _devices[previous] with
                {
                    DeviceName = device.DeviceName,
                    OsBuild = device.OsVersion,
                    OsEdition = device.OsEdition,
                    LastCheckin = now,
                    RegistrationTime = now,
                    Owner = account.Identity,
                    Enroller = account.Identity,
                };
                _devices[previous] = reused;
                TouchDevices();
                return reused;
            }

            if (maxDevicesPerUser > 0)
            {
                // The record a re-enrollment retires does not count against the cap.
                int owned = _devices.Where((d, i) => i != previous).Count(d => d.RegistrationState == RegistrationState.Active && d.Owner.Id == account.Id);
                if (owned >= maxDevicesPerUser)
                {
                    throw new DeviceLimitReachedException(account.Uid, owned, maxDevicesPerUser);
                }
            }
            long spaceId = device.SpaceId ?? _spaces.Single(s => s.IsDefault).Id;
            if (_spaces.All(s => s.Id != spaceId))
            {
                throw new ArgumentException($"No device space {spaceId}.", nameof(device));
            }

            Guid guid;
            uint macSuffix;
            lock (_salts)
            {
                guid = Seeder.NewGuid(_salts);
                macSuffix = (uint)_salts.Next(0, 1 << 24);
            }
            var record = new SandboxDevice
            {
                Id = _nextDeviceId++,
                Guid = guid,
                DeviceName = device.DeviceName,
                SpaceId = spaceId,
                Platform = DevicePlatform.Windows,
                Hardware = new HardwareModel(device.Manufacturer, device.Model, device.Model, "Unknown processor",
                    "Unknown", 4, 8, 2000, 8L << 30, "Unknown", "Unknown disk", 256_000_000_000),
                HardwareSerial = device.SerialNumber,
                HardwareDeviceId = device.HardwareDeviceId,
                OsVersion = "10.0",
                OsBuild = device.OsVersion,
                OsEdition = device.OsEdition,
                WifiMac = (0xA45E60UL << 24) | macSuffix,
                RegistrationState = device.RegistrationState,
                LastCheckin = now,
                RegistrationTime = now,
                Owner = account.Identity,
                Enroller = account.Identity,
                OwnershipType = "UNKNOWN",
            };
            if (previous >= 0)
            {
                _devices[previous] = _devices[previous] with { RegistrationState = RegistrationState.Retired };
            }

            _deviceIndex[record.Id] = _devices.Count;
            _devices.Add(record);
            _deviceCountBySpace[spaceId]++;
            TouchDevices();
            return record;
        }
    }

    // ---- used by the API layer ----

    /// <summary>All devices (id order) with the version they belong to, taken atomically.</summary>
    internal (SandboxDevice[] Devices, long Version) ScanDevices()
    {
        lock (_gate)
        {
            return (_devices.ToArray(), _deviceVersion);
        }
    }

    /// <summary>How many devices each space holds (every space listed), without scanning the devices.</summary>
    internal IReadOnlyDictionary<long, int> DeviceCountsBySpace()
    {
        lock (_gate)
        {
            return new Dictionary<long, int>(_deviceCountBySpace);
        }
    }

    internal (SandboxAccount[] Accounts, long Version) ScanAccounts()
    {
        lock (_gate)
        {
            return (_accounts.OfType<SandboxAccount>().ToArray(), _accountVersion);
        }
    }

    /// <summary>
    /// Gives account <paramref name="id"/> a new password: the old one stops working at once, for the API and for
    /// enrollment (a package holding it is refused). Returns the updated account, or null when there is no such id.
    /// </summary>
    internal SandboxAccount? TrySetPassword(long id, string password, string modifiedBy)
    {
        PasswordHash hash;
        lock (_salts)
        {
            hash = PasswordHash.Create(password, _salts);
        }

        lock (_gate)
        {
            if (!_accountIndex.TryGetValue(id, out int i))
            {
                return null;
            }

            _passwords[id] = hash;
            var updated = _accounts[i]! with { ModifiedAt = _time.GetUtcNow().ToUnixTimeMilliseconds(), ModifiedBy = modifiedBy };
            _accounts[i] = updated;
            TouchAccounts();
            return updated;
        }
    }

    /// <summary>Creates all drafts, or none: returns the indexes of drafts whose uid already exists.</summary>
    internal IReadOnlyList<int> TryCreateAccounts(IReadOnlyList<AccountDraft> drafts, string createdBy, out IReadOnlyList<SandboxAccount> created)
    {
        // Hash outside the lock (PBKDF2 is the slow part).
        PasswordHash?[] hashes;
        lock (_salts)
        {
            hashes = drafts.Select(d => d.Password is null ? null : PasswordHash.Create(d.Password, _salts)).ToArray();
        }

        long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_gate)
        {
            var duplicates = Enumerable.Range(0, drafts.Count).Where(i => _accountByUid.ContainsKey(drafts[i].Uid)).ToList();
            if (duplicates.Count > 0)
            {
                created = [];
                return duplicates;
            }
            var list = new List<SandboxAccount>(drafts.Count);
            for (int i = 0; i < drafts.Count; i++)
            {
                var d = drafts[i];
                var account = new SandboxAccount
                {
                    Identity = new AccountIdentity(_nextAccountId++, d.Uid, d.EmailAddress, d.DisplayName, d.FirstName, d.LastName),
                    InviteState = d.InviteState,
                    CreatedAt = now,
                    CreatedBy = createdBy,
                    ModifiedAt = now,
                    ModifiedBy = createdBy,
                };
                _accountIndex[account.Id] = _accounts.Count;
                _accounts.Add(account);
                _accountByUid[account.Uid] = account.Id;
                AddEmail(_accountsByEmail, account.Identity);
                if (hashes[i] is { } h)
                {
                    _passwords[account.Id] = h;
                }

                list.Add(account);
            }
            TouchAccounts();
            created = list;
            return [];
        }
    }

    /// <summary>Deletes all the accounts, or none: returns the first unknown id, or null when deleted. As on a real
    /// tenant (docs/reference/ivanti-api.md, deleting a user), the ACTIVE devices registered to (owned by) a deleted
    /// account go RETIRE_PENDING; devices it enrolled that now belong to someone else are untouched.</summary>
    internal long? TryDeleteAccounts(IReadOnlyList<long> ids)
    {
        lock (_gate)
        {
            foreach (long id in ids)
            {
                if (!_accountIndex.ContainsKey(id))
                {
                    return id;
                }
            }
            foreach (long id in ids.Distinct())
            {
                int i = _accountIndex[id];
                var identity = _accounts[i]!.Identity;
                _accountByUid.Remove(identity.Uid);
                if (_accountsByEmail.TryGetValue(identity.EmailAddress, out var sameEmail) && sameEmail.Remove(id) && sameEmail.Count == 0)
                {
                    _accountsByEmail.Remove(identity.EmailAddress);
                }

                _accountIndex.Remove(id);
                _passwords.Remove(id);
                _accounts[i] = null;
            }
            var deleted = ids.ToHashSet();
            bool retired = false;
            for (int i = 0; i < _devices.Count; i++)
            {
                if (_devices[i].RegistrationState == RegistrationState.Active && deleted.Contains(_devices[i].Owner.Id))
                {
                    _devices[i] = _devices[i] with { RegistrationState = RegistrationState.RetirePending };
                    retired = true;
                }
            }
            if (retired)
            {
                TouchDevices();
            }
            TouchAccounts();
            return null;
        }
    }

    /// <summary>Checks each device's eligibility and marks the eligible ones INITIATED, atomically, so
    /// two concurrent requests can never both start a reassignment of one device.</summary>
    internal ReassignmentStart BeginReassignment(long accountId, IReadOnlyList<long> deviceIds, Func<SandboxDevice, bool> mayWrite)
    {
        lock (_gate)
        {
            var known = deviceIds.Where(_deviceIndex.ContainsKey).Select(id => _devices[_deviceIndex[id]]);
            if (!known.All(mayWrite))
            {
                return new ReassignmentStart(true, [], [], _generation);
            }

            var rejected = new List<(long, SandboxDevice?, ReassignmentRejection)>();
            var initiated = new List<long>();
            foreach (long id in deviceIds.Distinct())
            {
                if (!_deviceIndex.TryGetValue(id, out int i))
                {
                    rejected.Add((id, null, ReassignmentRejection.UnknownDevice));
                    continue;
                }
                var device = _devices[i];
                var reason = device switch
                {
                    { IsWindows: false } => ReassignmentRejection.NotWindows,
                    { IsBulkEnrolled: false } => ReassignmentRejection.NotBulkEnrolled,
                    { RegistrationState: not RegistrationState.Active } => ReassignmentRejection.NotActive,
                    { LastReassignmentStatus: ReassignmentStatus.Initiated } => ReassignmentRejection.AlreadyInitiated,
                    _ => ReassignmentRejection.None,
                };
                if (reason != ReassignmentRejection.None)
                {
                    rejected.Add((id, device, reason));
                    continue;
                }
                _devices[i] = device with
                {
                    LastReassignmentStatus = ReassignmentStatus.Initiated,
                    PendingReassignmentTo = accountId,
                    ReassignmentRequests = device.ReassignmentRequests + 1,
                };
                initiated.Add(id);
            }
            if (initiated.Count > 0)
            {
                TouchDevices();
            }

            return new ReassignmentStart(false, rejected, initiated, _generation);
        }
    }

    /// <summary>Ends an INITIATED reassignment: SUCCESS moves the owner to the target account, FAILED (asked
    /// for, or because the target account or the device's state went away meanwhile) leaves it.</summary>
    internal SandboxDevice? CompleteReassignment(long deviceId, int generation, bool fail)
    {
        var time = _time.GetUtcNow();
        lock (_gate)
        {
            if (generation != _generation || !_deviceIndex.TryGetValue(deviceId, out int i))
            {
                return null;
            }

            var device = _devices[i];
            if (device is not { LastReassignmentStatus: ReassignmentStatus.Initiated, PendingReassignmentTo: long target })
            {
                return null;
            }

            var account = _accountIndex.TryGetValue(target, out int ai) ? _accounts[ai] : null;
            bool ok = !fail && account is not null && device.RegistrationState == RegistrationState.Active;
            var outcome = ok ? ReassignmentStatus.Success : ReassignmentStatus.Failed;
            device = device with
            {
                LastReassignmentStatus = outcome,
                PendingReassignmentTo = null,
                Owner = ok ? account!.Identity : device.Owner,
                ChangeOwnerCounter = device.ChangeOwnerCounter + (ok ? 1 : 0),
                ReassignmentHistory = device.ReassignmentHistory.Add(new ReassignmentRecord(time, device.Owner.Id, target, outcome)),
            };
            _devices[i] = device;
            TouchDevices();
            return device;
        }
    }

    /// <summary>Marks the devices RETIRE_PENDING (all or none): returns the first unknown id, or null.</summary>
    internal long? TryRetire(IReadOnlyList<long> ids, Func<SandboxDevice, bool> mayWrite, out bool forbidden)
    {
        forbidden = false;
        lock (_gate)
        {
            foreach (long id in ids)
            {
                if (!_deviceIndex.ContainsKey(id))
                {
                    return id;
                }
            }
            if (!ids.All(id => mayWrite(_devices[_deviceIndex[id]])))
            {
                forbidden = true;
                return null;
            }
            foreach (long id in ids)
            {
                int i = _deviceIndex[id];
                if (_devices[i].RegistrationState == RegistrationState.Active)
                {
                    _devices[i] = _devices[i] with { RegistrationState = RegistrationState.RetirePending };
                }
            }
            TouchDevices();
            return null;
        }
    }

    private static void AddEmail(Dictionary<string, List<long>> byEmail, AccountIdentity identity)
    {
        if (!byEmail.TryGetValue(identity.EmailAddress, out var ids))
        {
            byEmail[identity.EmailAddress] = ids = new List<long>(1);
        }

        ids.Add(identity.Id);
    }

    // Callers hold _gate.
    private void TouchDevices() => Interlocked.Exchange(ref _deviceVersion, ++_changeCounter);
    private void TouchAccounts() => Interlocked.Exchange(ref _accountVersion, ++_changeCounter);
}
