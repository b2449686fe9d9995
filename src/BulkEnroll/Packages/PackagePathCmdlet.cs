using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using BulkEnroll.Packages;

namespace BulkEnroll.Commands;

/// <summary>
/// Base for the cmdlets that read packages and project files: -Path (wildcards; strings, or FileInfo objects by
/// their FullName) and -LiteralPath (PSPath). Paths are resolved on the pipeline thread, where the session's
/// location and drives are; the derived cmdlet reads <see cref="ResolvedFiles"/> in its ProcessRecordAsync.
/// </summary>
public abstract class PackagePathCmdlet : AsyncCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    /// <summary>.ppkg or customizations.xml files; wildcards allowed.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Paths taken as they are: no wildcards.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>The files of the current pipeline record, resolved to file system paths.</summary>
    private protected IReadOnlyList<string> ResolvedFiles { get; private set; } = Array.Empty<string>();

    /// <summary>Records that named something missing; a cmdlet that sums up (Test -Quiet) counts them as failures.</summary>
    private protected int MissingCount { get; private set; }

    protected override void ProcessRecord()
    {
        var files = new List<string>();
        if (ParameterSetName == LiteralPathSet)
        {
            foreach (string path in LiteralPath)
            {
                AddLiteral(path, files);
            }
        }
        else
        {
            foreach (string path in Path)
            {
                AddResolved(path, files);
            }
        }

        ResolvedFiles = files;
        base.ProcessRecord();
    }

    private void AddResolved(string path, List<string> files)
    {
        Collection<string>? resolved = null;
        ProviderInfo? provider = null;
        try
        {
            resolved = GetResolvedProviderPathFromPSPath(path, out provider);
        }
        catch (ItemNotFoundException)
        {
            // A file name with [ ] (from Get-ChildItem's FullName) is not a pattern: try it as it is.
        }
        catch (Exception e) when (e is ProviderNotFoundException || e is System.Management.Automation.DriveNotFoundException || e is ArgumentException)
        {
            NotFound(path, e.Message);
            return;
        }

        if (resolved is null || resolved.Count == 0)
        {
            // Nothing matched: a FileInfo's FullName with [ ] is no pattern but a name; a real pattern matching nothing is silent, as in Get-ChildItem.
            if (resolved is null || !WildcardPattern.ContainsWildcardCharacters(path) || LiteralFileExists(path))
            {
                AddLiteral(path, files);
            }
            else
            {
                WriteVerbose($"No file matches '{path}'.");
            }

            return;
        }

        if (provider != null && provider.Name != "FileSystem")
        {
            NotFound(path, $"it is on the {provider.Name} drive, not in the file system");
            return;
        }

        foreach (string file in resolved)
        {
            // A folder's * also matches the definitions saved beside the packages: they are not packages, and a
            // wildcard that happens to take them in is not asking for them.
            if (file.EndsWith(PackageOutputPaths.DefinitionSuffix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            AddFile(file, path, files);
        }
    }

    private bool LiteralFileExists(string path)
    {
        try
        {
            return File.Exists(SessionState.Path.GetUnresolvedProviderPathFromPSPath(path));
        }
        catch (Exception e) when (e is ProviderNotFoundException || e is System.Management.Automation.DriveNotFoundException || e is ArgumentException || e is NotSupportedException)
        {
            return false;
        }
    }

    private void AddLiteral(string path, List<string> files)
    {
        string file;
        try
        {
            file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out ProviderInfo provider, out PSDriveInfo _);
            if (provider.Name != "FileSystem")
            {
                NotFound(path, $"it is on the {provider.Name} drive, not in the file system");
                return;
            }
        }
        catch (Exception e) when (e is ProviderNotFoundException || e is System.Management.Automation.DriveNotFoundException || e is ArgumentException || e is NotSupportedException)
        {
            NotFound(path, e.Message);
            return;
        }

        AddFile(file, path, files);
    }

    private void AddFile(string file, string given, List<string> files)
    {
        if (Directory.Exists(file))
        {
            MissingCount++;
            WriteError(new BulkEnrollException("PackagePathIsFolder", ErrorCategory.InvalidArgument,
                $"'{file}' is a folder; name the packages in it, e.g. '{System.IO.Path.Combine(file, "*.ppkg")}'.", given).ToErrorRecord());
            return;
        }

        if (!File.Exists(file))
        {
            NotFound(given, "no such file");
            return;
        }

        files.Add(file);
    }

    private void NotFound(string path, string why)
    {
        MissingCount++;
        WriteError(new BulkEnrollException(Packages.PackageReadErrors.NotFound, ErrorCategory.ObjectNotFound,
            $"Cannot find the package '{path}': {why}.", path).ToErrorRecord());
    }
}
