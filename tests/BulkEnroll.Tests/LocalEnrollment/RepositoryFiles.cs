using System;
using System.IO;

namespace BulkEnroll.Tests.LocalEnrollment;

/// <summary>Files of the repository the tests run (examples), found from the test output folder.</summary>
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
