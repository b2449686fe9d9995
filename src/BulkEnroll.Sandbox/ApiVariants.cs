namespace BulkEnroll.Sandbox;

// How a real tenant may differ where the reference cannot settle the API (docs/reference/ivanti-api.md, open
// questions). Each is a control (serve options, /_sandbox/controls, SandboxOptions.Controls), so the module's
// detection of every variant can be proven; the README's contract decisions say what each one does.

/// <summary>How several ids in one parameter (deviceIds, ids, accountIds) are accepted.</summary>
public enum MultiIdForm
{
    /// <summary>Repeated parameters and comma-separated values, mixed at will (the default).</summary>
    Any,

    /// <summary>Only one value, comma-separated: a repeated parameter is a 400 field error.</summary>
    Comma,

    /// <summary>Only repeated parameters (<c>deviceIds=1&amp;deviceIds=2</c>, as public code sends): a comma is a 400 field error.</summary>
    Repeated,

    /// <summary>One id per call: a second id, repeated or after a comma, is a 400 field error.</summary>
    Single,
}

/// <summary>Which path deletes a user.</summary>
public enum AccountDeletePath
{
    /// <summary><c>DELETE /api/v1/accounts?accountIds=</c> only (the default); the singular path answers 405.</summary>
    Plural,

    /// <summary><c>DELETE /api/v1/account?id=</c> only (as public code sends); the plural path answers 405.</summary>
    Singular,

    /// <summary>Both paths delete.</summary>
    Both,
}

/// <summary>How a device's last reassignment status is written.</summary>
public enum ReassignmentStatusStyle
{
    /// <summary>INITIATED, SUCCESS, FAILED (the API text; the default).</summary>
    Upper,

    /// <summary>Initiated, Success, Failed (the admin portal's spelling).</summary>
    Title,

    /// <summary>Pending while in progress, then Success or Failed.</summary>
    Pending,

    /// <summary>No status field at all: only the owner fields and changeOwnerCounter tell.</summary>
    Absent,
}

internal static class ApiVariantNames
{
    /// <summary>Parses a variant name (any case) or throws <see cref="ArgumentOutOfRangeException"/> naming the knob, as the other controls do.</summary>
    public static T Parse<T>(string value, string knob) where T : struct, Enum
        => Enum.TryParse(value, ignoreCase: true, out T parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new ArgumentOutOfRangeException(knob, value, "must be one of " + string.Join(", ", Enum.GetNames<T>()));
}
