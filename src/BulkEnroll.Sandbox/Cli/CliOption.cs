using System.Globalization;

namespace BulkEnroll.Sandbox.Cli;

/// <summary>One <c>--name value</c> option of a verb: how it is shown in the help and how it changes the settings.</summary>
internal sealed record CliOption<TSettings>(string Name, string Value, string Help, Func<TSettings, string, TSettings> Apply);

/// <summary>The sandbox verbs' shared option handling: <c>--name value</c> or <c>--name=value</c>, case-insensitive.</summary>
internal static class CliOptions
{
    /// <summary>Whether the arguments ask for the verb's help (which then wins over everything else).</summary>
    public static bool AsksForHelp(string[] args) => args.Any(a => a is "-h" or "--help" or "-?");

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

    public static void PrintOptions<TSettings>(TextWriter w, IReadOnlyList<CliOption<TSettings>> options)
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
