namespace BulkEnroll.Packaging.Wim;

/// <summary>The compression formats this code reads and writes.</summary>
internal enum WimCompression
{
    None = 0,
    Xpress = 1,
}
