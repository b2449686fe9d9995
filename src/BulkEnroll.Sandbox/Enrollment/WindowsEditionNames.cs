using System.Globalization;

namespace BulkEnroll.Sandbox.Enrollment;

/// <summary>The OSEdition context item is the number of a Windows product type (GetProductInfo); the tenant shows
/// a name. Only the editions that can enroll in MDM matter here.</summary>
internal static class WindowsEditionNames
{
    public static string For(string? osEdition, string? osVersion)
    {
        string windows = IsWindows11(osVersion) ? "Windows 11" : "Windows 10";
        string edition = int.TryParse(osEdition, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) ? number switch
        {
            4 => "Enterprise",
            48 => "Pro",
            101 => "Home",
            121 => "Education",
            125 => "Enterprise LTSC",
            161 => "Pro for Workstations",
            _ => "Edition " + number.ToString(CultureInfo.InvariantCulture),
        } : "Pro";
        return windows + " " + edition;
    }

    // Windows 11 still says 10.0; build 22000 is the first Windows 11 build.
    private static bool IsWindows11(string? version) =>
        Version.TryParse(version, out var v) && v.Major == 10 && v.Build >= 22000;
}
