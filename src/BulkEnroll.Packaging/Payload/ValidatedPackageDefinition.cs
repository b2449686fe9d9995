using System.Collections.Generic;
using System.Linq;

namespace BulkEnroll.Packaging.Payload;

/// <summary>
/// A <see cref="PackageDefinition"/> after its one validation pass, with what the pass found. The builders (package,
/// project file, ICD) take this rather than a bare definition, so one build validates once, at the start, where the
/// caller reports the findings; a builder only refuses one that has errors. The definition must not be changed
/// after it was validated.
/// </summary>
internal sealed class ValidatedPackageDefinition
{
    private ValidatedPackageDefinition(PackageDefinition definition, IReadOnlyList<PackageProblem> problems)
    {
        Definition = definition;
        Problems = problems;
    }

    public PackageDefinition Definition { get; }

    /// <summary>Every finding, errors and warnings; messages never hold secrets.</summary>
    public IReadOnlyList<PackageProblem> Problems { get; }

    public bool HasErrors => Problems.Any(p => p.IsError);

    public static ValidatedPackageDefinition Validate(PackageDefinition definition, PackageValidationOptions? options = null) =>
        new(definition, PackageDefinitionValidator.Validate(definition, options));

    /// <summary>The definition to build from.</summary>
    /// <exception cref="PackageDefinitionInvalidException">The pass found errors.</exception>
    public PackageDefinition ForBuild() => HasErrors ? throw new PackageDefinitionInvalidException(Problems) : Definition;
}
