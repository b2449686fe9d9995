using System;
using System.Collections.Generic;
using System.Globalization;
using BulkEnroll.Packaging.Secrets;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// Writes customizations.xml, the Windows Configuration Designer project (answer) file, and AnswerFile.xml,
/// its Settings subtree. Only elements of ICD's desktop settings store are used, so the file opens in WCD.
/// </summary>
internal static class CustomizationsXmlWriter
{
    private static readonly ISet<string> AnswerFileDroppedAttributes = new HashSet<string>(StringComparer.Ordinal) { "Name" };

    /// <summary>The full project file, with a comment that warns it holds clear-text secrets.</summary>
    /// <exception cref="PackageDefinitionInvalidException">The definition has errors (warnings are fine).</exception>
    public static byte[] Write(PackageDefinition definition, PackageValidationOptions? options = null) =>
        Write(PackageDefinitionValidator.EnsureValid(definition, options));

    /// <summary>The full project file of a definition already validated; not validated again.</summary>
    /// <exception cref="PackageDefinitionInvalidException">The definition has errors (warnings are fine).</exception>
    public static byte[] Write(ValidatedPackageDefinition validated) => WriteValidated(validated.ForBuild());

    /// <summary>The project file of a definition the caller has just validated (the package builder writes it into the package).</summary>
    internal static byte[] WriteValidated(PackageDefinition definition)
    {
        XmlElementSpec root = new XmlElementSpec(CustomizationsXml.RootName)
            .Add(PackageConfig(definition))
            .Add(Settings(definition));
        return PayloadXmlText.ToBytes(root, XmlFileStyle.BomUtf8, CustomizationsXml.ClearTextWarning);
    }

    /// <summary>CommonSettings/1/AnswerFile.xml: the Settings element at the top, without Name attributes; for an already validated definition.</summary>
    public static byte[] WriteAnswerFile(PackageDefinition definition) =>
        PayloadXmlText.ToBytes(Settings(definition).CopyWithout(AnswerFileDroppedAttributes), XmlFileStyle.BomUtf8);

    private static XmlElementSpec PackageConfig(PackageDefinition definition) =>
        new XmlElementSpec("PackageConfig").Attribute("xmlns", CustomizationsXml.PackageConfigNamespace)
            .Add("ID", FormatPackageId(definition.PackageId))
            .Add("Name", definition.Name)
            .Add("Version", definition.Version)
            .Add("OwnerType", SettingDisplayText.Of(definition.OwnerType))
            .Add("Rank", definition.Rank.ToString(CultureInfo.InvariantCulture))
            .Add("Notes", definition.Notes ?? string.Empty);

    internal static string FormatPackageId(Guid id) => id.ToString("B");

    private static XmlElementSpec Settings(PackageDefinition definition)
    {
        var common = new XmlElementSpec("Common");
        XmlElementSpec? accounts = Accounts(definition);
        if (accounts != null)
        {
            common.Add(accounts);
        }

        if (definition.Wifi != null)
        {
            common.Add(Wlan(definition.Wifi));
        }

        if (definition.HideOobe)
        {
            common.Add(new XmlElementSpec("OOBE").Add(new XmlElementSpec("Desktop").Add("HideOobe", SettingDisplayText.Of(true))));
        }

        if (definition.Enrollment != null)
        {
            common.Add(Workplace(definition.Enrollment));
        }

        return new XmlElementSpec("Settings").Attribute("xmlns", CustomizationsXml.SettingsNamespace)
            .Add(new XmlElementSpec("Customizations").Add(common));
    }

    private static XmlElementSpec? Accounts(PackageDefinition definition)
    {
        if (definition.ComputerNameTemplate is null && definition.LocalAccount is null)
        {
            return null;
        }

        var accounts = new XmlElementSpec("Accounts");
        if (definition.ComputerNameTemplate != null)
        {
            accounts.Add(new XmlElementSpec("ComputerAccount").Add("ComputerName", definition.ComputerNameTemplate));
        }

        if (definition.LocalAccount is LocalAccountDefinition account)
        {
            accounts.Add(new XmlElementSpec("Users").Add(
                new XmlElementSpec("User").Attribute("UserName", account.UserName)
                    .Add("Password", SecretText.Reveal(account.Password))
                    .Add("UserGroup", SettingDisplayText.Of(account.Group))));
        }

        return accounts;
    }

    private static XmlElementSpec Wlan(WifiDefinition wifi)
    {
        var settings = new XmlElementSpec("WLANXmlSettings")
            .Add("AutoConnect", SettingDisplayText.Of(wifi.AutoConnect))
            .Add("HiddenNetwork", SettingDisplayText.Of(wifi.Hidden));
        if (wifi.Security == WifiSecurity.WPA2Personal)
        {
            settings.Add("SecurityKey", SecretText.Reveal(wifi.Key!));
        }

        settings.Add("SecurityType", SettingDisplayText.Of(wifi.Security));
        return new XmlElementSpec("ConnectivityProfiles").Add(
            new XmlElementSpec("WLAN").Add(
                new XmlElementSpec("WLANSetting").Add(
                    new XmlElementSpec("WLANConfig").Attribute("SSID", wifi.Ssid).Add(settings))));
    }

    private static XmlElementSpec Workplace(EnrollmentDefinition enrollment)
    {
        XmlElementSpec upn = new XmlElementSpec("UPN").Attribute("UPN", enrollment.Upn)
            .Add("AuthPolicy", SettingDisplayText.Of(enrollment.AuthPolicy))
            .Add("DiscoveryServiceFullUrl", enrollment.DiscoveryServiceFullUrl);
        if (enrollment.EnrollmentServiceFullUrl != null)
        {
            upn.Add("EnrollmentServiceFullUrl", enrollment.EnrollmentServiceFullUrl);
        }

        if (enrollment.PolicyServiceFullUrl != null)
        {
            upn.Add("PolicyServiceFullUrl", enrollment.PolicyServiceFullUrl);
        }

        upn.Add("Secret", SecretText.Reveal(enrollment.Secret));
        return new XmlElementSpec("Workplace").Add(new XmlElementSpec("Enrollments").Add(upn));
    }
}
