using System;
using System.Runtime.InteropServices;
using BulkEnroll.Platform;

namespace BulkEnroll.LocalEnrollment;

/// <summary>
/// Where Get-BulkEnrollLocalEnrollment gets the platform answer and the registry from. Tests swap both (a fake
/// registry, "this is Windows") to run the cmdlet on any OS, and must call <see cref="Reset"/> afterwards.
/// </summary>
internal static class LocalEnrollmentSources
{
    // Delegates, not instances: the real registry view is created (and Microsoft.Win32 loaded) only when asked
    // for, which the cmdlet does only after the platform check passed.
    private static readonly Func<bool> RealIsWindows = () => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
    private static readonly Func<IRegistryView> RealRegistry = () => new WindowsRegistryView();

    internal static Func<bool> IsWindows { get; set; } = RealIsWindows;

    internal static Func<IRegistryView> OpenRegistry { get; set; } = RealRegistry;

    internal static void Reset()
    {
        IsWindows = RealIsWindows;
        OpenRegistry = RealRegistry;
    }
}
