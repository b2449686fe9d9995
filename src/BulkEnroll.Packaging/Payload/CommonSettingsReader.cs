using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Xml.Linq;
using BulkEnroll.Packaging.Secrets;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// Walks Settings › Customizations › Common and fills a <see cref="PackageDefinition"/> with the settings it
/// models; everything else becomes an <see cref="OtherSetting"/>.
/// </summary>
internal sealed class CommonSettingsReader
{
    private static readonly XNamespace Ns = CustomizationsXml.SettingsNamespace;

    private readonly PackageDefinition _definition;
    private readonly List<OtherSetting> _others;
    private readonly string _fileName;
    private bool _computerNameSeen;
    private bool _hideOobeSeen;

    public CommonSettingsReader(PackageDefinition definition, List<OtherSetting> others, string fileName)
    {
        _definition = definition;
        _others = others;
        _fileName = fileName;
    }

    public void Read(XElement common)
    {
        foreach (XElement child in common.Elements())
        {
            Walk(child, child.Name.LocalName, OtherSettingsCollector.Segment(child));
        }
    }

    private void Walk(XElement element, string path, string shownPath)
    {
        SettingLimits.CheckPath(shownPath, _fileName);
        if (element.Name.Namespace != Ns)
        {
            OtherSettingsCollector.AddSubtree(_others, element, shownPath, _fileName);
            return;
        }

        switch (path)
        {
            case "Accounts/ComputerAccount/ComputerName" when !_computerNameSeen:
                _computerNameSeen = true;
                _definition.ComputerNameTemplate = XmlReadHelpers.LeafText(element, _fileName);
                return;
            case "OOBE/Desktop/HideOobe" when !_hideOobeSeen:
                _hideOobeSeen = true;
                _definition.HideOobe = Boolean(element, "HideOobe");
                return;
            case "Accounts/Users/User" when _definition.LocalAccount is null:
                ReadUser(element, shownPath);
                return;
            case "ConnectivityProfiles/WLAN/WLANSetting/WLANConfig" when _definition.Wifi is null:
                ReadWlan(element, shownPath);
                return;
            case "Workplace/Enrollments/UPN" when _definition.Enrollment is null:
                ReadEnrollment(element, shownPath);
                return;
        }

        if (!element.HasElements)
        {
            OtherSettingsCollector.Add(_others, SecretSettingNames.Describe(shownPath, element.Name.LocalName, element.Value), _fileName);
            return;
        }

        foreach (XElement child in element.Elements())
        {
            Walk(child, path + "/" + child.Name.LocalName, shownPath + "/" + OtherSettingsCollector.Segment(child));
        }
    }

    private void ReadUser(XElement user, string shownPath)
    {
        string userName = Key(user, "UserName");
        string? password = Text(user, "Password");
        string? groupText = Text(user, "UserGroup");

        // The Accounts CSP makes a user a standard user unless told otherwise.
        LocalUserGroup group = LocalUserGroup.StandardUsers;
        if (groupText != null && !SettingDisplayText.TryParseUserGroup(groupText, out group))
        {
            throw XmlReadHelpers.Invalid(_fileName, "Accounts/Users/User/UserGroup");
        }

        _definition.LocalAccount = new LocalAccountDefinition(userName, SecretText.Protect(password ?? string.Empty), group);
        ReportUnread(user, shownPath, "Password", "UserGroup");
    }

    private void ReadWlan(XElement config, string shownPath)
    {
        string ssid = Key(config, "SSID");
        XElement? settings = XmlReadHelpers.OptionalSingle(config, Ns + "WLANXmlSettings", _fileName);
        string? typeText = settings is null ? null : Text(settings, "SecurityType");
        if (settings is null || typeText is null || !SettingDisplayText.TryParseWifiSecurity(typeText, out WifiSecurity security))
        {
            // A full profile file, WEP or another type we do not write: keep it visible, but do not model it.
            OtherSettingsCollector.AddSubtree(_others, config, shownPath, _fileName);
            return;
        }

        string? key = Text(settings, "SecurityKey");
        string? autoConnect = Text(settings, "AutoConnect");
        string? hidden = Text(settings, "HiddenNetwork");
        _definition.Wifi = new WifiDefinition(ssid, security, key is null ? null : SecretText.Protect(key))
        {
            AutoConnect = autoConnect is null || ParseBoolean(autoConnect, "AutoConnect"),
            Hidden = hidden != null && ParseBoolean(hidden, "HiddenNetwork"),
        };
        ReportUnread(settings, shownPath + "/WLANXmlSettings", "SecurityType", "SecurityKey", "AutoConnect", "HiddenNetwork");
        ReportUnread(config, shownPath, "WLANXmlSettings");
    }

    private void ReadEnrollment(XElement upn, string shownPath)
    {
        string upnValue = Key(upn, "UPN");
        string? authText = Text(upn, "AuthPolicy");
        EnrollmentAuthPolicy policy = EnrollmentAuthPolicy.OnPremise;
        if (authText != null && !SettingDisplayText.TryParseAuthPolicy(authText, out policy))
        {
            throw XmlReadHelpers.Invalid(_fileName, "Workplace/Enrollments/UPN/AuthPolicy");
        }

        SecureString secret = SecretText.Protect(Text(upn, "Secret") ?? string.Empty);
        _definition.Enrollment = new EnrollmentDefinition(upnValue, secret, Text(upn, "DiscoveryServiceFullUrl") ?? string.Empty)
        {
            AuthPolicy = policy,
            PolicyServiceFullUrl = Text(upn, "PolicyServiceFullUrl"),
            EnrollmentServiceFullUrl = Text(upn, "EnrollmentServiceFullUrl"),
        };
        ReportUnread(upn, shownPath, "AuthPolicy", "DiscoveryServiceFullUrl", "Secret", "PolicyServiceFullUrl", "EnrollmentServiceFullUrl");
    }

    private string? Text(XElement parent, string name)
    {
        XElement? element = XmlReadHelpers.OptionalSingle(parent, Ns + name, _fileName);
        return element is null ? null : XmlReadHelpers.LeafText(element, _fileName);
    }

    /// <summary>The key of a collection item; WCD writes it twice (key attribute and Name), either will do.</summary>
    private string Key(XElement item, string keyAttribute)
    {
        string? key = item.Attribute(keyAttribute)?.Value ?? item.Attribute("Name")?.Value;
        if (key is null)
        {
            throw new PackageFormatException(PackageFormatReasons.MissingElement, _fileName, $"<{item.Name.LocalName}> has no {keyAttribute} attribute.");
        }

        return key;
    }

    private bool Boolean(XElement element, string what) => ParseBoolean(XmlReadHelpers.LeafText(element, _fileName), what);

    private bool ParseBoolean(string text, string what)
    {
        if (!SettingDisplayText.TryParseBoolean(text, out bool value))
        {
            throw XmlReadHelpers.Invalid(_fileName, what);
        }

        return value;
    }

    private void ReportUnread(XElement parent, string shownPath, params string[] readNames)
    {
        foreach (XElement child in parent.Elements())
        {
            if (child.Name.Namespace != Ns || !readNames.Contains(child.Name.LocalName, StringComparer.Ordinal))
            {
                OtherSettingsCollector.AddSubtree(_others, child, shownPath + "/" + OtherSettingsCollector.Segment(child), _fileName);
            }
        }
    }
}
