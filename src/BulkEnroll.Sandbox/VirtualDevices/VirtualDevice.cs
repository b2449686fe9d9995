using BulkEnroll.Sandbox.Tenant;

namespace BulkEnroll.Sandbox.VirtualDevices;

/// <summary>A pretend Windows PC at OOBE: given a .ppkg it applies the runtime payload the way the provisioning
/// engine does (computer name, Wi-Fi, local accounts, HideOobe, Workplace enrollment), then enrolls in MDM with
/// the package's UPN and Secret: discovery, policy, enrollment (MS-MDE2), with a real RSA key and PKCS#10 request.
/// Every failure comes back as a result naming the stage, never as an exception.</summary>
/// <example><code>
/// var device = new VirtualDevice(new VirtualDeviceOptions { SerialNumber = "PF4XK2Q9", TrustedServerCertificate = sandbox.TlsCertificate });
/// var result = await device.EnrollAsync("Paris.ppkg");
/// Console.WriteLine(result);   // PF4XK2Q9: PAR-PF4XK2Q9 enrolled in MDM as windows-bulkenroll-...
/// </code></example>
public sealed class VirtualDevice(VirtualDeviceOptions? options = null)
{
    public VirtualDeviceOptions Options { get; } = options ?? new VirtualDeviceOptions();

