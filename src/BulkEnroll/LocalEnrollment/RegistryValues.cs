using System;
using System.Globalization;
using System.Linq;

namespace BulkEnroll.LocalEnrollment;

/// <summary>
/// Turns registry values into text and numbers without trusting their type: Windows writes these as REG_SZ and
/// REG_DWORD, but scripts, imports and other MDM agents have been seen to leave strings for numbers and the like.
/// A value that cannot be read as asked reads as absent rather than failing the whole enrollment.
/// </summary>
internal static class RegistryValues
{
    /// <summary>REG_SZ/REG_EXPAND_SZ trimmed; REG_MULTI_SZ its first non-blank line; blank or any other type: null.</summary>
    public static string? AsText(object? value) => value switch
    {
        string text => NonBlank(text),
        string[] lines => lines.Select(NonBlank).FirstOrDefault(line => line != null),
        _ => null,
    };

    /// <summary>REG_DWORD; REG_QWORD within int range; text holding a decimal or 0x-hex number; otherwise null.</summary>
    public static int? AsNumber(object? value)
    {
        switch (value)
        {
            case int number:
                return number;
            case long wide when wide >= int.MinValue && wide <= int.MaxValue:
                return (int)wide;
            case string text:
                return ParseNumber(text.Trim());
            default:
                return null;
        }
    }

    /// <summary>The registry type a value has, as regedit names it, for messages about values that were ignored.</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "missing",
        string _ => "REG_SZ",
        int _ => "REG_DWORD",
        long _ => "REG_QWORD",
        string[] _ => "REG_MULTI_SZ",
        byte[] _ => "REG_BINARY",
        _ => value.GetType().Name,
    };

    private static string? NonBlank(string? text)
    {
        string? trimmed = text?.TrimEnd('\0').Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    private static int? ParseNumber(string text)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return int.TryParse(text.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int hex) ? hex : (int?)null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) ? number : (int?)null;
    }
}
