using System;
using System.Linq;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// Decides which unmodelled settings may hold a secret, by their name, and masks their values.
/// Errs on the side of masking: command lines are masked too because scripts pass passwords on them.
/// </summary>
internal static class SecretSettingNames
{
    private const int MaxShownLength = 200;

    private static readonly string[] SecretWords =
    {
        "password", "secret", "bprt", "token", "key", "credential", "wlanxml", "commandline", "pin",
    };

    public static bool MayBeSecret(string settingName) =>
        SecretWords.Any(word => settingName.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0);

    public static OtherSetting Describe(string path, string settingName, string? value)
    {
        if (value is null)
        {
            return new OtherSetting(path, null);
        }

        if (MayBeSecret(settingName))
        {
            return new OtherSetting(path, OtherSetting.MaskedValue);
        }

        string shown = new string(value.Select(c => c < 0x20 || c == 0x7F ? ' ' : c).ToArray());
        return new OtherSetting(path, shown.Length > MaxShownLength ? shown.Substring(0, MaxShownLength) + "…" : shown);
    }
}