    /// <summary>Applies the package at <paramref name="packagePath"/> and enrolls.</summary>
    public async Task<VirtualEnrollmentResult> EnrollAsync(string packagePath, CancellationToken cancellationToken = default)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(packagePath, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new VirtualEnrollmentResult
            {
                FailedStage = EnrollmentStage.Package,
                SerialNumber = Options.SerialNumber,
                Message = $"The package '{packagePath}' cannot be opened: {e.Message}",
            };
        }
        await using (stream)
        {
            return await EnrollAsync(stream, cancellationToken);
        }
    }

    /// <summary>Applies the package in <paramref name="package"/> (read from its current position) and enrolls.</summary>
    public async Task<VirtualEnrollmentResult> EnrollAsync(Stream package, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(package);
        using var http = DeviceHttpClient.Create(Options);
        var run = new DeviceRun(Options, new DeviceSoapClient(http));
        var result = new VirtualEnrollmentResult { SerialNumber = Options.SerialNumber, Message = "" };
        WorkplaceEnrollment? enrollment = null;
        try
        {
            var (name, settings, workplace) = await ApplyPackageAsync(package, run, cancellationToken);
            enrollment = workplace;
            result = result with { PackageName = name, Settings = settings, UserPrincipalName = workplace?.Upn };

            var random = Options.RandomSeed is int seed ? new Random(seed) : new Random();
            string deviceName = DeviceNameExpander.Expand(settings.ComputerNameTemplate, Options.SerialNumber, random);
            result = result with { DeviceName = deviceName };
            run.Note(settings.ComputerNameTemplate is null
                ? $"Computer name: none in the package, Windows picks {deviceName}"
                : $"Computer name: {settings.ComputerNameTemplate} → {deviceName} (serial number {Options.SerialNumber})");

            if (workplace is null)
            {
                throw new DeviceStageException(EnrollmentStage.Package, "The package has no Workplace enrollment (Provisioning/Enrollments/<UPN>): the PC would finish OOBE without enrolling in MDM.");
            }

            RequireNetwork(settings, run);

            var endpoints = await DiscoveryStep.RunAsync(run, workplace, cancellationToken);
            result = result with { DiscoveryUrl = endpoints.DiscoveryUrl, EnrollmentServiceUrl = endpoints.EnrollmentServiceUrl };
            int keyLength = await PolicyStep.RunAsync(run, endpoints.PolicyServiceUrl, workplace, cancellationToken);
            var enrolled = await EnrollmentStep.RunAsync(run, endpoints.EnrollmentServiceUrl, workplace, deviceName, keyLength, cancellationToken);
            using (enrolled.Certificate)
            {
                string kind = BulkEnrollment.IsGenericUid(workplace.Upn) ? "bulk enrollment under a generic user" : "not a bulk enrollment: the UPN is not a windows-bulkenroll user";
                result = result with
                {
                    CertificateThumbprint = enrolled.Certificate.Thumbprint,
                    ManagementServerAddress = enrolled.ManagementServer,
                    Message = $"{deviceName} enrolled in MDM as {workplace.Upn} ({kind}); MDM certificate {enrolled.Certificate.Thumbprint}.",
                };
            }
        }
        catch (DeviceStageException e)
        {
            run.Note($"FAILED at {e.Stage}: {e.Message}");
            result = result with { FailedStage = e.Stage, Message = e.Message };
        }
        return Scrub(result with { Steps = run.Steps.ToList() }, enrollment?.Secret);
    }

    private static async Task<(string? Name, ProvisionedSettings Settings, WorkplaceEnrollment? Enrollment)> ApplyPackageAsync(
        Stream package, DeviceRun run, CancellationToken cancellationToken)
    {
        var seekable = package;
        if (!package.CanSeek)
        {
            seekable = new MemoryStream();
            await package.CopyToAsync(seekable, cancellationToken);
            seekable.Position = 0;
        }
        ProvisioningPackageReader.Package read;
        try
        {
            read = ProvisioningPackageReader.Read(seekable);
        }
        finally
        {
            if (!ReferenceEquals(seekable, package))
            {
                await seekable.DisposeAsync();
            }
        }

        var interpreter = new CspSettingsInterpreter();
        foreach (var document in read.Documents)
        {
            var settings = CspSetting.Flatten(document.Document, document.Path);
            foreach (var setting in settings)
            {
                interpreter.Apply(setting);
            }
            // One line per file: each CSP node with the parms set under it, e.g. ./Vendor/MSFT/Accounts/Domain: ComputerName.
            var nodes = settings.GroupBy(s => "./Vendor/MSFT/" + string.Join('/', s.Path)).Select(g => $"{g.Key}: {string.Join(", ", g.Select(s => s.Name).Distinct())}");
            run.Note($"Applied {Path.GetFileName(document.Path)}: {string.Join("; ", nodes)}");
        }
        var (provisioned, enrollment) = interpreter.Finish();
        run.Note($"Package '{read.Name}': {Describe(provisioned)}");
        foreach (var ignored in provisioned.IgnoredSettings)
        {
            run.Note("Not acted on: " + ignored);
        }

        if (provisioned.HideOobe && provisioned.LocalAccounts.Count == 0)
        {
            run.Note("Warning: HideOobe without a local account leaves the PC with no way to sign in.");
        }

        return (read.Name, provisioned, enrollment);
    }

    private static void RequireNetwork(ProvisionedSettings settings, DeviceRun run)
    {
        if (settings.WifiNetworks.Count > 0)
        {
            run.Note($"Network: joined Wi-Fi '{settings.WifiNetworks[0].Ssid}' ({settings.WifiNetworks[0].Authentication})");
            return;
        }
        if (run.Options.WiredNetwork)
        {
            run.Note("Network: wired");
            return;
        }
        throw new DeviceStageException(EnrollmentStage.Discovery,
            "No network: the package adds no Wi-Fi profile and the device has no cable (VirtualDeviceOptions.WiredNetwork), so at OOBE it cannot reach the discovery service.");
    }

    private static string Describe(ProvisionedSettings s)
    {
        var parts = new List<string>();
        if (s.WifiNetworks.Count > 0)
        {
            parts.Add("Wi-Fi " + string.Join(", ", s.WifiNetworks.Select(w => $"'{w.Ssid}' ({w.Authentication}{(w.Hidden ? ", hidden" : "")})")));
        }

        if (s.LocalAccounts.Count > 0)
        {
            parts.Add("local account " + string.Join(", ", s.LocalAccounts.Select(a => $"{a.UserName} ({a.Group})")));
        }

        if (s.HideOobe)
        {
            parts.Add("HideOobe");
        }

        if (s.Enrollment is { } e)
        {
            parts.Add($"MDM enrollment of {e.UserPrincipalName} ({e.AuthPolicy}) at {e.DiscoveryServiceFullUrl}");
        }

        return parts.Count == 0 ? "no settings a virtual device acts on" : string.Join("; ", parts);
    }

    // Belt and braces: a hostile server could echo the Secret in a fault reason, and the result must never show it.
    private static VirtualEnrollmentResult Scrub(VirtualEnrollmentResult result, string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return result;
        }

        string Clean(string text) => text.Replace(secret, "***", StringComparison.Ordinal);
        return result with { Message = Clean(result.Message), Steps = result.Steps.Select(Clean).ToList() };
    }
}
