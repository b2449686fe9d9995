using System.Collections.Generic;

namespace BulkEnroll.Packages.Icd;

internal interface IIcdLocator
{
    /// <summary>The first installation found, or null; <paramref name="searched"/> lists where it looked, for the error message.</summary>
    IcdInstallation? Find(out IReadOnlyList<string> searched);
}
