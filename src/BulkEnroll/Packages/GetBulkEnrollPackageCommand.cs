using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Packages;
using BulkEnroll.Packaging;

namespace BulkEnroll.Commands;

/// <summary>
/// Reads provisioning packages (ours, ICD's, Windows Configuration Designer's) and project files and returns what
/// they set: identity, enrollment, name template, Wi-Fi, local admin. Secrets are reported only as present or not.
/// </summary>
[System.Management.Automation.Cmdlet(System.Management.Automation.VerbsCommon.Get, "BulkEnrollPackage", DefaultParameterSetName = "Path")]
[System.Management.Automation.OutputType(typeof(BulkEnrollPackageInfo))]
public sealed class GetBulkEnrollPackageCommand : PackagePathCmdlet
{
    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        foreach (string file in ResolvedFiles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            PackageFileContent content;
            try
            {
                content = PackageFiles.Read(file);
            }
            catch (BulkEnrollException e)
            {
                EmitError(e.ToErrorRecord());
                continue;
            }

            if (content.Settings.Discrepancies.Count > 0)
            {
                EmitWarning($"'{file}' was altered after it was built: its customizations.xml and the settings Windows applies disagree on "
                    + string.Join(", ", content.Settings.Discrepancies) + ".");
            }

            if (content.ImageCount > 1)
            {
                EmitWarning($"'{file}' holds {content.ImageCount} images; only the first is shown.");
            }

            EmitVerbose($"Read {file}: {(content.IsProject ? "project" : "package")} '{content.Definition.Name}', settings from {content.Settings.Source}.");
            Emit(PackageInfoFactory.From(content));
        }

        return Task.CompletedTask;
    }
}
