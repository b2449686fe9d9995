using System;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// customizations.xml spells enum and boolean settings with the display text of ICD's settings store
/// ("Administrators", "WPA2-Personal", "True"); the runtime provxml uses the numbers instead.
/// </summary>
internal static class SettingDisplayText
{
    public const string OpenSecurity = "Open";
    public const string Wpa2PersonalSecurity = "WPA2-Personal";
    public const string AdministratorsGroup = "Administrators";
    public const string StandardUsersGroup = "Standard Users";

    public static string Of(bool value) => value ? "True" : "False";

    public static string Of(WifiSecurity security) => security switch
    {
        WifiSecurity.Open => OpenSecurity,
        WifiSecurity.WPA2Personal => Wpa2PersonalSecurity,
        _ => throw new ArgumentOutOfRangeException(nameof(security)),
    };

    public static string Of(LocalUserGroup group) => group switch
    {
        LocalUserGroup.Administrators => AdministratorsGroup,
        LocalUserGroup.StandardUsers => StandardUsersGroup,
        _ => throw new ArgumentOutOfRangeException(nameof(group)),
    };

    public static string Of(EnrollmentAuthPolicy policy) => policy switch
    {
        EnrollmentAuthPolicy.OnPremise => "OnPremise",
        EnrollmentAuthPolicy.Certificate => "Certificate",
        _ => throw new ArgumentOutOfRangeException(nameof(policy)),
    };

    public static string Of(PackageOwnerType owner) => owner.ToString();

    public static bool TryParseBoolean(string text, out bool value)
    {
        // WCD writes True/False; the runtime and hand-written files use true/false or 1/0.
        switch (text.Trim().ToLowerInvariant())
        {
            case "true":
            case "1":
                value = true;
                return true;
            case "false":
            case "0":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    public static bool TryParseWifiSecurity(string text, out WifiSecurity security)
    {
        string t = text.Trim();
        if (t.Equals(OpenSecurity, StringComparison.OrdinalIgnoreCase))
        {
            security = WifiSecurity.Open;
            return true;
        }

        if (t.Equals(Wpa2PersonalSecurity, StringComparison.OrdinalIgnoreCase) || t.Equals("WPA2Personal", StringComparison.OrdinalIgnoreCase))
        {
            security = WifiSecurity.WPA2Personal;
            return true;
        }

        security = default;
        return false;
    }

    public static bool TryParseUserGroup(string text, out LocalUserGroup group)
    {
        string t = text.Trim();
        if (t.Equals(AdministratorsGroup, StringComparison.OrdinalIgnoreCase) || t == "2")
        {
            group = LocalUserGroup.Administrators;
            return true;
        }

        if (t.Equals(StandardUsersGroup, StringComparison.OrdinalIgnoreCase) || t == "1")
        {
            group = LocalUserGroup.StandardUsers;
            return true;
        }

        group = default;
        return false;
    }

    public static bool TryParseAuthPolicy(string text, out EnrollmentAuthPolicy policy)
    {
        string t = text.Trim();
        if (t.Equals("OnPremise", StringComparison.OrdinalIgnoreCase) || t == "0")
        {
            policy = EnrollmentAuthPolicy.OnPremise;
            return true;
        }

        if (t.Equals("Certificate", StringComparison.OrdinalIgnoreCase) || t == "2")
        {
            policy = EnrollmentAuthPolicy.Certificate;
            return true;
        }

        policy = default;
        return false;
    }

    public static bool TryParseOwnerType(string text, out PackageOwnerType owner)
    {
        // PackageConfig.xsd compares case-insensitively; numbers are not owner types.
        foreach (PackageOwnerType candidate in Enum.GetValues(typeof(PackageOwnerType)))
        {
            if (candidate.ToString().Equals(text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                owner = candidate;
                return true;
            }
        }

        owner = default;
        return false;
    }
}
