using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Packages;
using BulkEnroll.Packages.Icd;
using BulkEnroll.Packaging.Payload;
using BulkEnroll.Users;

namespace BulkEnroll.Commands;

/// <summary>
/// Builds the provisioning package (.ppkg) that enrolls PCs into Ivanti under a generic windows-bulkenroll user:
/// one package per user piped in (from New-BulkEnrollUser) or named with -UserPrincipalName and -Secret.
/// Everything is validated before a file is written; the files hold the secrets and are written owner-only.
/// </summary>
[Cmdlet(VerbsCommon.New, "BulkEnrollPackage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = CredentialSet)]
[OutputType(typeof(BulkEnrollPackage))]
public sealed class NewBulkEnrollPackageCommand : AsyncCmdlet
{
    public const string DefaultDiscoveryServiceUrl = "https://login.mobileiron.com";

    private const string CredentialSet = "Credential";
    private const string SecretSet = "Secret";
    private const int ProgressId = 4;

    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private readonly HashSet<string> _written = new(StringComparer.OrdinalIgnoreCase);
    private string _outputFolder = string.Empty;
    private IcdPackageBuilder? _icd;
    private PackageWriter? _writer;
    private BulkEnrollConnection? _connection;
    private int _started;

    /// <summary>The generic user the PCs enroll as; bound from New-BulkEnrollUser output.</summary>
    [Parameter(Position = 0, ParameterSetName = CredentialSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = SecretSet, ValueFromPipelineByPropertyName = true)]
    [Alias("UPN")]
    [ArgumentCompleter(typeof(Completion.GenericUserCompleter))]
    [ValidateNotNullOrEmpty]
    public string? UserPrincipalName { get; set; }

    /// <summary>The generic user and its password (the Credential of New-BulkEnrollUser's output).</summary>
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet, ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    public PSCredential? Credential { get; set; }

    /// <summary>The generic user's password, with -UserPrincipalName.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SecretSet)]
    [ValidateNotNull]
    public SecureString? Secret { get; set; }

    /// <summary>The PC name, e.g. PAR-%SERIAL% or PAR-%RAND:6%; at most 15 characters once expanded.</summary>
    [Parameter]
    [Alias("ComputerNameTemplate")]
    public string? DeviceNameTemplate { get; set; }

    /// <summary>The Wi-Fi network the PC joins at OOBE, so that it can reach the enrollment service.</summary>
    [Parameter]
    [Alias("Ssid")]
    public string? WifiSsid { get; set; }

    [Parameter]
    public SecureString? WifiKey { get; set; }

    [Parameter]
    [ValidateSet(SettingDisplayText.OpenSecurity, SettingDisplayText.Wpa2PersonalSecurity, IgnoreCase = true)]
    public string WifiSecurity { get; set; } = SettingDisplayText.Wpa2PersonalSecurity;

    [Parameter]
    public SwitchParameter HiddenNetwork { get; set; }

    /// <summary>A local administrator the package creates.</summary>
    [Parameter]
    [Alias("LocalAdmin")]
    [ValidateNotNull]
    public PSCredential? LocalAdminCredential { get; set; }

    /// <summary>Lets a local administrator password that fails the complexity rule through, with a warning: for labs only.</summary>
    [Parameter]
    public SwitchParameter AllowWeakPassword { get; set; }

    /// <summary>Skips OOBE; needs -LocalAdminCredential, or nobody could sign in.</summary>
    [Parameter]
    public SwitchParameter HideOobe { get; set; }

    /// <summary>The tenant's MDM discovery URL (https; http only for a loopback test server).</summary>
    [Parameter]
    [Alias("DiscoveryServiceFullUrl")]
    [ValidateNotNullOrEmpty]
    public string DiscoveryServiceUrl { get; set; } = DefaultDiscoveryServiceUrl;

    /// <summary>The package name and file name; by default the generic user's name (the part before the @).</summary>
    [Parameter]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    public string? PackageName { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Version { get; set; } = "1.0";

    /// <summary>Who the package belongs to; later owners win when packages disagree.</summary>
    [Parameter]
    [ValidateSet("Microsoft", "SiliconVendor", "OEM", "SystemIntegrator", "MobileOperator", "ITAdmin", IgnoreCase = true)]
    public string OwnerType { get; set; } = nameof(PackageOwnerType.ITAdmin);

    /// <summary>0 to 99; among packages of one owner type, the higher rank wins.</summary>
    [Parameter]
    public int Rank { get; set; }

    /// <summary>The folder for the files; created when missing. Default: the current location.</summary>
    [Parameter]
    [Alias("Destination")]
    [ValidateNotNullOrEmpty]
    public string? OutputPath { get; set; }

    /// <summary>Also writes the Windows Configuration Designer project (&lt;name&gt;.customizations.xml) beside the package.</summary>
    [Parameter]
    public SwitchParameter SaveProject { get; set; }

    /// <summary>Writes only the project file, no package.</summary>
    [Parameter]
    public SwitchParameter ProjectOnly { get; set; }

    /// <summary>Replaces existing files.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public PackageBuilder Builder { get; set; } = PackageBuilder.Native;

    /// <summary>Has ICD encrypt the package; its password comes back as DecryptionPassword. Needs -Builder Icd.</summary>
    [Parameter]
    public SwitchParameter Encrypt { get; set; }

    /// <summary>The tenant's cap on active devices per user (not readable through the API): warn when the user is near or at it.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? DeviceLimit { get; set; }

    /// <summary>With -DeviceLimit: the tenant to count the user's devices in; by default this session's connection.</summary>
    [Parameter]
    [ValidateNotNull]
    public BulkEnrollConnection? Connection { get; set; }

    protected override void BeginProcessing()
    {
        if (Encrypt && ProjectOnly)
        {
            Fail("EncryptWithProjectOnly", "-Encrypt applies to a built package; -ProjectOnly builds none.", "Encrypt");
        }

        if (Encrypt && Builder != PackageBuilder.Icd)
        {
            Fail("EncryptRequiresIcd", "Only ICD.exe can encrypt a package: add -Builder Icd (Windows with the ADK or Windows Configuration Designer).", "Encrypt");
        }

        CheckLocalAdminPassword();
        _outputFolder = ResolveOutputFolder();
        // Read here: the session's connection belongs to the pipeline thread, the build runs off it.
        _connection = Connection ?? ConnectionStore.Get(System.Management.Automation.Runspaces.Runspace.DefaultRunspace);
        if (Builder == PackageBuilder.Icd && !ProjectOnly)
        {
            _icd = IcdPackageBuilder.CreateDefault();
            try
            {
                IcdInstallation installation = _icd.Locate();
                WriteVerbose($"Building with {installation}.");
            }
            catch (BulkEnrollException e)
            {
                ThrowTerminatingError(e.ToErrorRecord());
            }
        }

        _writer = new PackageWriter(_icd, EmitVerbose, EmitWarning);
        _writer.Wrote += path => _written.Add(path);
        base.BeginProcessing();
    }

    private PackageOutputs Outputs => new(Builder, Encrypt, SaveProject, ProjectOnly);

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (!TryGetUser(out string upn, out SecureString secret))
        {
            return;
        }

        // The one validation pass of this build: its findings are reported here, the builders take its result.
        ValidatedPackageDefinition validated = ValidatedPackageDefinition.Validate(Define(upn, secret), PackageWriter.ValidationOptions);
        if (!IsValid(validated, upn))
        {
            return;
        }

        PackageDefinition definition = validated.Definition;
        if (DeviceLimit is int limit)
        {
            await WarnIfNearDeviceLimitAsync(upn, limit, cancellationToken).ConfigureAwait(false);
        }

        PackageOutputPaths paths = PackageOutputPaths.For(_outputFolder, definition.Name);
        string[] targets = Outputs.Targets(paths);
        if (!MayWrite(targets, upn))
        {
            return;
        }

        string action = ProjectOnly ? $"Write the provisioning project for {upn}" : $"Build the provisioning package for {upn} ({Builder})";
        if (!await ShouldProcessOnPipelineAsync(string.Join(", ", targets), action).ConfigureAwait(false))
        {
            return;
        }

        ReportProgress(definition.Name);
        try
        {
            Directory.CreateDirectory(_outputFolder);
            BulkEnrollPackage package = await _writer!.WriteAsync(validated, paths, Outputs, Force, AllowWeakPassword, cancellationToken).ConfigureAwait(false);
            Emit(package);
        }
        catch (BulkEnrollException e)
        {
            EmitError(e.ToErrorRecord(upn));
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            EmitError(new BulkEnrollException("PackageWriteFailed", ErrorCategory.WriteError,
                $"The package for {upn} could not be written to {_outputFolder}: {e.Message}", upn, e)
            {
                RecommendedAction = "Choose an -OutputPath you can write to and that has free space.",
            }.ToErrorRecord());
        }
    }

    protected override Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        if (_started > 1)
        {
            EmitProgress(new ProgressRecord(ProgressId, "Building provisioning packages", "Done") { RecordType = ProgressRecordType.Completed });
        }

        return Task.CompletedTask;
    }

    private bool TryGetUser(out string upn, out SecureString secret)
    {
        upn = UserPrincipalName?.Trim() ?? string.Empty;
        secret = null!;
        if (ParameterSetName == SecretSet)
        {
            secret = Secret!;
            return true;
        }

        if (Credential is null)
        {
            Reject(upn.Length > 0 ? upn : "(no user)", "NoPassword", ErrorCategory.InvalidArgument,
                $"There is no password for '{upn}': the tenant does not give passwords back, so only users created in this session (New-BulkEnrollUser) carry one. "
                + "Pass -UserPrincipalName with -Secret instead.");
            return false;
        }

        string credentialUser = Credential.UserName?.Trim() ?? string.Empty;
        if (upn.Length == 0)
        {
            upn = credentialUser;
        }
        else if (!string.Equals(upn, credentialUser, StringComparison.OrdinalIgnoreCase))
        {
            Reject(upn, "CredentialUserMismatch", ErrorCategory.InvalidArgument,
                $"-Credential is for '{credentialUser}', not for '{upn}'; a package enrolls with one user's own password.");
            return false;
        }

        secret = Credential.Password;
        return true;
    }

    private PackageDefinition Define(string upn, SecureString secret)
    {
        SettingDisplayText.TryParseOwnerType(OwnerType, out PackageOwnerType owner);
        var definition = new PackageDefinition(Guid.NewGuid(), PackageName?.Trim() ?? DefaultPackageName(upn))
        {
            Version = Version,
            OwnerType = owner,
            Rank = Rank,
            ComputerNameTemplate = DeviceNameTemplate,
            HideOobe = HideOobe,
            Enrollment = new EnrollmentDefinition(upn, secret, DiscoveryServiceUrl.Trim()),
        };

        if (LocalAdminCredential != null)
        {
            definition.LocalAccount = new LocalAccountDefinition(LocalAdminCredential.UserName, LocalAdminCredential.Password);
        }

        if (WifiSsid != null)
        {
            SettingDisplayText.TryParseWifiSecurity(WifiSecurity, out WifiSecurity security);
            definition.Wifi = new WifiDefinition(WifiSsid, security, WifiKey) { Hidden = HiddenNetwork };
        }

        return definition;
    }

    /// <summary>The part of the UPN before the @, which is what the package and its file are called.</summary>
    private static string DefaultPackageName(string upn)
    {
        int at = upn.IndexOf('@');
        return at > 0 ? upn.Substring(0, at) : upn;
    }

    private bool IsValid(ValidatedPackageDefinition validated, string upn)
    {
        PackageDefinition definition = validated.Definition;
        IReadOnlyList<PackageProblem> problems = validated.Problems;
        foreach (PackageProblem warning in problems.Where(p => !p.IsError))
        {
            WarnOnce(warning.Id, warning.Message);
        }

        if (WifiSsid is null && (WifiKey != null || HiddenNetwork || MyInvocation.BoundParameters.ContainsKey(nameof(WifiSecurity))))
        {
            WarnOnce("WifiSettingsWithoutSsid", "-WifiKey, -WifiSecurity and -HiddenNetwork are ignored without -WifiSsid.");
        }

        if (PackageDefinitionValidator.LoopbackHttpNotice(definition.Enrollment!.DiscoveryServiceFullUrl) is string notice)
        {
            WarnOnce("DiscoveryUrlLoopbackHttp", notice);
        }

        List<PackageProblem> errors = problems.Where(p => p.IsError).ToList();
        foreach (PackageProblem error in errors)
        {
            Reject(upn, error.Id, ErrorCategory.InvalidArgument, $"No package for '{upn}': {error.Message}");
        }

        return errors.Count == 0;
    }

    private bool MayWrite(IEnumerable<string> targets, string upn)
    {
        foreach (string target in targets)
        {
            if (_written.Contains(target))
            {
                Reject(upn, "DuplicatePackagePath", ErrorCategory.ResourceExists,
                    $"'{target}' was already written by this command for another user; give each user its own -PackageName or leave -PackageName out.");
                return false;
            }

            if (!Force && File.Exists(target))
            {
                var exists = new BulkEnrollException("PackageExists", ErrorCategory.ResourceExists,
                    $"'{target}' already exists; nothing was written for '{upn}'. Add -Force to replace it.", upn)
                {
                    RecommendedAction = "Add -Force to replace the file, or choose another -OutputPath or -PackageName.",
                };
                EmitError(exists.ToErrorRecord());
                return false;
            }
        }

        return true;
    }

    private string ResolveOutputFolder()
    {
        if (OutputPath is null)
        {
            return SessionState.Path.CurrentFileSystemLocation.ProviderPath;
        }

        string folder;
        ProviderInfo provider;
        try
        {
            folder = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutputPath, out provider, out PSDriveInfo _);
        }
        catch (Exception e) when (e is ProviderNotFoundException || e is System.Management.Automation.DriveNotFoundException || e is NotSupportedException || e is ArgumentException)
        {
            Fail("OutputPathInvalid", $"-OutputPath '{OutputPath}' is not a usable folder: {e.Message}", OutputPath);
            throw;
        }

        if (provider.Name != "FileSystem")
        {
            Fail("OutputPathNotFileSystem", $"-OutputPath '{OutputPath}' is on the {provider.Name} drive, not in the file system.", OutputPath);
        }

        if (File.Exists(folder))
        {
            Fail("OutputPathIsFile", $"-OutputPath '{folder}' is a file; give the folder the package goes into.", OutputPath);
        }

        return folder;
    }

    private void ReportProgress(string name)
    {
        // The number of packages is unknown until the pipeline ends; progress starts once there is more than one.
        if (++_started > 1)
        {
            EmitProgress(new ProgressRecord(ProgressId, "Building provisioning packages", $"Package {_started}: {name}"));
        }
    }

    private async Task WarnIfNearDeviceLimitAsync(string upn, int limit, CancellationToken cancellationToken)
    {
        BulkEnrollConnection? connection = _connection;
        if (connection is null || connection.IsDisconnected)
        {
            WarnOnce("DeviceLimitOffline", "-DeviceLimit needs a connection to count the user's devices: run Connect-BulkEnroll or pass -Connection.");
            return;
        }

        if (await DeviceLimitCheck.AdviceAsync(connection, upn, null, limit, cancellationToken).ConfigureAwait(false) is string advice)
        {
            EmitWarning(advice);
        }
    }

    private void WarnOnce(string id, string message)
    {
        if (_warned.Add(id))
        {
            EmitWarning(message);
        }
    }

    private void Reject(string target, string errorId, ErrorCategory category, string message)
        => EmitError(new BulkEnrollException(errorId, category, message, target).ToErrorRecord());

    /// <summary>One password for every PC the package provisions: refused when weak, unless a lab says so.</summary>
    private void CheckLocalAdminPassword()
    {
        // An empty password or one with control characters is the validator's to name (LocalAccountPassword*).
        if (LocalAdminCredential == null || LocalAdminCredential.Password.Length == 0 || HasControlCharacter(LocalAdminCredential.Password)
            || LocalAdminPasswordPolicy.Weakness(LocalAdminCredential.UserName, LocalAdminCredential.Password) is not string message)
        {
            return;
        }

        if (AllowWeakPassword)
        {
            WriteWarning(LocalAdminPasswordPolicy.LabOnly(message, "Built"));
            return;
        }

        Fail(LocalAdminPasswordPolicy.WeakPasswordId, message + " In a lab, -AllowWeakPassword lets it through.", LocalAdminCredential.UserName);
    }

    private static bool HasControlCharacter(SecureString password) => Packaging.Secrets.SecretText.Reveal(password).Any(char.IsControl);

    private void Fail(string errorId, string message, object? target)
        => ThrowTerminatingError(new BulkEnrollException(errorId, ErrorCategory.InvalidArgument, message, target).ToErrorRecord());
}
