namespace BulkEnroll.Packaging.Payload;

/// <summary>Where each payload file sits inside the package image.</summary>
internal static class PayloadPaths
{
    public const string MultivariantXml = "Multivariant/Multivariant.xml";
    public const string CustomizationsXml = "Multivariant/0/customizations.xml";
    public const string MasterDatastoreXml = "Multivariant/0/MasterDatastore.xml";
    public const string ProvFolder = "Multivariant/0/Prov/";
    public const string RunTimeXml = ProvFolder + "RunTime.xml";
    public const string RunTimeFolder = ProvFolder + "RunTime/";
    public const string CommonSettingsXml = "CommonSettings/CommonSettings.xml";
    public const string AnswerFileXml = "CommonSettings/1/AnswerFile.xml";

    /// <summary>The engine's name for the Prov folder in RunTime.xml and MasterDatastore.xml paths.</summary>
    public const string ProvVariable = "$(_prov)";
}
