using System;
using System.Collections.Generic;
using System.Linq;

namespace BulkEnroll.Devices;

/// <summary>
/// A device's registration state as the API names it, and which of them a listing shows. Only ACTIVE devices can
/// be assigned, so a listing shows only those unless other states are asked for: an admin who pipes the default
/// output into Set-DeviceAssignment must not meet retired PCs.
/// </summary>
internal static class RegistrationStates
{
    public const string Active = "ACTIVE";
    public const string RetirePending = "RETIRE_PENDING";
    public const string Retired = "RETIRED";
    public const string WipePending = "WIPE_PENDING";
    public const string Wiped = "WIPED";
    public const string Pending = "PENDING";

    /// <summary>Not a state: asks for every state.</summary>
    public const string All = "All";

    public static bool IsActive(string? state) => string.Equals(state, Active, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The states a listing filters on: <see cref="Active"/> when none were asked for, null (no filter) when
    /// <see cref="All"/> was, else the states asked for, upper-cased and without repeats.
    /// </summary>
    public static IReadOnlyList<string>? ToFilter(IEnumerable<string>? asked)
    {
        if (asked == null)
        {
            return new[] { Active };
        }

        var states = asked.Select(s => s.Trim()).ToList();
        return states.Any(s => string.Equals(s, All, StringComparison.OrdinalIgnoreCase))
            ? null
            : states.Select(s => s.ToUpperInvariant()).Distinct().ToList();
    }
}
