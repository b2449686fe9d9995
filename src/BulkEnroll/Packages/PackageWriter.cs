using System;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Packages.Icd;
using BulkEnroll.Packaging;
using BulkEnroll.Packaging.Files;
using BulkEnroll.Packaging.Payload;

namespace BulkEnroll.Packages;

/// <summary>
/// Writes one validated package: the .ppkg (native or ICD), the project file when asked, and the definition it was
/// built from (secrets excluded) so that it can be rebuilt later. Shared by New-BulkEnrollPackage and the rebuild of
/// Reset-BulkEnrollUserPassword, so that a rebuilt package is made exactly as the first one was.
/// </summary>
internal sealed class PackageWriter
{
    /// <summary>http:// is accepted for loopback hosts only, so that packages can point at the local sandbox.</summary>
    public static readonly PackageValidationOptions ValidationOptions = new(allowHttpLoopback: true);

    private readonly IcdPackageBuilder? _icd;
    private readonly Action<string> _verbose;
    private readonly Action<string> _warning;

    /// <param name="icd">Located already; needed only for outputs built with ICD.</param>
    /// <param name="verbose">Where the story of each file goes (-Verbose).</param>
    /// <param name="warning">Where a file that could not be made owner-only is reported.</param>
    public PackageWriter(IcdPackageBuilder? icd, Action<string> verbose, Action<string> warning)
    {
        _icd = icd;
        _verbose = verbose;
        _warning = warning;
    }

    /// <summary>Called with every file written, so that one command never writes the same path twice.</summary>
    public event Action<string>? Wrote;

    public async Task<BulkEnrollPackage> WriteAsync(ValidatedPackageDefinition validated, PackageOutputPaths paths, PackageOutputs outputs,
        bool overwrite, bool allowWeakPassword, CancellationToken cancellationToken)
    {
        PackageDefinition definition = validated.Definition;
        string upn = definition.Enrollment!.Upn;
        _verbose($"{upn}: package '{definition.Name}' {definition.Version}, ID {definition.PackageId}, discovery {definition.Enrollment.DiscoveryServiceFullUrl}"
            + (definition.ComputerNameTemplate is null ? string.Empty : $", PC name {definition.ComputerNameTemplate}")
            + (definition.Wifi is null ? ", no Wi-Fi" : $", Wi-Fi '{definition.Wifi.Ssid}'")
            + (definition.LocalAccount is null ? string.Empty : $", local admin '{definition.LocalAccount.UserName}'")
            + (definition.HideOobe ? ", OOBE hidden" : string.Empty) + ".");

        var package = new BulkEnrollPackage
        {
            PackageId = definition.PackageId,
            Name = definition.Name,
            Version = definition.Version,
            UserPrincipalName = upn,
            DeviceNameTemplate = definition.ComputerNameTemplate,
            DiscoveryServiceUrl = definition.Enrollment.DiscoveryServiceFullUrl,
        };

        // The package first: if it fails, no project file with the same secrets is left behind.
        WrittenFile? built = null;
        if (!outputs.ProjectOnly && outputs.Builder == PackageBuilder.Icd)
        {
            IcdBuildResult result = await _icd!.BuildAsync(validated, paths.Package, overwrite, outputs.Encrypt, cancellationToken).ConfigureAwait(false);
            built = Report(result.Package, "package");
            package.DecryptionPassword = result.DecryptionPassword;
            package.Builder = PackageBuilder.Icd;
        }
        else if (!outputs.ProjectOnly)
        {
            built = Report(NativePackageBuilder.Build(validated, paths.Package, overwrite, DateTime.UtcNow), "package");
            package.Builder = PackageBuilder.Native;
        }

        if (outputs.ProjectOnly || outputs.SaveProject)
        {
            WrittenFile project = Report(SecretFileWriter.Write(paths.Project, CustomizationsXmlWriter.Write(validated), overwrite), "project");
            package.ProjectPath = project.Path;
            built ??= project;
        }

        // Last: a definition file only ever stands beside a package that was written.
        PackageDefinitionFile.Write(paths.Definition, SavedPackageDefinition.From(definition, outputs, allowWeakPassword, DateTime.UtcNow));
        Wrote?.Invoke(paths.Definition);
        package.DefinitionPath = paths.Definition;
        _verbose($"Saved the definition {paths.Definition} (no secrets), from which Reset-BulkEnrollUserPassword -Path rebuilds the package.");

        WrittenFile main = built!;
        package.Path = main.Path;
        package.Size = main.Size;
        package.Sha256 = main.Sha256;
        return package;
    }

    private WrittenFile Report(WrittenFile file, string what)
    {
        Wrote?.Invoke(file.Path);
        if (file.OwnerOnly)
        {
            _verbose($"Wrote the {what} {file.Path} ({file.Size} bytes, SHA-256 {file.Sha256}), readable by its owner only.");
        }
        else
        {
            _warning($"The {what} {file.Path} holds passwords in clear text and could not be restricted to its owner here: keep it on a drive only you can read.");
        }

        return file;
    }
}
