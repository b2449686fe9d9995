using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using BulkEnroll.Packaging.Payload;
using BulkEnroll.Packaging.Tests.Wim;
using BulkEnroll.Sandbox;
using BulkEnroll.Tests.Hosting;
using Xunit;

namespace BulkEnroll.Tests.Packages;

public sealed class TestBulkEnrollPackageTests : SandboxSession
{
    private static readonly string[] CheckOrder =
    {
        "Structure", "DeviceNameTemplate", "UpnPrefix", "HideOobeWithoutAccount", "Network", "LocalAdminPassword", "UpnExistsInTenant", "Discovery",
    };

    private readonly TempDirectory _temp = new();

    protected override SandboxOptions Options => new() { DeviceCount = 20, Seed = 3 };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public void AGoodPackagePassesEveryOfflineCheckAndSkipsWhatNeedsATenantOrTheNetwork()
    {
        string package = Build();

        var results = Shell.Run("Test-BulkEnrollPackage -Path $args[0]", package).ThrowIfErrors().All<PackageTestResult>();

        Assert.Equal(CheckOrder, results.Select(r => r.Check));
        Assert.All(results, r => Assert.Equal(package, r.Path));
        Assert.All(results.Take(6), r => Assert.True(r.Result == PackageCheckStatus.Passed, r.Check + ": " + r.Message));
        Assert.Equal(PackageCheckStatus.Skipped, results[6].Result);
        Assert.Contains("Connect-BulkEnroll", results[6].Message);
        Assert.Equal(PackageCheckStatus.Skipped, results[7].Result);
        Assert.Contains("-Online", results[7].Message);
        Assert.True(Shell.Run("Test-BulkEnrollPackage -Path $args[0] -Quiet", package).ThrowIfErrors().Single<bool>());
        PackageKit.AssertNoSecret(PackageKit.Everything(Shell.Run("Test-BulkEnrollPackage -Path $args[0] -Verbose", package).Output));
    }

    [Fact]
    public void NoWifiIsAWarningThatDoesNotFailTheQuietTest()
    {
        string package = Build("-WifiSsid", "-PackageName wired");

        var network = Shell.Run("Test-BulkEnrollPackage $args[0]", package).ThrowIfErrors().All<PackageTestResult>().Single(r => r.Check == "Network");

        Assert.Equal(PackageCheckStatus.Warning, network.Result);
        Assert.Contains("NoNetwork", network.Message);
        Assert.True(Shell.Run("Test-BulkEnrollPackage $args[0] -Quiet", package).Single<bool>());
    }

    [Theory]
    [InlineData("hideoobe", "HideOobeWithoutAccount", "HideOobeWithoutAccount")]
    [InlineData("upn", "UpnPrefix", "UpnNotBulkEnroll")]
    [InlineData("name", "DeviceNameTemplate", "DeviceNameInvalidCharacter")]
    [InlineData("wifikey", "Network", "WifiKeyInvalid")]
    [InlineData("noenrollment", "Structure", "EnrollmentMissing")]
    public void AProjectThatWouldBreakPcsFailsTheMatchingCheck(string defect, string check, string problemId)
    {
        string project = Build("", "-ProjectOnly");
        string text = File.ReadAllText(project);
        text = defect switch
        {
            "hideoobe" => Regex.Replace(text, "<Users>.*?</Users>", string.Empty, RegexOptions.Singleline),
            "upn" => text.Replace(PackageKit.Upn, "someone@contoso.com", StringComparison.Ordinal),
            "name" => text.Replace("PAR-%SERIAL%", "PAR_%SERIAL%", StringComparison.Ordinal),
            "wifikey" => text.Replace(System.Security.SecurityElement.Escape(PackageKit.WifiKey)!, "short", StringComparison.Ordinal),
            _ => Regex.Replace(text, "<Workplace>.*?</Workplace>", string.Empty, RegexOptions.Singleline),
        };
        File.WriteAllText(project, text);

        var results = Shell.Run("Test-BulkEnrollPackage -LiteralPath $args[0]", project).ThrowIfErrors().All<PackageTestResult>();

        var failed = results.Single(r => r.Check == check);
        Assert.True(failed.Result == PackageCheckStatus.Failed, failed.Message);
        Assert.Contains("[" + problemId + "]", failed.Message);
        Assert.All(results.Where(r => r.Check != check), r => Assert.NotEqual(PackageCheckStatus.Failed, r.Result));
        Assert.False(Shell.Run("Test-BulkEnrollPackage -LiteralPath $args[0] -Quiet", project).Single<bool>());
    }

