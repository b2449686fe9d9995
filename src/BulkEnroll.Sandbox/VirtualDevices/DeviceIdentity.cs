using System.Security.Cryptography;
using System.Text;

namespace BulkEnroll.Sandbox.VirtualDevices;

/// <summary>The hardware identifiers a device sends in its enrollment request, derived from its serial number,
/// maker and model, so the same virtual hardware always presents the same identity.</summary>
internal sealed record DeviceIdentity(string HardwareDeviceId, string DeviceId, string MacAddress)
{
    public static DeviceIdentity For(VirtualDeviceOptions options)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{options.Manufacturer}\n{options.Model}\n{options.SerialNumber}"));
        // As captured: HWDevID 64 hex digits, DeviceID 32 (a GUID without dashes), MAC with dashes; the MAC uses
        // Hyper-V's prefix 00-15-5D.
        string mac = $"00-15-5D-{hash[16]:X2}-{hash[17]:X2}-{hash[18]:X2}";
        return new DeviceIdentity(Convert.ToHexString(hash), new Guid(hash.AsSpan(0, 16)).ToString("N").ToUpperInvariant(), mac);
    }
}
