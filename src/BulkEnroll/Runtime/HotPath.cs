using System.Runtime.CompilerServices;

namespace BulkEnroll.Runtime;

/// <summary>
/// For code that runs once per device of a listing: compiled optimized at its first call. The runtime otherwise
/// runs a method unoptimized, then instrumented, until it has been called a while, and in a PowerShell session that
/// took twenty to sixty listings of 10,000 devices (README "Measured figures"): a script that lists once never got there.
/// </summary>
internal static class HotPath
{
    /// <summary>MethodImplOptions.AggressiveOptimization, which netstandard2.0 does not name; Windows PowerShell's .NET Framework predates the flag and ignores it.</summary>
    public const MethodImplOptions Optimized = (MethodImplOptions)512;
}
