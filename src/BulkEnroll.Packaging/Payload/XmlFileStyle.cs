namespace BulkEnroll.Packaging.Payload;

/// <summary>The three encodings genuine ICD payload files use (docs/reference/package-format.md#encodings).</summary>
internal enum XmlFileStyle
{
    /// <summary>No BOM, <c>encoding="UTF-8"</c>: Multivariant.xml, CommonSettings.xml.</summary>
    NoBomUpperCaseUtf8,

    /// <summary>UTF-8 BOM, <c>encoding="utf-8"</c>: customizations.xml, AnswerFile.xml, MasterDatastore.xml, RunTime.xml.</summary>
    BomUtf8,

    /// <summary>UTF-8 BOM, <c>encoding="utf-8" standalone="yes"</c>: *.provxml.</summary>
    BomUtf8Standalone,
}
