using System.IO;

namespace BulkEnroll.Packages;

/// <summary>Where a package, its project and its saved definition go: named after the package, so one folder can hold many of each.</summary>
internal sealed class PackageOutputPaths
{
    public const string PackageExtension = ".ppkg";
    public const string ProjectSuffix = ".customizations.xml";
    public const string DefinitionSuffix = ".bulkenroll.json";

    private PackageOutputPaths(string package, string project, string definition)
    {
        Package = package;
        Project = project;
        Definition = definition;
    }

    public string Package { get; }

    /// <summary>The Windows Configuration Designer project (customizations.xml) beside the package.</summary>
    public string Project { get; }

    /// <summary>What the package was built from, without its secrets (<see cref="SavedPackageDefinition"/>).</summary>
    public string Definition { get; }

    /// <param name="folder">A full file system path.</param>
    /// <param name="packageName">Already validated: no path separators or characters a file name cannot hold.</param>
    public static PackageOutputPaths For(string folder, string packageName) =>
        new(Path.Combine(folder, packageName + PackageExtension), Path.Combine(folder, packageName + ProjectSuffix),
            Path.Combine(folder, packageName + DefinitionSuffix));
}
