using System.Globalization;
using System.Text;

namespace BulkEnroll.Sandbox.VirtualDevices;

/// <summary>Turns the package's computer name into the device's name as the Accounts CSP does: %RAND:n% becomes n
/// random digits, %SERIAL% the serial number cut from its beginning so that the name fits 15 characters; the result
/// must be a valid NetBIOS/DNS name. Without a name in the package Windows picks DESKTOP-xxxxxxx.</summary>
internal static class DeviceNameExpander
{
    public const int MaxLength = 15;

    private const string RandomNameAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <exception cref="DeviceStageException">At <see cref="EnrollmentStage.DeviceName"/>, saying why the name is refused.</exception>
    public static string Expand(string? template, string serialNumber, Random random)
    {
        if (template is null)
        {
            return "DESKTOP-" + new string(Enumerable.Range(0, 7).Select(_ => RandomNameAlphabet[random.Next(RandomNameAlphabet.Length)]).ToArray());
        }

        var parts = Parse(template);
        int serials = parts.Count(p => p.IsSerial);
        int fixedLength = parts.Where(p => !p.IsSerial).Sum(p => p.Text?.Length ?? p.RandomDigits);
        int roomPerSerial = serials == 0 ? 0 : (MaxLength - fixedLength) / serials;
        if (serials > 0 && serialNumber.Length == 0)
        {
            throw Fail($"The computer name '{template}' uses %SERIAL%, but the device reports no serial number.");
        }

        if (serials > 0 && roomPerSerial < 1)
        {
            throw Fail($"The computer name '{template}' leaves no room for %SERIAL% within {MaxLength} characters.");
        }

        var name = new StringBuilder();
        foreach (var part in parts)
        {
            if (part.IsSerial)
            {
                name.Append(serialNumber.Length <= roomPerSerial ? serialNumber : serialNumber[^roomPerSerial..]);
            }
            else if (part.Text is not null)
            {
                name.Append(part.Text);
            }
            else
            {
                for (int i = 0; i < part.RandomDigits; i++)
                {
                    name.Append((char)('0' + random.Next(10)));
                }
            }
        }

        string expanded = name.ToString();
        string from = template == expanded ? "" : $" (from '{template}' with serial number '{serialNumber}')";
        if (expanded.Length > MaxLength)
        {
            throw Fail($"The computer name '{expanded}'{from} has {expanded.Length} characters; Windows allows {MaxLength}.");
        }

        if (expanded.Length == 0)
        {
            throw Fail("The computer name in the package is empty.");
        }

        if (expanded.FirstOrDefault(c => !char.IsAsciiLetterOrDigit(c) && c != '-') is var bad && bad != default)
        {
            throw Fail($"The computer name '{expanded}'{from} contains '{bad}'; Windows allows only letters, digits and '-'.");
        }

        if (expanded.All(char.IsAsciiDigit))
        {
            throw Fail($"The computer name '{expanded}'{from} is all digits, which Windows refuses.");
        }

        if (expanded.StartsWith('-') || expanded.EndsWith('-'))
        {
            throw Fail($"The computer name '{expanded}'{from} starts or ends with '-', which is not a valid DNS name.");
        }

        return expanded;
    }

    private sealed record Part(string? Text, bool IsSerial, int RandomDigits);

    private static List<Part> Parse(string template)
    {
        var parts = new List<Part>();
        int at = 0;
        while (at < template.Length)
        {
            int open = template.IndexOf('%', at);
            if (open < 0)
            {
                parts.Add(new Part(template[at..], false, 0));
                break;
            }
            if (open > at)
            {
                parts.Add(new Part(template[at..open], false, 0));
            }

            int close = template.IndexOf('%', open + 1);
            if (close < 0)
            {
                throw Fail($"The computer name '{template}' has a '%' that starts no macro.");
            }

            string macro = template[(open + 1)..close];
            if (macro.Equals("SERIAL", StringComparison.OrdinalIgnoreCase))
            {
                parts.Add(new Part(null, true, 0));
            }
            else if (macro.StartsWith("RAND:", StringComparison.OrdinalIgnoreCase)
                     && int.TryParse(macro[5..], NumberStyles.None, CultureInfo.InvariantCulture, out int digits) && digits is >= 1 and <= MaxLength)
            {
                parts.Add(new Part(null, false, digits));
            }
            else
            {
                throw Fail($"The computer name '{template}' uses %{macro}%; Windows expands only %SERIAL% and %RAND:n%.");
            }

            at = close + 1;
        }
        return parts;
    }

    private static DeviceStageException Fail(string message) => new(EnrollmentStage.DeviceName, message);
}
