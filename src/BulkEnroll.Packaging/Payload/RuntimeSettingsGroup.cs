namespace BulkEnroll.Packaging.Payload;

/// <summary>One atomic settings group as the runtime applies it: one provxml file, one RunTime.xml line.</summary>
internal sealed class RuntimeSettingsGroup
{
    public RuntimeSettingsGroup(string atomicGroupPath, string fileStem, XmlElementSpec document)
    {
        AtomicGroupPath = atomicGroupPath;
        FileStem = fileStem;
        Document = document;
    }

    /// <summary>The store path of the atomic group, e.g. "/Accounts/Users/User"; it determines the SettingsGroup id.</summary>
    public string AtomicGroupPath { get; }

    /// <summary>The file name without index and extension, e.g. "Accounts_Users_localadmin" (already safe for a file name).</summary>
    public string FileStem { get; }

    public XmlElementSpec Document { get; }
}
