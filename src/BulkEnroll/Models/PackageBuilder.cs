namespace BulkEnroll;

/// <summary>What builds a provisioning package.</summary>
public enum PackageBuilder
{
    /// <summary>This module's own WIM writer: any OS, no Windows ADK.</summary>
    Native,

    /// <summary>Microsoft's ICD.exe (Windows ADK or the Store's Windows Configuration Designer); needed for -Encrypt.</summary>
    Icd,
}
