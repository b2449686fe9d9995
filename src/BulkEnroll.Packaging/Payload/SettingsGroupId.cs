using System;
using System.Globalization;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// The SettingsGroup id RunTime.xml gives each provxml: UUIDv5(DNS namespace, "_" + the atomic group's store
/// path with '/' turned into '_'). This rule reproduces every id in ICD's sequence store and in the samples.
/// </summary>
internal static class SettingsGroupId
{
    /// <param name="atomicGroupPath">The store path of the atomic group, e.g. "/Workplace/Enrollments/UPN".</param>
    /// <param name="instance">0 for the first instance of the group in a package, 1 for the second, ...</param>
    public static string For(string atomicGroupPath, int instance = 0)
    {
        if (instance < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(instance));
        }

        string name = "_" + atomicGroupPath.TrimStart('/').Replace('/', '_');
        string id = NameBasedUuid.Version5(NameBasedUuid.DnsNamespace, name).ToString("D");

        // The samples show the second instance as "<guid>_0"; "_1" for the third is our extrapolation.
        return instance == 0 ? id : id + "_" + (instance - 1).ToString(CultureInfo.InvariantCulture);
    }
}
