using System.Runtime.CompilerServices;

namespace BulkEnroll.Runtime;

/// <summary>
/// For code that runs once per byte or field of a listing's pages (Neurons/Reading): compiled optimized at its first
/// call. The runtime otherwise runs a method unoptimized, then instrumented, until it has been called a while and the
/// process has stopped compiling new code for a moment; in a PowerShell session that took 150 to 300 pages of 500
/// devices (README "Measured figures"): a script that lists once never got there.
/// </summary>
internal static class HotPath
{
    /// <summary>MethodImplOptions.AggressiveOptimization, which netstandard2.0 does not name; Windows PowerShell's .NET Framework predates the flag, has no tiers, and is expected to ignore the bit (not verified on Windows here).</summary>
    public const MethodImplOptions Optimized = (MethodImplOptions)512;
}
