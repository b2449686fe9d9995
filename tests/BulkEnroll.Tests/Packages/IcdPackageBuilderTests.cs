using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Packages.Icd;
using BulkEnroll.Packaging;
using BulkEnroll.Packaging.Payload;
using BulkEnroll.Packaging.Secrets;
using BulkEnroll.Packaging.Tests.Wim;
using BulkEnroll.Platform;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Packages;

/// <summary>The ICD.exe driver, with a fake ICD: what it is asked to run, how its quirks are worked around, how its failures surface.</summary>
public sealed class IcdPackageBuilderTests : IDisposable
{
    private static readonly PackageValidationOptions Options = new(allowHttpLoopback: true);

    private readonly TempDirectory _temp = new();
    private readonly string _icdFolder;
    private readonly string _workRoot;
    private readonly string _output;

    public IcdPackageBuilderTests()
    {
        // Spaces where real installations have them: the ADK under Program Files (x86), output in a user's folder.
        _icdFolder = _temp.Combine("Program Files (x86)", "Windows Kits", "10", "Assessment and Deployment Kit", "Imaging and Configuration Designer", "x86");
        Directory.CreateDirectory(_icdFolder);
        File.WriteAllText(Path.Combine(_icdFolder, "ICD.exe"), "fake");
        File.WriteAllText(Path.Combine(_icdFolder, IcdInstallation.DesktopStoreFileName), "desktop store");
        _workRoot = _temp.Combine("work");
        _output = _temp.Combine("Jane Doe", "Packages");
        Directory.CreateDirectory(_output);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task RunsTheDocumentedCommandLineOnSpaceFreeCopiesAndDeliversThePackage()
    {
        var icd = new FakeIcd(WritesPackageFor);
        PackageDefinition definition = PackageKit.FullDefinition(Guid.NewGuid());
        string destination = Path.Combine(_output, "Paris office.ppkg");

        IcdBuildResult result = await Builder(icd).BuildAsync(ValidatedPackageDefinition.Validate(definition, Options), destination, false, false, CancellationToken.None);

        ProcessRequest request = Assert.Single(icd.Requests);
        Assert.Equal(Path.Combine(_icdFolder, "ICD.exe"), request.FileName);
        string work = request.WorkingDirectory;
        Assert.StartsWith(_workRoot, work);
        Assert.Equal(new[]
        {
            "/Build-ProvisioningPackage",
            "/CustomizationXML:" + Path.Combine(work, "customizations.xml"),
            "/PackagePath:" + Path.Combine(work, "package.ppkg"),
            "/StoreFile:" + Path.Combine(work, IcdInstallation.DesktopStoreFileName),
            "+Overwrite",
        }, request.Arguments);
        Assert.All(request.Arguments, a => Assert.DoesNotContain(" ", a));

        // What ICD saw while it ran: our project, a copy of the desktop store, all in an owner-only folder.
        Assert.Equal(CustomizationsXmlWriter.Write(definition, Options), icd.SeenProject);
        Assert.Equal("desktop store", icd.SeenStore);
        Assert.Equal("700", icd.SeenWorkMode);

        Assert.Equal(destination, result.Package.Path);
        Assert.Null(result.DecryptionPassword);
        Assert.Equal(icd.Built, File.ReadAllBytes(destination));
        Assert.Equal(Sha256Hex.Of(icd.Built!), result.Package.Sha256);
        PackageKit.AssertOwnerOnly(destination);
        Assert.False(Directory.Exists(work), "the work folder with the project's secrets must be deleted");
        PackageKit.AssertOnlyFiles(_output, "Paris office.ppkg");
    }

    [Fact]
    public async Task EncryptAddsTheSwitchAndReturnsThePasswordIcdPrintsAsASecureString()
    {
        var icd = new FakeIcd(request =>
        {
            File.WriteAllBytes(PackagePath(request), new byte[] { 1, 2, 3, 4 }); // encrypted: not a WIM we could read
            return new ProcessResult(0, "Building package...\r\nPackage password: Xq7-Rt9_Lm2\r\nDone.\r\n", string.Empty);
        });

        IcdBuildResult result = await Builder(icd).BuildAsync(ValidatedPackageDefinition.Validate(PackageKit.FullDefinition(Guid.NewGuid()), Options), Path.Combine(_output, "p.ppkg"), false, true, CancellationToken.None);

        Assert.Equal("+Encrypted", icd.Requests.Single().Arguments.Last());
        Assert.Equal("Xq7-Rt9_Lm2", SecretText.Reveal(result.DecryptionPassword!));
        Assert.True(result.DecryptionPassword!.IsReadOnly());
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, File.ReadAllBytes(Path.Combine(_output, "p.ppkg")));
    }

