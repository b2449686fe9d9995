using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons;
using BulkEnroll.Neurons.Records;
using BulkEnroll.Packages;
using BulkEnroll.Packages.Icd;
using BulkEnroll.Packaging.Payload;
using BulkEnroll.Packaging.Secrets;
using BulkEnroll.Users;

namespace BulkEnroll.Commands;

/// <summary>
/// Rotates a generic user's password (issue 18): every package built for the user holds its password, so a lost USB
/// stick lets anyone enroll PCs into the tenant. A new strong password is set on the tenant; packages built with the
/// old one are then refused at enrollment, and PCs already enrolled are not affected. With -Path, the user's packages
/// are rebuilt with the new password from the definitions New-BulkEnrollPackage saved beside them, so rotation is one
/// command. Named after Reset-ComputerMachinePassword, which does the same for a computer account. The account is
/// changed, never deleted and recreated: deleting a user retires the devices registered to it.
/// </summary>
[Cmdlet(VerbsCommon.Reset, "BulkEnrollUserPassword", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = PasswordOnlySet)]
[OutputType(typeof(BulkEnrollUser), ParameterSetName = new[] { PasswordOnlySet })]
[OutputType(typeof(BulkEnrollPackage), ParameterSetName = new[] { RebuildSet })]
public sealed class ResetBulkEnrollUserPasswordCommand : ConnectedCmdlet
{
    private const string PasswordOnlySet = "PasswordOnly";
    private const string RebuildSet = "Rebuild";

