namespace BulkEnroll.Packaging.Payload;

/// <summary>The Wi-Fi security types this module writes (a subset of WCD's Open, WEP, WPA2-Personal).</summary>
internal enum WifiSecurity
{
    Open,
    WPA2Personal,
}
