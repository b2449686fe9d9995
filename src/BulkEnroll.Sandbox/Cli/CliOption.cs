using System.Globalization;

namespace BulkEnroll.Sandbox.Cli;

/// <summary>One <c>--name value</c> option of a verb: how it is shown in the help and how it changes the settings.</summary>
internal sealed record CliOption<TSettings>(string Name, string Value, string Help, Func<TSettings, string, TSettings> Apply);

/// <summary>The sandbox verbs' shared option handling: <c>--name value</c> or <c>--name=value</c>, case-insensitive.</summary>
internal static class CliOptions
{
    /// <summary>Whether the arguments ask for the verb's help (which then wins over everything else).</summary>
    public static bool AsksForHelp(string[] args) => args.Any(a => a is "-h" or "--help" or "-?");

    /// <summary>Parses <paramref name="args"/> over <paramref name="defaults"/> and checks the result with
    /// <paramref name="validate"/>. A bad option is written to <paramref name="error"/> as "verb: problem" with a hint
    /// to the help, and false is returned (the verb then exits with 2).</summary>
    public static bool TryParse<TSettings>(string verb, IReadOnlyList<CliOption<TSettings>> options, string[] args, TSettings defaults,
        Action<TSettings> validate, TextWriter error, out TSettings settings)
    {
        try
        {
            settings = Parse(options, args, defaults);
            validate(settings);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            error.WriteLine($"{verb}: {Describe(e)}");
            error.WriteLine($"Run '{verb} --help' for the options.");
            settings = defaults;
            return false;
        }
    }

    // One line, without .NET's "(Parameter 'X')" and "Actual value was" tails: "Fault500 = 2: must be between 0 and 1".
    private static string Describe(Exception e)
    {
        string text = e.Message.Split(" (Parameter")[0];
        return e is ArgumentOutOfRangeException { ParamName: { } name } range
            ? $"{name}{(range.ActualValue is null ? "" : $" = {range.ActualValue}")}: {text}"
            : text;
    }

    public static TSettings Parse<TSettings>(IReadOnlyList<CliOption<TSettings>> options, string[] args, TSettings settings)
    {
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string? inline = null;
            int eq = arg.IndexOf('=');
            if (eq > 0)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }

            var option = options.FirstOrDefault(o => o.Name.Equals(arg, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"unknown option '{arg}'");
            string value = inline ?? (i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{option.Name} needs a value"));
            try
            {
                settings = option.Apply(settings, value);
            }
            catch (FormatException)
            {
                throw new FormatException($"{option.Name}: '{value}' is not a valid {option.Value}");
            }
        }

        return settings;
    }

    /// <summary>The help every verb prints: usage, what the verb does, its options.</summary>
    public static void PrintHelp<TSettings>(TextWriter w, string usage, string description, IReadOnlyList<CliOption<TSettings>> options)
    {
        w.WriteLine("Usage: BulkEnroll.Sandbox " + usage);
        w.WriteLine();
        w.WriteLine(description);
        w.WriteLine();
        PrintOptions(w, options);
    }

    private static void PrintOptions<TSettings>(TextWriter w, IReadOnlyList<CliOption<TSettings>> options)
    {
        w.WriteLine("Options:");
        foreach (var o in options)
        {
            w.WriteLine($"  {o.Name + " " + o.Value,-26} {o.Help}");
        }

        w.WriteLine($"  {"-h, --help",-26} this help");
    }

    public static int Int(string v) => int.Parse(v, NumberStyles.Integer, CultureInfo.InvariantCulture);

    public static double Double(string v) => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture);
}
