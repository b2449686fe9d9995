using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace BulkEnroll.Provisioning.Payload;

/// <summary>Thrown when asked to build a package whose definition has errors; the problems say which.</summary>
internal sealed class PackageDefinitionInvalidException : BulkEnrollException
{
    public const string Id = "PackageDefinitionInvalid";

    public PackageDefinitionInvalidException(IReadOnlyList<PackageProblem> problems)
        : base(Id, ErrorCategory.InvalidArgument, Describe(problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<PackageProblem> Problems { get; }

    // Problem messages are written never to contain secrets, so they can be repeated here.
    private static string Describe(IReadOnlyList<PackageProblem> problems) =>
        "The package definition is not valid: "
        + string.Join(" ", problems.Where(p => p.IsError).Select(p => $"[{p.Id}] {p.Message}"));
}
