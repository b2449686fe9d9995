namespace BulkEnroll.Packages.Icd;

/// <summary>An ICD.exe and the desktop settings store beside it.</summary>
internal sealed class IcdInstallation
{
    /// <summary>The store that defines Accounts, OOBE and the other desktop-only settings (the default common store lacks them).</summary>
    public const string DesktopStoreFileName = "Microsoft-Desktop-Provisioning.dat";

    public IcdInstallation(string executablePath, string desktopStorePath, string source)
    {
        ExecutablePath = executablePath;
        DesktopStorePath = desktopStorePath;
        Source = source;
    }

    public string ExecutablePath { get; }

    public string DesktopStorePath { get; }

    /// <summary>"ADK" or "Windows Configuration Designer (Store)", for the verbose story.</summary>
    public string Source { get; }

    public override string ToString() => $"{ExecutablePath} ({Source})";
}
