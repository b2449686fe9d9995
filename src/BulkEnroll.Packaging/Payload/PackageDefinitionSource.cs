namespace BulkEnroll.Packaging.Payload;

internal enum PackageDefinitionSource
{
    /// <summary>Read from customizations.xml (a project file, or the copy ICD puts in the package).</summary>
    CustomizationsXml,

    /// <summary>Rebuilt from RunTime.xml and the provxml files, i.e. from what Windows actually applies.</summary>
    RuntimeProvxml,
}