    [Fact]
    public void WithAConnectionTheGenericUserMustExistInTheTenant()
    {
        Connect().ThrowIfErrors();
        string known = Build(upn: "windows-bulkenroll-user1@" + Sandbox.Tenant.Spec.Domain);
        string unknown = Build(upn: "windows-bulkenroll-nobody@" + Sandbox.Tenant.Spec.Domain);

        var results = Shell.Run("Test-BulkEnrollPackage -Path $args[0], $args[1]", known, unknown).ThrowIfErrors().All<PackageTestResult>()
            .Where(r => r.Check == "UpnExistsInTenant").ToList();

        Assert.Equal(PackageCheckStatus.Passed, results[0].Result);
        Assert.Equal(PackageCheckStatus.Failed, results[1].Result);
        Assert.Contains("New-BulkEnrollUser", results[1].Message);
        Assert.False(Shell.Run("Test-BulkEnrollPackage -Path $args[0], $args[1] -Quiet", known, unknown).Single<bool>());
        Assert.Contains(Sandbox.RequestLog.Entries, e => e.Path == "/api/v1/account");
    }

    [Fact]
    public void TheTenantIsAskedOncePerUserNotOncePerFile()
    {
        Connect().ThrowIfErrors();
        string package = Build(upn: "windows-bulkenroll-user3@" + Sandbox.Tenant.Spec.Domain, extra: "-SaveProject");
        string project = Path.ChangeExtension(package, ".customizations.xml");
        int before = Sandbox.RequestLog.Entries.Count(e => e.Path == "/api/v1/account");

        var results = Shell.Run("Test-BulkEnrollPackage -Path $args[0], $args[1]", package, project).ThrowIfErrors().All<PackageTestResult>()
            .Where(r => r.Check == "UpnExistsInTenant").ToList();

        Assert.Equal(new[] { package, project }, results.Select(r => r.Path));
        Assert.All(results, r => Assert.Equal(PackageCheckStatus.Passed, r.Result));
        Assert.Equal(before + 1, Sandbox.RequestLog.Entries.Count(e => e.Path == "/api/v1/account"));
    }

    [Fact]
    public void AConnectionFromAnotherRunspaceCanBePassed()
    {
        using var other = new PowerShellSession();
        var connection = Connect(other, extra: "-PassThru").ThrowIfErrors().Single<BulkEnrollConnection>();
        string package = Build(upn: "windows-bulkenroll-user2@" + Sandbox.Tenant.Spec.Domain);

        var check = Shell.Run("Test-BulkEnrollPackage $args[0] -Connection $args[1]", package, connection).ThrowIfErrors()
            .All<PackageTestResult>().Single(r => r.Check == "UpnExistsInTenant");

        Assert.Equal(PackageCheckStatus.Passed, check.Result);
    }

    [Fact]
    public void UserToPackageToEveryCheckAgainstTheSandboxOverHttps()
    {
        Connect().ThrowIfErrors();
        Uri discovery = new(Sandbox.HttpsBaseAddress!, "EnrollmentServer/Discovery.svc");

        var results = Shell.Run(
            "New-BulkEnrollUser -Name site-lyon -Domain $args[1] | "
            + "New-BulkEnrollPackage -OutputPath $args[0] -DeviceNameTemplate LYON-%RAND:5% -WifiSsid Corp -WifiKey $args[2] -DiscoveryServiceUrl $args[3] | "
            + "Test-BulkEnrollPackage -Online -SkipCertificateCheck",
            _temp.Path, Sandbox.Tenant.Spec.Domain, PackageKit.Secure(PackageKit.WifiKey), discovery.ToString()).ThrowIfErrors().All<PackageTestResult>();

        Assert.Equal(CheckOrder, results.Select(r => r.Check));
        Assert.Equal(_temp.Combine("windows-bulkenroll-site-lyon.ppkg"), results[0].Path);
        // Built without a local administrator: the password check has nothing to check.
        Assert.All(results.Where(r => r.Check != "LocalAdminPassword"), r => Assert.True(r.Result == PackageCheckStatus.Passed, r.Check + ": " + r.Message));
        Assert.Equal(PackageCheckStatus.Skipped, results.Single(r => r.Check == "LocalAdminPassword").Result);
        Assert.Contains(Sandbox.RequestLog.Entries, e => e.Path == "/EnrollmentServer/Discovery.svc" && e.StatusCode == 200);
    }

