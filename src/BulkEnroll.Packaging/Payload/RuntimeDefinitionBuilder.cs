using System;
using System.Collections.Generic;
using BulkEnroll.Packaging.Secrets;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// Rebuilds a <see cref="PackageDefinition"/> from runtime provxml parms, applied in order as the engine does
/// (a later value of the same setting wins). Parms it does not model become <see cref="OtherSetting"/>s.
/// </summary>
internal sealed class RuntimeDefinitionBuilder
{
    private readonly PackageDefinition _definition = new PackageDefinition(Guid.Empty, string.Empty);
    private readonly List<OtherSetting> _others;
    private string? _userName;
    private string? _password;
    private LocalUserGroup _group = LocalUserGroup.StandardUsers;
    private string? _upn;
    private readonly Dictionary<string, string?> _enrollment = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    public RuntimeDefinitionBuilder(List<OtherSetting> others)
    {
        _others = others;
    }

    public void Apply(ProvxmlParm parm, string fileName)
    {
        string name = parm.Name;
        if (parm.IsUnder("Accounts", "Domain") && Is(name, "ComputerName"))
        {
            _definition.ComputerNameTemplate = parm.Value ?? string.Empty;
        }
        else if (parm.IsUnder("Provisioning", "ForceSettingReload"))
        {
            // Bookkeeping that makes the engine re-apply another setting after a reboot; not a setting itself.
        }
        else if (parm.IsKeyedUnder("Accounts", "Users") && (_userName is null || _userName == parm.Key) && (Is(name, "Password") || Is(name, "LocalUserGroup")))
        {
            _userName = parm.Key;
            if (Is(name, "Password"))
            {
                _password = parm.Value ?? string.Empty;
            }
            else if (!SettingDisplayText.TryParseUserGroup(parm.Value ?? string.Empty, out _group))
            {
                throw XmlReadHelpers.Invalid(fileName, "Accounts/Users LocalUserGroup");
            }
        }
        else if (parm.IsUnder("MCSF", "OOBE", "Desktop") && Is(name, "HideOobe"))
        {
            if (!SettingDisplayText.TryParseBoolean(parm.Value ?? string.Empty, out bool hide))
            {
                throw XmlReadHelpers.Invalid(fileName, "MCSF/OOBE/Desktop HideOobe");
            }

            _definition.HideOobe = hide;
        }
        else if (parm.IsKeyedUnder("WiFi", "Profile") && Is(name, "WlanXml") && _definition.Wifi is null
            && WlanProfileReader.Read(parm.Value ?? string.Empty, fileName) is WifiDefinition wifi)
        {
            _definition.Wifi = wifi;
        }
        else if (parm.IsKeyedUnder("Provisioning", "Enrollments") && (_upn is null || _upn == parm.Key) && IsEnrollmentParm(name))
        {
            _upn = parm.Key;
            _enrollment[name] = parm.Value;
        }
        else
        {
            OtherSettingsCollector.Add(_others, SecretSettingNames.Describe(parm.Path, name, parm.Value), fileName);
        }
    }

    public PackageDefinition Build(string fileName)
    {
        if (_userName != null)
        {
            _definition.LocalAccount = new LocalAccountDefinition(_userName, SecretText.Protect(_password ?? string.Empty), _group);
        }

        if (_upn != null)
        {
            EnrollmentAuthPolicy policy = EnrollmentAuthPolicy.OnPremise;
            if (Get("AuthPolicy") is string authText && !SettingDisplayText.TryParseAuthPolicy(authText, out policy))
            {
                throw XmlReadHelpers.Invalid(fileName, "Provisioning/Enrollments AuthPolicy");
            }

            _definition.Enrollment = new EnrollmentDefinition(_upn, SecretText.Protect(Get("Secret") ?? string.Empty), Get("DiscoveryServiceFullUrl") ?? string.Empty)
            {
                AuthPolicy = policy,
                PolicyServiceFullUrl = Get("PolicyServiceFullURL"),
                EnrollmentServiceFullUrl = Get("EnrollmentServiceFullURL"),
            };
        }

        return _definition;
    }

    private string? Get(string name) => _enrollment.TryGetValue(name, out string? value) ? value : null;

    private static bool IsEnrollmentParm(string name) =>
        Is(name, "AuthPolicy") || Is(name, "DiscoveryServiceFullUrl") || Is(name, "Secret") || Is(name, "PolicyServiceFullURL") || Is(name, "EnrollmentServiceFullURL");

    private static bool Is(string name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);
}
