namespace BulkEnroll.Sandbox.Tenant;

/// <summary>Everything the seeded data depends on: the same spec always gives the same tenant.</summary>
public sealed record SeedSpec
{
    public int Seed { get; init; } = 1;
    public int DeviceCount { get; init; } = 200;

    /// <summary>Generic <c>windows-bulkenroll-userN</c> accounts. When there are two or more, the last one
    /// enrolls no device (an unused generic user is a case the module must handle).</summary>
    public int GenericUserCount { get; init; } = 4;

    /// <summary>Real users; null = enough for the devices (half the device count, at least 20).</summary>
    public int? RealUserCount { get; init; }

    /// <summary>Device spaces (1 to 5); the first is the default space "Global".</summary>
    public int SpaceCount { get; init; } = 3;

    public string Domain { get; init; } = "contoso.com";

    /// <summary>Password of every seeded generic user (they enroll devices, so someone must know it).</summary>
    public string GenericUserPassword { get; init; } = "BulkEnroll-Pass1!";

    /// <summary>"Now" for seeded timestamps; fixed so that data does not depend on the day it was made.</summary>
    public DateTimeOffset ReferenceTime { get; init; } = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Share of devices that are Windows desktops bulk enrolled by a generic user.</summary>
    public double BulkEnrolledShare { get; init; } = 0.70;

    /// <summary>Share of devices that are Windows enrolled directly by their real user.</summary>
    public double DirectWindowsShare { get; init; } = 0.15;

    /// <summary>Share of bulk-enrolled devices already assigned to a real user.</summary>
    public double AlreadyAssignedShare { get; init; } = 0.5;

    public int EffectiveRealUserCount => RealUserCount ?? Math.Max(20, DeviceCount / 2);

    public void Validate()
    {
        if (DeviceCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(DeviceCount), "must be >= 0");
        }

        if (GenericUserCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(GenericUserCount), "must be >= 1");
        }

        if (EffectiveRealUserCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(RealUserCount), "must be >= 1");
        }

        if (SpaceCount is < 1 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(SpaceCount), "must be 1 to 5");
        }

        if (BulkEnrolledShare < 0 || DirectWindowsShare < 0 || BulkEnrolledShare + DirectWindowsShare > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BulkEnrolledShare), "shares must be >= 0 and sum to <= 1");
        }

        if (AlreadyAssignedShare is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(AlreadyAssignedShare));
        }

        if (!PasswordPolicy.IsSatisfiedBy(GenericUserPassword))
        {
            throw new ArgumentException("GenericUserPassword " + PasswordPolicy.Description, nameof(GenericUserPassword));
        }
    }
}
