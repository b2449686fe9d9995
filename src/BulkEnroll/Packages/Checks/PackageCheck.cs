namespace BulkEnroll.Packages.Checks;

/// <summary>Builds <see cref="PackageTestResult"/>s, so every check states its outcome the same way.</summary>
internal static class PackageCheck
{
    public static PackageTestResult Passed(string path, string check, string message) => Result(path, check, PackageCheckStatus.Passed, message);

    public static PackageTestResult Failed(string path, string check, string message) => Result(path, check, PackageCheckStatus.Failed, message);

    public static PackageTestResult Warning(string path, string check, string message) => Result(path, check, PackageCheckStatus.Warning, message);

    public static PackageTestResult Skipped(string path, string check, string message) => Result(path, check, PackageCheckStatus.Skipped, message);

    public static PackageTestResult Result(string path, string check, PackageCheckStatus status, string message) =>
        new PackageTestResult { Path = path, Check = check, Result = status, Message = message };
}
