using System;

namespace BulkEnroll.Packaging.Tests;

/// <summary>
/// The entry point of this assembly when it runs as a process of its own: the mutation test starts it under a
/// capped .NET heap (DOTNET_GCHeapHardLimit), so that a runaway read fails that run instead of the test host or
/// the machine. `dotnet exec BulkEnroll.Packaging.Tests.dll mutate ppkg|project SEED COUNT`.
/// </summary>
internal static class MutationProgram
{
    public const string Verb = "mutate";

    public static int Main(string[] args)
    {
        if (args.Length != 4 || args[0] != Verb || !int.TryParse(args[2], out int seed) || !int.TryParse(args[3], out int count))
        {
            Console.Error.WriteLine($"usage: {Verb} {MutationRun.Package}|{MutationRun.Project} SEED COUNT");
            return 2;
        }

        MutationRun.Summary summary = MutationRun.Run(args[1], seed, count);
        Console.WriteLine(summary);
        foreach (string failure in summary.Failures)
        {
            Console.WriteLine("FAILURE " + failure);
        }

        return summary.Failures.Count == 0 ? 0 : 1;
    }
}
