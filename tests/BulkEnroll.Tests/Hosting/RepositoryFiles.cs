using System;
using System.IO;

namespace BulkEnroll.Tests;

/// <summary>Files of the repository the tests read (examples, help sources, the manifest), found from the test output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine(Root, System.IO.Path.Combine(parts));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "BulkEnroll.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (BulkEnroll.sln) was not found above " + AppContext.BaseDirectory);
    }
}