    [Theory]
    [InlineData("The package password is: a1B2c3", "a1B2c3")]
    [InlineData("Decryption Password = 'K9x!zz'", "K9x!zz")]
    [InlineData("password:\"Qq-11\"", "Qq-11")]
    public void ThePasswordIsFoundInTheWordingsIcdMightUse(string line, string expected)
    {
        Assert.True(IcdPasswordParser.TryFind("Starting\r\n" + line + "\r\nFinished", out string password));
        Assert.Equal(expected, password);
    }

    [Fact]
    public async Task AnEncryptedBuildWithoutARecognisablePasswordIsNotDelivered()
    {
        var icd = new FakeIcd(request =>
        {
            File.WriteAllBytes(PackagePath(request), new byte[] { 9, 9, 9 });
            return new ProcessResult(0, "Package built.", string.Empty);
        });

        var error = await Assert.ThrowsAsync<BulkEnrollException>(() =>
            Builder(icd).BuildAsync(ValidatedPackageDefinition.Validate(PackageKit.FullDefinition(Guid.NewGuid()), Options), Path.Combine(_output, "p.ppkg"), false, true, CancellationToken.None));

        Assert.Equal(IcdErrors.PasswordNotFound, error.ErrorId);
        PackageKit.AssertOnlyFiles(_output);
    }

