using System.Collections.Generic;
using BulkEnroll.Packaging.Secrets;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// Maps a <see cref="PackageDefinition"/> onto the runtime's atomic settings groups, in the order they are
/// numbered and applied: ComputerAccount, Users, HideOobe, WLAN, Workplace.
/// </summary>
/// <remarks>
/// ICD's real index order comes from its sequence store and is not documented. The samples always put the
/// Accounts groups first and HideOobe before WLAN, and the store makes Workplace enrollment apply after WLAN
/// (ApplyAfterSetting AutomaticTime|WLAN|Certificates), so this fixed order agrees with everything observed.
/// </remarks>
internal static class RuntimeSettingsGroups
{
    public const string ComputerAccountGroup = "/Accounts/ComputerAccount";
    public const string UsersGroup = "/Accounts/Users/User";
    public const string HideOobeGroup = "/OOBE/Desktop/HideOobe";
    public const string WlanGroup = "/ConnectivityProfiles/WLAN/WLANSetting/WLANConfig";
    public const string WorkplaceGroup = "/Workplace/Enrollments/UPN";

    /// <summary>Reveals the secrets it writes; the returned documents hold them in plain text.</summary>
    public static IReadOnlyList<RuntimeSettingsGroup> From(PackageDefinition definition)
    {
        var groups = new List<RuntimeSettingsGroup>();
        if (definition.ComputerNameTemplate != null)
        {
            groups.Add(ComputerAccount(definition.ComputerNameTemplate));
        }

        if (definition.LocalAccount != null)
        {
            groups.Add(User(definition.LocalAccount));
        }

        if (definition.HideOobe)
        {
            groups.Add(HideOobe());
        }

        if (definition.Wifi != null)
        {
            groups.Add(Wlan(definition.Wifi));
        }

        if (definition.Enrollment != null)
        {
            groups.Add(Workplace(definition.Enrollment));
        }

        return groups;
    }

    private static RuntimeSettingsGroup ComputerAccount(string computerName) => new RuntimeSettingsGroup(
        ComputerAccountGroup,
        "Accounts_ComputerAccount",
        Provxml.Document(
            Provxml.Characteristics(new[] { "Accounts", "Domain" }, Provxml.StringParm("ComputerName", computerName)),

            // ICD adds this so that the engine re-applies the name after the reboot the rename needs.
            Provxml.Characteristics(new[] { "Provisioning", "ForceSettingReload" }, Provxml.IntegerParm("ComputerName", 1))));

    private static RuntimeSettingsGroup User(LocalAccountDefinition account) => new RuntimeSettingsGroup(
        UsersGroup,
        "Accounts_Users_" + PayloadFileName.Sanitize(account.UserName),
        Provxml.Document(
            Provxml.Characteristics(
                new[] { "Accounts", "Users", account.UserName },
                Provxml.StringParm("Password", SecretText.Reveal(account.Password)),
                Provxml.IntegerParm("LocalUserGroup", (int)account.Group))));

    private static RuntimeSettingsGroup HideOobe() => new RuntimeSettingsGroup(
        HideOobeGroup,
        "OOBE_Desktop_HideOobe",
        Provxml.Document(Provxml.Characteristics(new[] { "MCSF", "OOBE", "Desktop" }, Provxml.BooleanParm("HideOobe", true))));

    private static RuntimeSettingsGroup Wlan(WifiDefinition wifi) => new RuntimeSettingsGroup(
        WlanGroup,
        "ConnectivityProfiles_WLAN_WLANSetting_" + PayloadFileName.Sanitize(wifi.Ssid),
        Provxml.Document(Provxml.Characteristics(new[] { "WiFi", "Profile", wifi.Ssid }, Provxml.StringParm("WlanXml", WlanProfileXml.Build(wifi)))));

    private static RuntimeSettingsGroup Workplace(EnrollmentDefinition enrollment)
    {
        // Parms in setting-name order, as ICD orders the Azure and Users groups; names are the CSP leaves,
        // hence "...FullURL" for the two optional service URLs.
        var parms = new List<XmlElementSpec>
        {
            Provxml.IntegerParm("AuthPolicy", (int)enrollment.AuthPolicy),
            Provxml.StringParm("DiscoveryServiceFullUrl", enrollment.DiscoveryServiceFullUrl),
        };
        if (enrollment.EnrollmentServiceFullUrl != null)
        {
            parms.Add(Provxml.StringParm("EnrollmentServiceFullURL", enrollment.EnrollmentServiceFullUrl));
        }

        if (enrollment.PolicyServiceFullUrl != null)
        {
            parms.Add(Provxml.StringParm("PolicyServiceFullURL", enrollment.PolicyServiceFullUrl));
        }

        parms.Add(Provxml.StringParm("Secret", SecretText.Reveal(enrollment.Secret)));
        return new RuntimeSettingsGroup(
            WorkplaceGroup,
            "Workplace_Enrollments_" + PayloadFileName.Sanitize(enrollment.Upn),
            Provxml.Document(Provxml.Characteristics(new[] { "Provisioning", "Enrollments", enrollment.Upn }, parms.ToArray())));
    }
}
