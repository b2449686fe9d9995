namespace BulkEnroll.Sandbox.VirtualDevices;

/// <summary>What a virtual device took from a package's runtime settings, secrets left out.</summary>
/// <param name="ComputerNameTemplate">Accounts/Domain/ComputerName or DevDetail DNSComputerName; null = Windows picks a name.</param>
/// <param name="IgnoredSettings">CSP settings a virtual device does not act on, as ./Vendor/MSFT paths, or why a setting was rejected.</param>
public sealed record ProvisionedSettings(
    string? ComputerNameTemplate,
    IReadOnlyList<LocalAccountSetting> LocalAccounts,
    IReadOnlyList<WifiNetworkSetting> WifiNetworks,
    bool HideOobe,
    EnrollmentSetting? Enrollment,
    IReadOnlyList<string> IgnoredSettings);

/// <param name="Group">"Administrators" or "Standard Users".</param>
public sealed record LocalAccountSetting(string UserName, string Group);

/// <param name="Authentication">The WLAN profile's authentication, e.g. "WPA2PSK" or "open".</param>
public sealed record WifiNetworkSetting(string Ssid, string Authentication, bool Hidden, bool AutoConnect);

/// <summary>Provisioning/Enrollments/&lt;UPN&gt;, without the Secret.</summary>
/// <param name="AuthPolicy">"OnPremise" or "Certificate".</param>
public sealed record EnrollmentSetting(string UserPrincipalName, string AuthPolicy, string DiscoveryServiceFullUrl);