    [Theory]
    [InlineData("")]
    [InlineData("EnrollmentServer/Discovery.svc")]
    public void TheSandboxAnswersDiscoveryAtItsBareAddressAndAtDiscoverySvc(string path)
    {
        string package = Build(upn: "windows-bulkenroll-user1@" + Sandbox.Tenant.Spec.Domain, discoveryUrl: new Uri(Sandbox.BaseAddress, path).ToString());

        var discovery = Shell.Run("Test-BulkEnrollPackage $args[0] -Online", package).ThrowIfErrors().All<PackageTestResult>().Single(r => r.Check == "Discovery");

        Assert.True(discovery.Result == PackageCheckStatus.Passed, discovery.Message);
        Assert.Contains("OnPremise", discovery.Message);
    }

    [Fact]
    public void TheSandboxsSelfSignedCertificateFailsDiscoveryUnlessSkipped()
    {
        string package = Build(discoveryUrl: new Uri(Sandbox.HttpsBaseAddress!, "EnrollmentServer/Discovery.svc").ToString());

        var strict = Shell.Run("Test-BulkEnrollPackage $args[0] -Online", package).All<PackageTestResult>().Single(r => r.Check == "Discovery");

        Assert.Equal(PackageCheckStatus.Failed, strict.Result);
        Assert.Contains("DiscoveryCertificateRejected", strict.Message);
    }

    [Fact]
    public void AnUnreadablePackageFailsStructureAndAMissingOneIsAnError()
    {
        string garbage = _temp.Combine("garbage.ppkg");
        File.WriteAllBytes(garbage, Encoding.ASCII.GetBytes("not a package at all"));

        var result = Shell.Run("Test-BulkEnrollPackage $args[0]", garbage);
        var results = result.ThrowIfErrors().All<PackageTestResult>();
        Assert.Equal(CheckOrder, results.Select(r => r.Check));
        Assert.Equal(PackageCheckStatus.Failed, results[0].Result);
        Assert.Contains("[PackageNotAWim]", results[0].Message);
        Assert.All(results.Skip(1), r => Assert.Equal(PackageCheckStatus.Skipped, r.Result));

        var missing = Shell.Run("Test-BulkEnrollPackage $args[0] -Quiet", _temp.Combine("missing.ppkg"));
        missing.Error("PackageNotFound");
        Assert.False(missing.Single<bool>());
    }

    [Fact]
    public void AnAlteredPackageOrOneWithoutItsRuntimeIndexFailsStructure()
    {
        string altered = TamperedPackages.WithCustomizationsSecret(_temp, "Another-Secret-9!");
        string partial = TamperedPackages.WithOnly(_temp, PackageKit.FullDefinition(Guid.NewGuid()), PayloadPaths.CustomizationsXml);

        var structure = Shell.Run("Test-BulkEnrollPackage $args[0], $args[1]", altered, partial).ThrowIfErrors().All<PackageTestResult>()
            .Where(r => r.Check == "Structure").ToList();

        Assert.Equal(PackageCheckStatus.Failed, structure[0].Result);
        Assert.Contains("Enrollment.Secret", structure[0].Message);
        Assert.Equal(PackageCheckStatus.Failed, structure[1].Result);
        Assert.Contains("RunTime.xml", structure[1].Message);
    }

    [Fact]
    public async Task OnlineSendsTheDiscoverRequestToThePackagesUrl()
    {
        await using var server = await DiscoveryResponder.StartAsync();
        string package = Build(discoveryUrl: server.DiscoveryUrl.ToString());

        var results = Shell.Run("Test-BulkEnrollPackage $args[0] -Online", package).ThrowIfErrors().All<PackageTestResult>();

        var discovery = results.Single(r => r.Check == "Discovery");
        Assert.True(discovery.Result == PackageCheckStatus.Passed, discovery.Message);
        Assert.Contains("OnPremise", discovery.Message);
        Assert.Equal(PackageKit.Upn, Assert.Single(server.Requests).Xml.Descendants().Single(e => e.Name.LocalName == "EmailAddress").Value);
        var structure = results.Single(r => r.Check == "Structure");
        Assert.Equal(PackageCheckStatus.Warning, structure.Result);
        Assert.Contains("plain HTTP", structure.Message);

        server.Respond = request => DiscoveryResponder.Answer.Soap(DiscoveryResponder.DiscoverResponse(request.MessageId, "Federated"));
        var federated = Shell.Run("Test-BulkEnrollPackage $args[0] -Online", package).All<PackageTestResult>().Single(r => r.Check == "Discovery");
        Assert.Equal(PackageCheckStatus.Failed, federated.Result);
        Assert.Contains("Federated", federated.Message);
        Assert.False(Shell.Run("Test-BulkEnrollPackage $args[0] -Online -Quiet", package).Single<bool>());
    }

