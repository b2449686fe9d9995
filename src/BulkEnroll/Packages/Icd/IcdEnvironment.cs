using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace BulkEnroll.Packages.Icd;

/// <summary>What the ICD builder takes from the machine, replaceable in tests.</summary>
internal sealed class IcdEnvironment
{
    public IcdEnvironment(bool isWindows, IReadOnlyList<string> workFolderCandidates, TimeSpan timeout)
    {
        IsWindows = isWindows;
        WorkFolderCandidates = workFolderCandidates;
        Timeout = timeout;
    }

    public static IcdEnvironment Current => new(
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows),
        new[]
        {
            Path.GetTempPath(),

            // When the user's temp folder has a space (C:\Users\Jane Doe\...), these normally do not.
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "BulkEnroll"),
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.Windows), "Temp"),
        },
        TimeSpan.FromMinutes(10));

    public bool IsWindows { get; }

    /// <summary>Where ICD's inputs and output may go, in order of preference; the first without a space is used.</summary>
    public IReadOnlyList<string> WorkFolderCandidates { get; }

    /// <summary>How long one ICD build may take before it is stopped.</summary>
    public TimeSpan Timeout { get; }
}
