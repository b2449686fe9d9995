using System.Xml.Linq;

namespace BulkEnroll.Sandbox.VirtualDevices;

/// <summary>A server's answer to a SOAP request: the body element, or the fault's subcode and reason.</summary>
internal sealed record SoapReply(string? RelatesTo, XElement? Body, string? FaultSubcode, string? FaultReason)
{
    public bool IsFault => FaultSubcode is not null || FaultReason is not null;

    /// <summary>"s:authentication (0x80180002): The user name or password is incorrect."</summary>
    public string DescribeFault()
    {
        string subcode = FaultSubcode ?? "(no subcode)";
        string local = subcode[(subcode.IndexOf(':') + 1)..];
        string? hresult = Enrollment.SoapFaultSubcodes.HResultOf(local);
        return $"{subcode}{(hresult is null ? "" : $" ({hresult})")}: {FaultReason ?? "(no reason)"}";
    }

    /// <summary>The sentence for a refused policy or enrollment request, with what Windows would make of it.</summary>
    public string Refusal(string service, Uri url, string upn)
    {
        string hint = FaultSubcode?.EndsWith("authentication", StringComparison.OrdinalIgnoreCase) == true
            ? " Windows reports that the user name or password is incorrect: check that the UPN exists in the tenant and that the package's Secret is its password."
            : "";
        return $"The {service} at {url} refused {upn}: {DescribeFault()}{hint}";
    }
}
