using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// Checks a computer-name template (Accounts › ComputerAccount › ComputerName) against what Windows accepts:
/// a NetBIOS-sized DNS host label of at most 15 characters, letters, digits and hyphens only, not purely numeric,
/// with the macros %SERIAL% and %RAND:n% expanded on the device.
/// </summary>
internal static class DeviceNameRules
{
    public const int MaxLength = 15;

    /// <summary>%SERIAL% is cut from its beginning to fit; below this we cannot reserve even a short serial.</summary>
    public const int MinimumSerialLength = 4;

    /// <summary>Fewer characters than this left for %SERIAL% makes same-model PCs likely to collide.</summary>
    public const int ComfortableSerialLength = 8;

    public const int MaxRandDigits = 15;

    /// <summary>A hostile template can hold thousands of macros; past this many, one summary problem stands for the rest.</summary>
    public const int MaxMacroProblems = 5;

    public static IReadOnlyList<PackageProblem> Check(string template)
    {
        var problems = new List<PackageProblem>();
        if (template.Length == 0)
        {
            problems.Add(Error(PackageProblemIds.DeviceNameEmpty, "The computer name template is empty. Leave it out to keep the name Windows chooses."));
            return problems;
        }

        var literal = new List<char>();
        var invalid = new List<char>();
        var invalidSeen = new HashSet<char>();
        int macroProblems = 0;
        string shown = TextRules.Quote(template);
        int randDigits = 0;
        int serialCount = 0;
        bool macrosValid = true;
        bool startsWithHyphen = template[0] == '-';
        bool endsWithHyphen = template[template.Length - 1] == '-';

        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if (c != '%')
            {
                literal.Add(c);
                if (!TextRules.IsAsciiLetterOrDigit(c) && c != '-' && invalidSeen.Add(c))
                {
                    invalid.Add(c);
                }

                continue;
            }

            int close = template.IndexOf('%', i + 1);
            if (close < 0)
            {
                macrosValid = false;
                problems.Add(Error(PackageProblemIds.DeviceNameUnknownMacro,
                    $"The computer name template '{shown}' has a '%' that does not start %SERIAL% or %RAND:n%."));
                break;
            }

            string macro = template.Substring(i + 1, close - i - 1);
            if (macro.Equals("SERIAL", StringComparison.OrdinalIgnoreCase))
            {
                serialCount++;
            }
            else if (macro.StartsWith("RAND:", StringComparison.OrdinalIgnoreCase))
            {
                // Only ASCII digits: char.IsDigit also accepts e.g. Arabic-Indic and full-width digits, which int.Parse refuses.
                string digits = macro.Substring(5);
                if (digits.Length is >= 1 and <= 2 && digits.All(c => c >= '0' && c <= '9')
                    && int.Parse(digits, CultureInfo.InvariantCulture) is int n && n >= 1 && n <= MaxRandDigits)
                {
                    randDigits += n;
                }
                else
                {
                    macrosValid = false;
                    AddMacroProblem(problems, ref macroProblems, template, Error(PackageProblemIds.DeviceNameRandLengthInvalid,
                        $"In the computer name template '{shown}', %{TextRules.Quote(macro)}% must give a number of random digits from 1 to {MaxRandDigits} (ASCII digits)."));
                }
            }
            else
            {
                macrosValid = false;
                AddMacroProblem(problems, ref macroProblems, template, Error(PackageProblemIds.DeviceNameUnknownMacro,
                    $"The computer name template '{shown}' uses %{TextRules.Quote(macro)}%; only %SERIAL% and %RAND:n% are expanded by Windows."));
            }

            i = close;
        }

        if (invalid.Count > 0)
        {
            problems.Add(Error(PackageProblemIds.DeviceNameInvalidCharacter,
                $"The computer name template '{shown}' contains {string.Join(", ", invalid.Take(MaxMacroProblems).Select(TextRules.Describe))}{(invalid.Count > MaxMacroProblems ? " and more" : string.Empty)}; "
                + "a computer name may only hold the letters A-Z and a-z, the digits 0-9 and '-'."));
        }

        if (startsWithHyphen || endsWithHyphen)
        {
            problems.Add(Error(PackageProblemIds.DeviceNameHyphenAtEdge,
                $"The computer name template '{shown}' must not start or end with '-'."));
        }

        if (!macrosValid)
        {
            return problems;
        }

        bool hasMacros = serialCount > 0 || randDigits > 0;
        if (literal.All(c => c >= '0' && c <= '9'))
        {
            problems.Add(Error(PackageProblemIds.DeviceNameAllDigits, hasMacros
                ? $"The computer name template '{shown}' could expand to digits only; Windows rejects numeric computer names. Add a letter, e.g. 'PC-{shown}'."
                : $"The computer name '{shown}' is all digits; Windows rejects numeric computer names."));
        }

        int fixedLength = literal.Count + randDigits;
        int shortest = fixedLength + (serialCount * MinimumSerialLength);
        if (shortest > MaxLength)
        {
            problems.Add(Error(PackageProblemIds.DeviceNameTooLong, serialCount > 0
                ? $"The computer name template '{shown}' leaves {Math.Max(0, MaxLength - fixedLength)} of {MaxLength} characters for %SERIAL%; shorten the fixed part so that at least {MinimumSerialLength} (better {ComfortableSerialLength}) remain."
                : $"The computer name template '{shown}' expands to {fixedLength} characters; Windows allows at most {MaxLength}."));
        }
        else if (serialCount > 0 && (MaxLength - fixedLength) / serialCount < ComfortableSerialLength)
        {
            int room = (MaxLength - fixedLength) / serialCount;
            problems.Add(new PackageProblem(PackageProblemIds.DeviceNameSerialTruncated, ProblemSeverity.Warning,
                $"The computer name template '{shown}' leaves only {room} characters for %SERIAL%. Windows keeps the end of the serial number, "
                + "so PCs whose serial numbers end alike would get the same name."));
        }

        return problems;
    }

    // Each problem quotes the template, so one problem per macro would make the report quadratic in the template.
    private static void AddMacroProblem(List<PackageProblem> problems, ref int count, string template, PackageProblem problem)
    {
        count++;
        if (count <= MaxMacroProblems)
        {
            problems.Add(problem);
        }
        else if (count == MaxMacroProblems + 1)
        {
            problems.Add(Error(problem.Id, $"The computer name template '{TextRules.Quote(template)}' has more invalid macros; only the first {MaxMacroProblems} are listed."));
        }
    }

    private static PackageProblem Error(string id, string message) => new PackageProblem(id, ProblemSeverity.Error, message);
}
