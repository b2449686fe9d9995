using System.Globalization;
using BulkEnroll.Sandbox.Enrollment;

namespace BulkEnroll.Sandbox.VirtualDevices;

/// <summary>Applies runtime CSP settings the way the configuration service providers would, for the ones that
/// matter at OOBE: computer name, local accounts, Wi-Fi, HideOobe and the Workplace (Provisioning CSP) enrollment.
/// Later settings win over earlier ones, as when the engine applies the files in RunTime.xml order.</summary>
internal sealed class CspSettingsInterpreter
{
    private string? _computerName;
    private readonly Dictionary<string, (string? Password, string Group)> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<WifiNetworkSetting> _wifi = [];
    private bool _hideOobe;
    private readonly Dictionary<string, Dictionary<string, string>> _enrollments = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _ignored = [];

    internal sealed record Result(ProvisionedSettings Settings, WorkplaceEnrollment? Enrollment);

    public void Apply(CspSetting s)
    {
        if (s.IsAt("Accounts", "Domain") && s.Name == "ComputerName")
        {
            _computerName = s.Value;
        }
        else if (s.IsAt("DevDetail", "Ext", "Microsoft") && s.Name == "DNSComputerName")
        {
            _computerName = s.Value;
        }
        else if (s.IsAt("Provisioning", "ForceSettingReload")) { } // makes the engine re-apply the name after the reboot
        else if (s.IsUnderKeyed("Accounts", "Users"))
        {
            ApplyUser(s);
        }
        else if (s.IsAt("MCSF", "OOBE", "Desktop") && s.Name == "HideOobe")
        {
            _hideOobe = Boolean(s);
        }
        else if (s.IsUnderKeyed("WiFi", "Profile") && s.Name == "WlanXml")
        {
            ApplyWifi(s);
        }
        else if (s.IsUnderKeyed("Provisioning", "Enrollments"))
        {
            Enrollment(s.Key)[s.Name] = s.Value;
        }
        else
        {
            _ignored.Add(s.CspPath);
        }
    }

    public Result Finish()
    {
        var accounts = _users
            .Where(u => u.Value.Password is not null) // the Accounts CSP cannot create a user without a password
            .Select(u => new LocalAccountSetting(u.Key, u.Value.Group))
            .ToList();
        foreach (var user in _users.Where(u => u.Value.Password is null))
        {
            _ignored.Add($"./Vendor/MSFT/Accounts/Users/{user.Key}: no Password, so no account is created");
        }

        WorkplaceEnrollment? enrollment = null;
        if (_enrollments.Count > 0)
        {
            var (upn, parms) = _enrollments.First();
            enrollment = ToEnrollment(upn, parms);
            foreach (var other in _enrollments.Keys.Skip(1))
            {
                _ignored.Add($"./Vendor/MSFT/Provisioning/Enrollments/{other}: Windows allows one MDM enrollment; the first one is used");
            }
        }

        var settings = new ProvisionedSettings(_computerName, accounts, _wifi.ToList(), _hideOobe, enrollment?.Setting, _ignored.ToList());
        return new Result(settings, enrollment);
    }

    private void ApplyUser(CspSetting s)
    {
        var user = _users.GetValueOrDefault(s.Key, (null, "Standard Users"));
        if (s.Name == "Password")
        {
            user.Password = s.Value;
        }
        else if (s.Name == "LocalUserGroup")
        {
            user.Group = Integer(s) == 2 ? "Administrators" : "Standard Users";
        }
        else
        {
            _ignored.Add(s.CspPath);
        }

        _users[s.Key] = user;
    }

    private void ApplyWifi(CspSetting s)
    {
        var network = WlanProfileParser.Parse(s.Value, out string? problem);
        if (network is null)
        {
            _ignored.Add($"./Vendor/MSFT/WiFi/Profile/{s.Key}: rejected, {problem}");
        }
        else
        {
            _wifi.Add(network);
        }
    }

    private Dictionary<string, string> Enrollment(string upn)
    {
        if (!_enrollments.TryGetValue(upn, out var parms))
        {
            _enrollments[upn] = parms = new(StringComparer.Ordinal);
        }

        return parms;
    }

    private static WorkplaceEnrollment ToEnrollment(string upn, Dictionary<string, string> parms)
    {
        string where = $"The Workplace enrollment of {upn} (Provisioning/Enrollments)";
        string policy = parms.GetValueOrDefault("AuthPolicy") switch
        {
            null => MdeAuthPolicies.OnPremise, // the CSP's default
            "0" or MdeAuthPolicies.OnPremise => MdeAuthPolicies.OnPremise,
            "2" or MdeAuthPolicies.Certificate => MdeAuthPolicies.Certificate,
            var other => throw new DeviceStageException(EnrollmentStage.Package, $"{where} has AuthPolicy '{other}'; the Provisioning CSP knows 0 (OnPremise) and 2 (Certificate)."),
        };
        string url = parms.GetValueOrDefault("DiscoveryServiceFullUrl") is { Length: > 0 } u
            ? u
            : throw new DeviceStageException(EnrollmentStage.Package, $"{where} has no DiscoveryServiceFullUrl.");
        string secret = parms.GetValueOrDefault("Secret") is { Length: > 0 } p
            ? p
            : throw new DeviceStageException(EnrollmentStage.Package, $"{where} has no Secret; the OnPremise policy needs the user's password.");
        return new WorkplaceEnrollment(upn, policy, url, secret);
    }

    private static bool Boolean(CspSetting s) => s.Value.Equals("true", StringComparison.OrdinalIgnoreCase) || s.Value == "1";

    private static int Integer(CspSetting s) =>
        int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new DeviceStageException(EnrollmentStage.Package, $"{s.CspPath} is '{s.Value}', not an integer.");
}
