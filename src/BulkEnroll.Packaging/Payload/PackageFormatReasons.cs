namespace BulkEnroll.Packaging.Payload;

/// <summary>Stable reasons of <see cref="PackageFormatException"/>; scripts and tests match on them.</summary>
internal static class PackageFormatReasons
{
    /// <summary>A DOCTYPE: DTDs, entity expansion ("billion laughs") and external entities are never processed.</summary>
    public const string DtdProhibited = "PackageXmlDtdProhibited";
    public const string TooLarge = "PackageXmlTooLarge";
    public const string TooDeep = "PackageXmlTooDeep";
    public const string MalformedXml = "PackageXmlMalformed";
    public const string UnexpectedRoot = "PackageXmlUnexpectedRoot";
    public const string WrongNamespace = "PackageXmlWrongNamespace";
    public const string MissingElement = "PackageXmlMissingElement";
    public const string InvalidValue = "PackageXmlInvalidValue";
    public const string MissingFile = "PackageFileMissing";
}
