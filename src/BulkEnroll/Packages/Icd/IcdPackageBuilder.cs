using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Packaging;
using BulkEnroll.Packaging.Files;
using BulkEnroll.Packaging.Payload;
using BulkEnroll.Packaging.Secrets;

namespace BulkEnroll.Packages.Icd;

/// <summary>
/// Builds a .ppkg with Microsoft's ICD.exe, working around what it gets wrong: it mis-parses paths with spaces, so
/// the project, the settings store and the output live in a space-free private work folder; it may report success
/// without a package, so the package is checked; and only one instance may run at a time.
/// </summary>
internal sealed class IcdPackageBuilder
{
    private const string ProjectFileName = "customizations.xml";
    private const string PackageFileName = "package.ppkg";
    private const int ErrorElevationRequired = 740;

    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    private readonly IIcdLocator _locator;
    private readonly IProcessRunner _runner;
    private readonly IcdEnvironment _environment;
    private IcdInstallation? _installation;

    public IcdPackageBuilder(IIcdLocator locator, IProcessRunner runner, IcdEnvironment environment)
    {
        _locator = locator;
        _runner = runner;
        _environment = environment;
    }

    public static IcdPackageBuilder CreateDefault() =>
        new(new IcdLocator(new Platform.WindowsRegistryView(Platform.RegistryRoot.LocalMachine), new Platform.WindowsRegistryView(Platform.RegistryRoot.CurrentUser)),
            new SystemProcessRunner(), IcdEnvironment.Current);

    /// <summary>Finds ICD once; call it before anything is written so that a missing ICD fails the command up front.</summary>
    /// <exception cref="BulkEnrollException">IcdRequiresWindows, IcdNotFound or IcdStoreNotFound.</exception>
    public IcdInstallation Locate()
    {
        if (_installation != null)
        {
            return _installation;
        }

        if (!_environment.IsWindows)
        {
            throw new BulkEnrollException(IcdErrors.RequiresWindows, ErrorCategory.NotImplemented,
                "-Builder Icd runs Microsoft's ICD.exe, which exists only on Windows. Use -Builder Native (the default) on this system.",
                null, new PlatformNotSupportedException());
        }

        IcdInstallation? found;
        IReadOnlyList<string> searched;
        try
        {
            found = _locator.Find(out searched);
        }
        catch (PlatformNotSupportedException e)
        {
            // The portable build of the registry library, loaded where the Windows one was needed.
            throw new BulkEnrollException(IcdErrors.NotFound, ErrorCategory.NotInstalled,
                "ICD.exe could not be looked up: this PowerShell session cannot read the registry (" + e.Message + "). Use -Builder Native.", null, e);
        }

        if (found is null)
        {
            throw new BulkEnrollException(IcdErrors.NotFound, ErrorCategory.NotInstalled,
                "ICD.exe was not found" + (searched.Count > 0 ? " (looked for " + string.Join(", ", searched) + ")" : string.Empty)
                + ". Install the Windows ADK's 'Configuration Designer' feature or the Windows Configuration Designer app, or use -Builder Native.");
        }

        if (!File.Exists(found.DesktopStorePath))
        {
            throw new BulkEnrollException(IcdErrors.StoreNotFound, ErrorCategory.NotInstalled,
                $"ICD.exe was found at {found.ExecutablePath}, but not its desktop settings store {found.DesktopStorePath}. Repair the installation or use -Builder Native.");
        }

        return _installation = found;
    }

