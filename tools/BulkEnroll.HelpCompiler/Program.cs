using System;
using System.IO;
using System.Reflection;
using BulkEnroll.HelpCompiler;

// dotnet run --project tools/BulkEnroll.HelpCompiler -- <docs folder> <output xml> [--check]
// Compiles the markdown help against the BulkEnroll.dll this project was built with (a project reference, so
// `dotnet run` always rebuilds the module first). --check writes nothing and fails when the file is stale.
if (args.Length < 2 || args.Length > 3 || (args.Length == 3 && args[2] != "--check"))
{
    Console.Error.WriteLine("Usage: BulkEnroll.HelpCompiler <docs folder> <output xml> [--check]");
    Console.Error.WriteLine("  Compiles docs/en-US/*.md and BulkEnroll.dll's cmdlet metadata into MAML help (BulkEnroll.dll-Help.xml).");
    return 2;
}

string docs = Path.GetFullPath(args[0]);
string output = Path.GetFullPath(args[1]);
bool check = args.Length == 3;
Assembly module = typeof(BulkEnroll.Commands.AsyncCmdlet).Assembly;

HelpCompilation compilation;
try
{
    compilation = HelpCompilation.Compile(docs, module);
}
catch (DirectoryNotFoundException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (!compilation.Succeeded)
{
    Console.Error.WriteLine($"The help in {docs} does not match {module.GetName().Name}.dll; {compilation.Problems.Count} problem(s):");
    foreach (HelpProblem problem in compilation.Problems)
    {
        Console.Error.WriteLine("  " + problem);
    }

    return 1;
}

string xml = compilation.Xml!;
if (check)
{
    bool current = File.Exists(output) && File.ReadAllText(output).Replace("\r\n", "\n") == xml;
    Console.WriteLine(current ? $"{output} is up to date." : $"{output} is stale: run without --check (or ./build.ps1 -Task Docs).");
    return current ? 0 : 1;
}

Directory.CreateDirectory(Path.GetDirectoryName(output)!);
File.WriteAllText(output, xml);
Console.WriteLine($"Wrote {output}: {compilation.Cmdlets.Count} cmdlets from {compilation.Documents.Count} markdown files.");
return 0;
