using System.Globalization;

namespace BulkEnroll.Sandbox.Enrollment;

/// <summary>The OSEdition context item is the number of a Windows product type (GetProductInfo); the tenant shows
/// a name. Only the editions that can enroll in MDM matter here; the numbers are the PRODUCT_* constants of
/// GetProductInfo (Microsoft Learn, "GetProductInfo function").</summary>
internal static class WindowsEditionNames
{
    public static string For(string? osEdition, string? osVersion)
    {
        string windows = IsWindows11(osVersion) ? "Windows 11" : "Windows 10";
        string edition = int.TryParse(osEdition, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) ? number switch
        {
            4 => "Enterprise",
            27 => "Enterprise N",
            48 => "Pro",
            49 => "Pro N",
            72 => "Enterprise Evaluation", // PRODUCT_ENTERPRISE_EVALUATION (0x48); seen in public captures
            98 => "Home N",
            100 => "Home Single Language",
            101 => "Home",
            121 => "Education",
            122 => "Education N",
            125 => "Enterprise LTSC",
            164 => "Pro Education",
            161 => "Pro for Workstations",
            175 => "Enterprise multi-session",
            _ => "Edition " + number.ToString(CultureInfo.InvariantCulture),
        } : "Pro";
        return windows + " " + edition;
    }

    // Windows 11 still says 10.0; build 22000 is the first Windows 11 build.
    private static bool IsWindows11(string? version) =>
        Version.TryParse(version, out var v) && v.Major == 10 && v.Build >= 22000;
}
