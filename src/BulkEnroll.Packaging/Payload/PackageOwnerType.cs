namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// Who a package belongs to, in Windows' precedence order (later owners win over earlier ones).
/// The names are the exact PackageConfig OwnerType values.
/// </summary>
internal enum PackageOwnerType
{
    Microsoft,
    SiliconVendor,
    OEM,
    SystemIntegrator,
    MobileOperator,
    ITAdmin,
}
