using System;
using System.Collections.Generic;
using System.Linq;

namespace BulkEnroll.Packaging.Payload;

/// <summary>Thrown when asked to build a package whose definition has errors; the problems say which.</summary>
internal sealed class PackageDefinitionInvalidException : Exception
{
    public const string Id = "PackageDefinitionInvalid";

    public PackageDefinitionInvalidException(IReadOnlyList<PackageProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<PackageProblem> Problems { get; }

    /// <summary>Stable, for scripts: the module reports it as the error record's id.</summary>
    public string ErrorId => Id;

    // Problem messages are written never to contain secrets, so they can be repeated here.
    private static string Describe(IReadOnlyList<PackageProblem> problems) =>
        "The package definition is not valid: "
        + string.Join(" ", problems.Where(p => p.IsError).Select(p => $"[{p.Id}] {p.Message}"));
}
