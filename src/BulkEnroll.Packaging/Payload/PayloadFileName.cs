using System.Text;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// Turns a key value (user name, SSID, UPN) into the part of a provxml file name that stands for it. The XML
/// inside keeps the value verbatim; only the file name is made safe.
/// </summary>
internal static class PayloadFileName
{
    // Invalid in Windows file names, plus '$' and '%' which the engine may read as $(variable) or %macro%
    // in RunTime.xml's Data path.
    private const string Replaced = "<>:\"/\\|?*$%";

    public static string Sanitize(string keyValue)
    {
        var builder = new StringBuilder(keyValue.Length);
        foreach (char c in keyValue)
        {
            builder.Append(c < 0x20 || c == 0x7F || Replaced.IndexOf(c) >= 0 ? '_' : c);
        }

        return builder.ToString();
    }
}
