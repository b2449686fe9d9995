namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// Bounds on what the readers build from a settings file. Every setting carries its full path, so a hostile file
/// that repeats a megabyte key or element name into thousands of paths would cost memory quadratic in its size;
/// real files hold a few hundred settings with paths well under 200 characters.
/// </summary>
internal static class SettingLimits
{
    public const int MaxPathLength = 1024;

    public const int MaxSettings = 10_000;

    /// <summary>Refuses a setting path before it is stored or extended further.</summary>
    public static string CheckPath(string path, string fileName)
    {
        if (path.Length > MaxPathLength)
        {
            throw new PackageFormatException(PackageFormatReasons.TooLarge, fileName,
                $"A setting path is longer than {MaxPathLength} characters (it starts '{TextRules.Quote(path)}'); real setting paths are far shorter.");
        }

        return path;
    }

    /// <summary>Refuses a file once it holds more settings than any real package.</summary>
    public static void CheckCount(int count, string fileName)
    {
        if (count > MaxSettings)
        {
            throw new PackageFormatException(PackageFormatReasons.TooLarge, fileName, $"The file holds more than {MaxSettings} settings; real packages hold a few hundred.");
        }
    }
}