    [Fact]
    public async Task OnlineOverHttpsTrustsASelfSignedLoopbackCertificateOnlyWhenAsked()
    {
        using var certificate = DiscoveryResponder.SelfSignedLoopbackCertificate();
        await using var server = await DiscoveryResponder.StartAsync(certificate);
        string package = Build(discoveryUrl: server.DiscoveryUrl.ToString());

        var strict = Shell.Run("Test-BulkEnrollPackage $args[0] -Online", package).All<PackageTestResult>().Single(r => r.Check == "Discovery");
        var lenient = Shell.Run("Test-BulkEnrollPackage $args[0] -Online -SkipCertificateCheck", package).All<PackageTestResult>().Single(r => r.Check == "Discovery");

        Assert.Equal(PackageCheckStatus.Failed, strict.Result);
        Assert.Contains("DiscoveryCertificateRejected", strict.Message);
        Assert.True(lenient.Result == PackageCheckStatus.Passed, lenient.Message);
    }

    [Fact]
    public void SkipCertificateCheckForARealHostIsRefusedWithAWarning()
    {
        string package = Build(discoveryUrl: "https://login.invalid/EnrollmentServer/Discovery.svc");

        var result = Shell.Run("Test-BulkEnrollPackage $args[0] -Online -SkipCertificateCheck", package);

        Assert.Contains(result.Warnings, w => w.Contains("loopback hosts only", StringComparison.Ordinal));
        Assert.Equal(PackageCheckStatus.Failed, result.All<PackageTestResult>().Single(r => r.Check == "Discovery").Result);
    }

    [Fact]
    public void TheSkipCertificateCheckWarningComesOncePerHostNotOncePerPackage()
    {
        string first = Build(discoveryUrl: "https://login.invalid/EnrollmentServer/Discovery.svc");
        string second = Build(discoveryUrl: "https://login.invalid/EnrollmentServer/Discovery.svc");

        var result = Shell.Run("Test-BulkEnrollPackage $args[0], $args[1] -Online -SkipCertificateCheck", first, second);

        Assert.Single(result.Warnings, w => w.Contains("loopback hosts only", StringComparison.Ordinal));
        Assert.Equal(2, result.All<PackageTestResult>().Count(r => r.Check == "Discovery" && r.Result == PackageCheckStatus.Failed));
    }

    /// <summary>A package with every setting (or fewer: leaves out a parameter named in <paramref name="without"/>), returned by path.</summary>
    private string Build(string without = "", string extra = "", string upn = PackageKit.Upn, string? discoveryUrl = null)
    {
        string command = PackageKit.FullCommand.Replace(PackageKit.Upn, upn, StringComparison.Ordinal) + " -Force " + extra;
        if (without == "-WifiSsid")
        {
            command = command.Replace("-WifiSsid 'Corp WiFi' -WifiKey $args[2] -HiddenNetwork", string.Empty, StringComparison.Ordinal);
        }

        if (discoveryUrl != null)
        {
            command += " -DiscoveryServiceUrl '" + discoveryUrl + "'";
        }

        string name = upn.Split('@')[0] + "-" + Guid.NewGuid().ToString("N").Substring(0, 6);
        if (!extra.Contains("-PackageName", StringComparison.Ordinal))
        {
            command = command.Replace("-PackageName Paris", "-PackageName " + name, StringComparison.Ordinal);
        }
        else
        {
            command = command.Replace("-PackageName Paris", string.Empty, StringComparison.Ordinal);
        }

        return Shell.Run(command, PackageKit.FullArguments(_temp.Path)).ThrowIfErrors().Single<BulkEnrollPackage>().Path;
    }
}
