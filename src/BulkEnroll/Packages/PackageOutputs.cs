namespace BulkEnroll.Packages;

/// <summary>Which files a build writes and how: the same for a first build and for a rebuild from a saved definition.</summary>
internal sealed class PackageOutputs
{
    public PackageOutputs(PackageBuilder builder, bool encrypt, bool saveProject, bool projectOnly)
    {
        Builder = builder;
        Encrypt = encrypt;
        SaveProject = saveProject;
        ProjectOnly = projectOnly;
    }

    public PackageBuilder Builder { get; }

    public bool Encrypt { get; }

    public bool SaveProject { get; }

    public bool ProjectOnly { get; }

    /// <summary>The package and/or project files, in the order they are written; the definition file goes beside them.</summary>
    public string[] Targets(PackageOutputPaths paths) =>
        ProjectOnly ? new[] { paths.Project } : SaveProject ? new[] { paths.Package, paths.Project } : new[] { paths.Package };
}