    /// <exception cref="BulkEnrollException">One of <see cref="IcdErrors"/>' ids.</exception>
    /// <exception cref="PackageDefinitionInvalidException">The definition has errors.</exception>
    public async Task<IcdBuildResult> BuildAsync(ValidatedPackageDefinition validated, string destination, bool overwrite, bool encrypt,
        CancellationToken cancellationToken)
    {
        PackageDefinition definition = validated.ForBuild();
        IcdInstallation installation = Locate();
        byte[] project = CustomizationsXmlWriter.Write(validated);
        byte[] package = Array.Empty<byte>();
        string work = CreateWorkFolder();
        await OneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            string projectPath = Path.Combine(work, ProjectFileName);
            string storePath = Path.Combine(work, IcdInstallation.DesktopStoreFileName);
            string packagePath = Path.Combine(work, PackageFileName);
            File.WriteAllBytes(projectPath, project);
            File.Copy(installation.DesktopStorePath, storePath);

            var request = new ProcessRequest(installation.ExecutablePath, IcdCommandLine.Build(projectPath, packagePath, storePath, encrypt), work, _environment.Timeout);
            ProcessResult result = await RunAsync(request, cancellationToken).ConfigureAwait(false);
            string summary = IcdOutputSummary.Of(result, SecretsOf(definition));
            if (result.ExitCode != 0)
            {
                throw new BulkEnrollException(IcdErrors.BuildFailed, ErrorCategory.InvalidResult,
                    $"ICD.exe failed with exit code {result.ExitCode}. {summary}", definition.Name);
            }

            // ICD has been seen to exit 0 without a package (e.g. when an input was silently dropped).
            var built = new FileInfo(packagePath);
            if (!built.Exists || built.Length == 0)
            {
                throw new BulkEnrollException(IcdErrors.OutputMissing, ErrorCategory.InvalidResult,
                    $"ICD.exe reported success but wrote no package. {summary}", definition.Name);
            }

            // Read once: checked from memory, then delivered (and wiped) from the same bytes.
            package = File.ReadAllBytes(packagePath);

            // An encrypted package is not a plain WIM, so only an unencrypted one can be read back.
            SecureString? password = null;
            if (encrypt)
            {
                password = CapturePassword(result, summary, definition.Name);
            }
            else
            {
                CheckReadable(packagePath, package, definition);
            }

            return new IcdBuildResult(SecretFileWriter.Write(destination, package, overwrite), password);
        }
        finally
        {
            OneAtATime.Release();
            Array.Clear(project, 0, project.Length);
            Array.Clear(package, 0, package.Length);
            OwnerOnlyFile.DeleteDirectoryQuietly(work);
        }
    }

    private async Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await _runner.RunAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Win32Exception e) when (e.NativeErrorCode == ErrorElevationRequired)
        {
            throw new BulkEnrollException(IcdErrors.RequiresElevation, ErrorCategory.PermissionDenied,
                "ICD.exe must run elevated: start PowerShell as administrator, or use -Builder Native.", request.FileName, e);
        }
        catch (Win32Exception e)
        {
            throw new BulkEnrollException(IcdErrors.FailedToStart, ErrorCategory.InvalidOperation,
                $"ICD.exe could not be started from {request.FileName}: {e.Message}", request.FileName, e);
        }
        catch (TimeoutException e)
        {
            throw new BulkEnrollException(IcdErrors.TimedOut, ErrorCategory.OperationTimeout, e.Message, request.FileName, e);
        }
    }

    private static SecureString CapturePassword(ProcessResult result, string summary, string packageName)
    {
        if (!IcdPasswordParser.TryFind(result.StandardOutput, out string password) && !IcdPasswordParser.TryFind(result.StandardError, out password))
        {
            // An encrypted package nobody can open is worse than none: it is not delivered.
            throw new BulkEnrollException(IcdErrors.PasswordNotFound, ErrorCategory.InvalidResult,
                $"ICD.exe built an encrypted package but printed no decryption password that could be recognised; the package was discarded. {summary}", packageName);
        }

        return SecretText.Protect(password);
    }

    private static void CheckReadable(string packagePath, byte[] package, PackageDefinition definition)
    {
        PackageFileContent content;
        try
        {
            content = PackageFiles.Read(packagePath, package);
        }
        catch (BulkEnrollException e)
        {
            throw new BulkEnrollException(IcdErrors.OutputUnreadable, ErrorCategory.InvalidResult,
                $"ICD.exe wrote a package that cannot be read back: [{e.ErrorId}] {e.Message}", definition.Name, e);
        }

        if (content.Definition.PackageId != definition.PackageId || content.Definition.Enrollment is null)
        {
            throw new BulkEnrollException(IcdErrors.OutputUnreadable, ErrorCategory.InvalidResult,
                "ICD.exe wrote a package without the requested ID or enrollment; its settings store may not know Workplace enrollment.", definition.Name);
        }
    }

    private string CreateWorkFolder()
    {
        foreach (string candidate in _environment.WorkFolderCandidates)
        {
            if (string.IsNullOrEmpty(candidate) || candidate.IndexOf(' ') >= 0)
            {
                continue;
            }

            Directory.CreateDirectory(candidate);
            string work = Path.Combine(candidate, "bulkenroll-icd-" + Guid.NewGuid().ToString("N"));
            OwnerOnlyFile.CreateDirectory(work);
            return work;
        }

        throw new BulkEnrollException(IcdErrors.NoSpaceFreeFolder, ErrorCategory.ResourceUnavailable,
            "ICD.exe mis-reads paths with spaces, and none of these folders is free of them: " + string.Join(", ", _environment.WorkFolderCandidates)
            + ". Set TEMP to a folder such as C:\\Temp, or use -Builder Native.");
    }

    private static IEnumerable<string> SecretsOf(PackageDefinition definition)
    {
        if (definition.Enrollment?.Secret is { } secret)
        {
            yield return SecretText.Reveal(secret);
        }

        if (definition.Wifi?.Key is { } key)
        {
            yield return SecretText.Reveal(key);
        }

        if (definition.LocalAccount?.Password is { } password)
        {
            yield return SecretText.Reveal(password);
        }
    }
}