    private SavedDefinitions? _definitions;
    private PackageWriter? _writer;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("UPN")]
    [ArgumentCompleter(typeof(Completion.GenericUserCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] UserPrincipalName { get; set; } = Array.Empty<string>();

    /// <summary>Length of the generated password.</summary>
    [Parameter]
    [ValidateRange(12, PasswordPolicy.MaximumLength)]
    public int PasswordLength { get; set; } = PasswordPolicy.DefaultGeneratedLength;

    /// <summary>Folders (or .bulkenroll.json files) holding the definitions New-BulkEnrollPackage saved: the user's packages there are rebuilt.</summary>
    [Parameter(Mandatory = true, ParameterSetName = RebuildSet)]
    [Alias("PackagePath")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Also looks for definitions in the folders below -Path.</summary>
    [Parameter(ParameterSetName = RebuildSet)]
    public SwitchParameter Recurse { get; set; }

    /// <summary>The Wi-Fi key, for packages that join a network with one (keys are not saved).</summary>
    [Parameter(ParameterSetName = RebuildSet)]
    public SecureString? WifiKey { get; set; }

    /// <summary>The local administrator, for packages that create one (its password is not saved).</summary>
    [Parameter(ParameterSetName = RebuildSet)]
    [Alias("LocalAdmin")]
    public PSCredential? LocalAdminCredential { get; set; }

    protected override void BeginProcessing()
    {
        if (ParameterSetName == RebuildSet)
        {
            ReadDefinitions();
        }

        base.BeginProcessing();
    }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        foreach (string raw in UserPrincipalName)
        {
            string upn = raw.Trim();
            if (!GenericUser.IsGeneric(upn))
            {
                EmitError("NotGenericUser", ErrorCategory.InvalidArgument, $"'{upn}' is not a generic {GenericUser.Prefix}* user; this command only changes the password of generic users.", upn);
                continue;
            }

            IReadOnlyList<SavedDefinitionFile> packages = Array.Empty<SavedDefinitionFile>();
            if (_definitions != null && !TryPlanRebuild(upn, out packages))
            {
                continue;
            }

            AccountRecord? user = await ActiveConnection.Accounts.FindByUidAsync(upn, cancellationToken).ConfigureAwait(false);
            if (user == null)
            {
                EmitError("UserNotFound", ErrorCategory.ObjectNotFound, $"There is no user '{upn}' in the tenant.", upn);
                continue;
            }

            SecureString password = PasswordPolicy.Generate(PasswordLength);
            List<ValidatedPackageDefinition>? rebuilt = Validate(upn, packages, password);
            if (rebuilt is null)
            {
                continue;
            }

            string action = packages.Count == 0
                ? "Set a new password (packages built with the old one will no longer enroll PCs)"
                : $"Set a new password and rebuild {Plural(packages.Count, "package")} with it: {string.Join(", ", packages.Select(p => p.MainTarget))}";
            if (!await ShouldProcessOnPipelineAsync(upn, action).ConfigureAwait(false))
            {
                continue;
            }

            try
            {
                await ActiveConnection.Accounts.SetPasswordAsync(user.Id, upn, SecretText.Reveal(password), cancellationToken).ConfigureAwait(false);
            }
            catch (NeuronsApiException e) when (e.HasFieldError("accounts[0].password"))
            {
                EmitError("WeakPassword", ErrorCategory.InvalidArgument,
                    $"The tenant rejected the new password for '{upn}' as not complex enough; its password complexity setting is stricter than the default. Pass a larger -PasswordLength. The old password still works.", upn);
                continue;
            }

            EmitVerbose($"Set a new password for {upn} (id {user.Id}); packages built with the old one no longer enroll PCs."
                + (packages.Count == 0 ? " Rebuild them with the new credential." : $" Rebuilding {Plural(packages.Count, "package")}."));
            if (_definitions is null)
            {
                Emit(new BulkEnrollUser(user.Id, user.PrincipalName.Length > 0 ? user.PrincipalName : upn, user.DisplayName,
                    DeviceConversions.FromEpoch(user.CreatedAt), null, new PSCredential(upn, password)));
                continue;
            }

            for (int i = 0; i < packages.Count; i++)
            {
                await RebuildAsync(upn, packages[i], rebuilt[i], cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void ReadDefinitions()
    {
        var files = new List<string>();
        foreach (string given in Path)
        {
            Collection<string> resolved;
            try
            {
                resolved = SessionState.Path.GetResolvedProviderPathFromPSPath(given, out ProviderInfo provider);
                if (provider.Name != "FileSystem")
                {
                    Fail("PathNotFileSystem", $"-Path '{given}' is on the {provider.Name} drive, not in the file system.", given);
                }
            }
            catch (ItemNotFoundException)
            {
                Fail("PathNotFound", $"-Path '{given}' does not exist. Nothing was changed. Give the folder New-BulkEnrollPackage wrote the packages to.", given);
                throw;
            }

            files.AddRange(resolved.SelectMany(p => PackageDefinitionFile.Find(p, Recurse)));
        }

        try
        {
            _definitions = SavedDefinitions.Read(files);
        }
        catch (BulkEnrollException e)
        {
            ThrowTerminatingError(e.ToErrorRecord());
        }

        WriteVerbose($"Found {Plural(_definitions!.Count, "saved package definition")} for {Plural(_definitions.UserCount, "generic user")} in {string.Join(", ", Path)}.");
        IcdPackageBuilder? icd = null;
        if (_definitions.NeedIcd)
        {
            icd = IcdPackageBuilder.CreateDefault();
            try
            {
                WriteVerbose($"Rebuilding with {icd.Locate()}.");
            }
            catch (BulkEnrollException e)
            {
                // Before any password changes: a rotation that cannot rebuild would leave every package useless.
                ThrowTerminatingError(e.ToErrorRecord());
            }
        }

        _writer = new PackageWriter(icd, EmitVerbose, EmitWarning);
    }

    /// <summary>Every package of the user can be rebuilt with what was given, or the user keeps its password.</summary>
    private bool TryPlanRebuild(string upn, out IReadOnlyList<SavedDefinitionFile> packages)
    {
        packages = _definitions!.For(upn);
        if (packages.Count == 0)
        {
            EmitError(new BulkEnrollException("NoPackageDefinition", ErrorCategory.ObjectNotFound,
                $"'{upn}' keeps its password: there is no saved package definition for it in {string.Join(", ", Path)}, so no package could be rebuilt. Nothing was changed.", upn)
            {
                RecommendedAction = "Give the folder New-BulkEnrollPackage wrote this user's packages to (add -Recurse for its subfolders), or leave -Path out to change the password only.",
            }.ToErrorRecord());
            return false;
        }

        foreach (SavedDefinitionFile package in packages)
        {
            if (package.MissingSecret(WifiKey, LocalAdminCredential) is BulkEnrollException missing)
            {
                EmitError(missing.ToErrorRecord());
                return false;
            }
        }

        return true;
    }

    /// <summary>The rebuilt definitions, validated with the new password before it is set; null when one is refused.</summary>
    private List<ValidatedPackageDefinition>? Validate(string upn, IReadOnlyList<SavedDefinitionFile> packages, SecureString password)
    {
        var validated = new List<ValidatedPackageDefinition>(packages.Count);
        foreach (SavedDefinitionFile package in packages)
        {
            PackageDefinition definition = package.Definition.ToDefinition(password, WifiKey, LocalAdminCredential?.Password);
            ValidatedPackageDefinition result = ValidatedPackageDefinition.Validate(definition, PackageWriter.ValidationOptions);
            if (result.Problems.FirstOrDefault(p => p.IsError) is PackageProblem problem)
            {
                EmitError(problem.Id, ErrorCategory.InvalidData,
                    $"'{upn}' keeps its password: {package.MainTarget} could not be rebuilt from {package.Path}: {problem.Message} Nothing was changed.", upn);
                return null;
            }

            validated.Add(result);
        }

        return validated;
    }

    private async Task RebuildAsync(string upn, SavedDefinitionFile package, ValidatedPackageDefinition validated, CancellationToken cancellationToken)
    {
        if (package.Definition.AllowWeakPassword && package.Definition.LocalAdminUserName != null && LocalAdminCredential != null
            && LocalAdminPasswordPolicy.Weakness(LocalAdminCredential.UserName, LocalAdminCredential.Password) is string weakness)
        {
            EmitWarning(LocalAdminPasswordPolicy.LabOnly(weakness, $"{package.MainTarget} is rebuilt"));
        }

        try
        {
            Emit(await _writer!.WriteAsync(validated, package.OutputPaths, package.Outputs, overwrite: true, package.Definition.AllowWeakPassword, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is BulkEnrollException || e is IOException || e is UnauthorizedAccessException)
        {
            EmitError(new BulkEnrollException("PackageRebuildFailed", ErrorCategory.WriteError,
                $"The password of '{upn}' is changed, but {package.MainTarget} could not be rebuilt: {e.Message} That package, like every package with the old password, no longer enrolls PCs.",
                upn, e)
            {
                RecommendedAction = "Fix the cause (space, permissions, ICD), then run Reset-BulkEnrollUserPassword with -Path again: it sets another new password and rebuilds every package of the user.",
            }.ToErrorRecord());
        }
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private void Fail(string errorId, string message, object target)
        => ThrowTerminatingError(new BulkEnrollException(errorId, ErrorCategory.ObjectNotFound, message, target).ToErrorRecord());
}