    [Fact]
    public async Task AFailedBuildReportsTheExitCodeAndWhatIcdSaidWithoutSecrets()
    {
        var icd = new FakeIcd(_ => new ProcessResult(-2147467259,
            $"Loading customizations\r\nError: invalid value '{PackageKit.WifiKey}' for SecurityKey\r\n",
            $"Your password is {PackageKit.AdminPassword}\r\nSecret {System.Security.SecurityElement.Escape(PackageKit.Secret)} rejected\r\nBuild failed.\r\n"));

        var error = await Assert.ThrowsAsync<BulkEnrollException>(() =>
            Builder(icd).BuildAsync(ValidatedPackageDefinition.Validate(PackageKit.FullDefinition(Guid.NewGuid()), Options), Path.Combine(_output, "p.ppkg"), false, false, CancellationToken.None));

        Assert.Equal(IcdErrors.BuildFailed, error.ErrorId);
        Assert.Contains("-2147467259", error.Message);
        Assert.Contains("Build failed.", error.Message);
        Assert.Contains("invalid value '********'", error.Message);
        Assert.True(error.Message.Contains("Secret ******** rejected", StringComparison.Ordinal), error.Message);
        PackageKit.AssertNoSecret(error.Message);
        PackageKit.AssertOnlyFiles(_output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_workRoot));
    }

    [Fact]
    public async Task SuccessWithoutAPackageIsAnError()
    {
        var icd = new FakeIcd(_ => new ProcessResult(0, "Provisioning package built successfully.", string.Empty));

        var error = await Assert.ThrowsAsync<BulkEnrollException>(() =>
            Builder(icd).BuildAsync(ValidatedPackageDefinition.Validate(PackageKit.FullDefinition(Guid.NewGuid()), Options), Path.Combine(_output, "p.ppkg"), false, false, CancellationToken.None));

        Assert.Equal(IcdErrors.OutputMissing, error.ErrorId);
        Assert.Contains("built successfully", error.Message);
        PackageKit.AssertOnlyFiles(_output);
    }

    [Theory]
    [InlineData("garbage", IcdErrors.OutputUnreadable)]
    [InlineData("other id", IcdErrors.OutputUnreadable)]
    public async Task APackageThatDoesNotReadBackIsNotDelivered(string what, string errorId)
    {
        var icd = new FakeIcd(request =>
        {
            byte[] content = what == "garbage"
                ? new byte[] { 0x50, 0x4B, 3, 4 }
                : NativePackageBuilder.BuildBytes(PackageKit.FullDefinition(Guid.NewGuid()), Options, DateTime.UtcNow);
            File.WriteAllBytes(PackagePath(request), content);
            return new ProcessResult(0, string.Empty, string.Empty);
        });

        var error = await Assert.ThrowsAsync<BulkEnrollException>(() =>
            Builder(icd).BuildAsync(ValidatedPackageDefinition.Validate(PackageKit.FullDefinition(Guid.NewGuid()), Options), Path.Combine(_output, "p.ppkg"), false, false, CancellationToken.None));

        Assert.Equal(errorId, error.ErrorId);
        PackageKit.AssertOnlyFiles(_output);
    }

    [Fact]
    public async Task IcdThatNeedsElevationSaysSo()
    {
        var icd = new FakeIcd(_ => throw new Win32Exception(740));

        var error = await Assert.ThrowsAsync<BulkEnrollException>(() =>
            Builder(icd).BuildAsync(ValidatedPackageDefinition.Validate(PackageKit.FullDefinition(Guid.NewGuid()), Options), Path.Combine(_output, "p.ppkg"), false, false, CancellationToken.None));

        Assert.Equal(IcdErrors.RequiresElevation, error.ErrorId);
        Assert.Contains("administrator", error.Message);
    }

    [Fact]
    public async Task AHangingIcdIsReportedAsTimedOut()
    {
        var icd = new FakeIcd(_ => throw new TimeoutException("ICD.exe did not finish within 10 minutes and was stopped."));

        var error = await Assert.ThrowsAsync<BulkEnrollException>(() =>
            Builder(icd).BuildAsync(ValidatedPackageDefinition.Validate(PackageKit.FullDefinition(Guid.NewGuid()), Options), Path.Combine(_output, "p.ppkg"), false, false, CancellationToken.None));

        Assert.Equal(IcdErrors.TimedOut, error.ErrorId);
    }

    [Fact]
    public async Task OnlyFolderCandidatesWithoutSpacesAreUsedAndNoneIsAClearError()
    {
        var icd = new FakeIcd(WritesPackageFor);
        var spaced = new IcdEnvironment(true, new[] { _temp.Combine("with space") }, TimeSpan.FromMinutes(1));
        var builder = new IcdPackageBuilder(new FixedLocator(_icdFolder), icd, spaced);

        var error = await Assert.ThrowsAsync<BulkEnrollException>(() =>
            builder.BuildAsync(ValidatedPackageDefinition.Validate(PackageKit.FullDefinition(Guid.NewGuid()), Options), Path.Combine(_output, "p.ppkg"), false, false, CancellationToken.None));

        Assert.Equal(IcdErrors.NoSpaceFreeFolder, error.ErrorId);
        Assert.Empty(icd.Requests);
    }

    [Fact]
    public void OffWindowsTheIcdBuilderIsAPlatformError()
    {
        var builder = new IcdPackageBuilder(new FixedLocator(_icdFolder), new FakeIcd(WritesPackageFor), new IcdEnvironment(false, new[] { _workRoot }, TimeSpan.FromMinutes(1)));

        var error = Assert.Throws<BulkEnrollException>(() => builder.Locate());

        Assert.Equal(IcdErrors.RequiresWindows, error.ErrorId);
        Assert.IsType<PlatformNotSupportedException>(error.InnerException);
        Assert.Contains("-Builder Native", error.Message);
    }

    [Fact]
    public void MissingIcdAndMissingStoreAreDistinctErrors()
    {
        var environment = new IcdEnvironment(true, new[] { _workRoot }, TimeSpan.FromMinutes(1));
        var none = new IcdPackageBuilder(new IcdLocator(new InMemoryRegistry(), new InMemoryRegistry()), new FakeIcd(WritesPackageFor), environment);
        Assert.Equal(IcdErrors.NotFound, Assert.Throws<BulkEnrollException>(() => none.Locate()).ErrorId);

        var unreadable = new IcdPackageBuilder(new IcdLocator(new UnsupportedRegistry(), new UnsupportedRegistry()), new FakeIcd(WritesPackageFor), environment);
        var noRegistry = Assert.Throws<BulkEnrollException>(() => unreadable.Locate());
        Assert.Equal(IcdErrors.NotFound, noRegistry.ErrorId);
        Assert.Contains("registry", noRegistry.Message);

        File.Delete(Path.Combine(_icdFolder, IcdInstallation.DesktopStoreFileName));
        var noStore = new IcdPackageBuilder(new FixedLocator(_icdFolder), new FakeIcd(WritesPackageFor), environment);
        Assert.Equal(IcdErrors.StoreNotFound, Assert.Throws<BulkEnrollException>(() => noStore.Locate()).ErrorId);
    }

    [Fact]
    public void TheLocatorFindsTheAdkFromItsKitsRootThenTheStoreApp()
    {
        string kitsRoot = _temp.Combine("Program Files (x86)", "Windows Kits", "10");
        var machine = new InMemoryRegistry().Key(IcdLocator.KitsRootKey, (IcdLocator.KitsRootValue, kitsRoot));

        IcdInstallation? adk = new IcdLocator(machine, new InMemoryRegistry()).Find(out _);
        Assert.Equal(Path.Combine(_icdFolder, "ICD.exe"), adk!.ExecutablePath);
        Assert.Equal(Path.Combine(_icdFolder, IcdInstallation.DesktopStoreFileName), adk.DesktopStorePath);

        string storeRoot = _temp.Combine("WindowsApps", "Microsoft.WindowsConfigurationDesigner_10.0.0.0_x64__8wekyb3d8bbwe");
        Directory.CreateDirectory(Path.Combine(storeRoot, "icd"));
        File.WriteAllText(Path.Combine(storeRoot, "icd", "ICD.exe"), "fake");
        string package = "Microsoft.WindowsConfigurationDesigner_10.0.0.0_x64__8wekyb3d8bbwe";
        var user = new InMemoryRegistry()
            .Key(IcdLocator.AppModelPackagesKey + @"\Microsoft.Other_1.0")
            .Key(IcdLocator.AppModelPackagesKey + @"\" + package, (IcdLocator.PackageRootValue, storeRoot));

        IcdInstallation? store = new IcdLocator(new InMemoryRegistry(), user).Find(out IReadOnlyList<string> searched);
        Assert.Equal(Path.Combine(storeRoot, "icd", "ICD.exe"), store!.ExecutablePath);
        Assert.Single(searched);

        Assert.Null(new IcdLocator(new InMemoryRegistry(), new InMemoryRegistry()).Find(out IReadOnlyList<string> nothing));
        Assert.Empty(nothing);
    }

    [Fact]
    public async Task TheRealProcessRunnerCapturesOutputAndStopsWhatRunsTooLong()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // /bin/sh stands in for ICD.exe; the quoting rules are the same as on Windows.
        }

        var runner = new SystemProcessRunner();
        ProcessResult result = await runner.RunAsync(
            new ProcessRequest("/bin/sh", new[] { "-c", "echo \"out $1\"; echo err >&2; exit 3", "sh", "two words" }, _temp.Path, TimeSpan.FromSeconds(30)),
            CancellationToken.None);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out two words", result.StandardOutput.Trim());
        Assert.Equal("err", result.StandardError.Trim());

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAsync<TimeoutException>(() =>
            runner.RunAsync(new ProcessRequest("/bin/sh", new[] { "-c", "sleep 20" }, _temp.Path, TimeSpan.FromMilliseconds(300)), CancellationToken.None));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(new[] { "/PackagePath:C:\\a\\b.ppkg" }, "/PackagePath:C:\\a\\b.ppkg")]
    [InlineData(new[] { "a b", "c" }, "\"a b\" c")]
    [InlineData(new[] { "say \"hi\"" }, "\"say \\\"hi\\\"\"")]
    [InlineData(new[] { "C:\\with space\\" }, "\"C:\\with space\\\\\"")]
    [InlineData(new[] { "" }, "\"\"")]
    public void ArgumentsAreQuotedByTheWindowsRules(string[] arguments, string expected) =>
        Assert.Equal(expected, SystemProcessRunner.JoinArguments(arguments));

    private IcdPackageBuilder Builder(IProcessRunner icd) =>
        new(new FixedLocator(_icdFolder), icd, new IcdEnvironment(true, new[] { _temp.Combine("with space"), _workRoot }, TimeSpan.FromMinutes(1)));

    private static string PackagePath(ProcessRequest request) =>
        request.Arguments.Single(a => a.StartsWith("/PackagePath:", StringComparison.Ordinal)).Substring("/PackagePath:".Length);

    /// <summary>What a working ICD does: a package with the project's ID and settings (here, ours).</summary>
    private static ProcessResult WritesPackageFor(ProcessRequest request)
    {
        string project = request.Arguments.Single(a => a.StartsWith("/CustomizationXML:", StringComparison.Ordinal)).Substring("/CustomizationXML:".Length);
        PackageDefinition definition = CustomizationsXmlReader.Read(File.ReadAllBytes(project)).Definition;
        File.WriteAllBytes(PackagePath(request), NativePackageBuilder.BuildBytes(definition, Options, DateTime.UtcNow));
        return new ProcessResult(0, "Provisioning package built.", string.Empty);
    }

    private sealed class FakeIcd : IProcessRunner
    {
        private readonly Func<ProcessRequest, ProcessResult> _behaviour;

        public FakeIcd(Func<ProcessRequest, ProcessResult> behaviour) => _behaviour = behaviour;

        public List<ProcessRequest> Requests { get; } = new();

        public byte[]? SeenProject { get; private set; }

        public string? SeenStore { get; private set; }

        public string? SeenWorkMode { get; private set; }

        public byte[]? Built { get; private set; }

        public Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            SeenProject = File.ReadAllBytes(Path.Combine(request.WorkingDirectory, "customizations.xml"));
            SeenStore = File.ReadAllText(Path.Combine(request.WorkingDirectory, IcdInstallation.DesktopStoreFileName));
            if (!OperatingSystem.IsWindows())
            {
                SeenWorkMode = Convert.ToString((int)File.GetUnixFileMode(request.WorkingDirectory) & 0x1FF, 8);
            }

            ProcessResult result = _behaviour(request);
            string package = PackagePath(request);
            Built = File.Exists(package) ? File.ReadAllBytes(package) : null;
            return Task.FromResult(result);
        }
    }

    private sealed class FixedLocator : IIcdLocator
    {
        private readonly string _folder;

        public FixedLocator(string folder) => _folder = folder;

        public IcdInstallation? Find(out IReadOnlyList<string> searched)
        {
            searched = new[] { Path.Combine(_folder, "ICD.exe") };
            return new IcdInstallation(searched[0], Path.Combine(_folder, IcdInstallation.DesktopStoreFileName), "test");
        }
    }

    /// <summary>Behaves as the portable registry library does off Windows: it exists, but every read throws.</summary>
    private sealed class UnsupportedRegistry : IRegistryView
    {
        public IRegistryKeyView? OpenSubKey(string path) => throw new PlatformNotSupportedException("Registry is not supported on this platform.");
    }
}
