namespace BulkEnroll.Packaging.Payload;

/// <summary>A numbered provxml file and the SettingsGroup id RunTime.xml lists it under.</summary>
internal sealed class RuntimeProvxmlEntry
{
    public RuntimeProvxmlEntry(string fileName, string settingsGroup, byte[] content)
    {
        FileName = fileName;
        SettingsGroup = settingsGroup;
        Content = content;
    }

    /// <summary>E.g. "4__Workplace_Enrollments_windows-bulkenroll-a@contoso.com.provxml".</summary>
    public string FileName { get; }

    public string SettingsGroup { get; }

    public byte[] Content { get; }
}
