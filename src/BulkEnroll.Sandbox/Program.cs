using BulkEnroll.Sandbox.Cli;

// The sandbox's command line: one verb per job. Each verb owns its options and help.
return args.Length == 0 ? Usage(Console.Error, 2) : args[0].ToLowerInvariant() switch
{
    "serve" => await ServeCommand.RunAsync(args[1..]),
    "enroll" => await EnrollCommand.RunAsync(args[1..], Console.Out, Console.Error),
    "-h" or "--help" or "help" or "-?" => Usage(Console.Out, 0),
    _ => Usage(Console.Error, 2, $"Unknown verb '{args[0]}'."),
};

static int Usage(TextWriter writer, int exitCode, string? problem = null)
{
    if (problem is not null)
    {
        writer.WriteLine(problem);
    }

    writer.WriteLine("""
        BulkEnroll.Sandbox: a local stand-in for an Ivanti Neurons for MDM tenant.

        Usage: BulkEnroll.Sandbox <verb> [options]

        Verbs:
          serve        Serve the tenant's REST API on 127.0.0.1 until Ctrl+C (serve --help for options).
          enroll       Virtual devices apply a .ppkg and enroll against its discovery URL (enroll --help).
        """);
    return exitCode;
}
