namespace BulkEnroll.Packaging.Payload;

/// <summary>Names shared by the customizations.xml writer and reader.</summary>
internal static class CustomizationsXml
{
    public const string RootName = "WindowsCustomizations";

    // Casing matters: ICD's PackageConfig.xsd spells this namespace with capitals, the settings one without.
    public const string PackageConfigNamespace = "urn:schemas-Microsoft-com:Windows-ICD-Package-Config.v1.0";
    public const string SettingsNamespace = "urn:schemas-microsoft-com:windows-provisioning";

    public const string ClearTextWarning =
        "This file holds passwords (local account, Wi-Fi key, MDM enrollment secret) in clear text. Store and share it like a secret.";
}
