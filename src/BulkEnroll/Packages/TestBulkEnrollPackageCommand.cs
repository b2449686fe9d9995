using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons.Records;
using BulkEnroll.Packages;
using BulkEnroll.Packages.Checks;
using BulkEnroll.Packages.Discovery;
using BulkEnroll.Packaging;
using BulkEnroll.Users;

namespace BulkEnroll.Commands;

/// <summary>
/// Checks a package before hundreds of PCs are flashed with it: one result per check (Structure,
/// DeviceNameTemplate, UpnPrefix, HideOobeWithoutAccount, Network, UpnExistsInTenant, Discovery), or with
/// -Quiet a single $true when nothing failed. Works offline; the tenant is asked when a connection exists,
/// the discovery service with -Online.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "BulkEnrollPackage", DefaultParameterSetName = "Path")]
[OutputType(typeof(PackageTestResult), typeof(bool))]
public sealed class TestBulkEnrollPackageCommand : PackagePathCmdlet
{
    private readonly HashSet<string> _hostsWarned = new(System.StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _limitChecked = new(System.StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, AccountRecord?> _tenantUsers = new(System.StringComparer.OrdinalIgnoreCase);
    private BulkEnrollConnection? _connection;
    private DiscoveryClient? _discovery;
    private bool _anyFailed;
    private bool _anyTested;

    /// <summary>Also sends the package's discovery URL the MS-MDE2 Discover request a PC sends.</summary>
    [Parameter]
    public SwitchParameter Online { get; set; }

    /// <summary>With -Online: accept a self-signed certificate, on loopback hosts (a local test server) only.</summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>Returns $true when no check failed, $false otherwise, instead of the results.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <summary>The tenant's cap on active devices per user (not readable through the API): warn when the package's user is near or at it.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? DeviceLimit { get; set; }

    /// <summary>The tenant to look the generic user up in; by default this session's connection, if any.</summary>
    [Parameter]
    [ValidateNotNull]
    public BulkEnrollConnection? Connection { get; set; }

    protected override void BeginProcessing()
    {
        // Unlike the tenant cmdlets this one works without a connection: the tenant check is then skipped.
        _connection = Connection ?? ConnectionStore.Get(Runspace.DefaultRunspace);
        if (Online)
        {
            // Through the connection's proxy when there is one: behind a corporate proxy that wants a login, the
            // discovery host is reached the way the tenant is.
            Neurons.Transport.ProxySettings? proxy = _connection is { IsDisconnected: false } ? _connection.Proxy : null;
            _discovery = new DiscoveryClient(SkipCertificateCheck, proxy: proxy);
            if (proxy?.Address != null)
            {
                WriteVerbose($"The discovery check goes through the connection's proxy {Neurons.Transport.ProxySettings.Describe(proxy.Address)}.");
            }
        }
        else if (SkipCertificateCheck)
        {
            WriteWarning("-SkipCertificateCheck has no effect without -Online.");
        }

        base.BeginProcessing();
    }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        foreach (string file in ResolvedFiles)
        {
            foreach (PackageTestResult result in await CheckAsync(file, cancellationToken).ConfigureAwait(false))
            {
                _anyTested = true;
                _anyFailed |= result.Result == PackageCheckStatus.Failed;
                if (!Quiet)
                {
                    Emit(result);
                }
            }
        }
    }

    protected override Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        if (Quiet)
        {
            Emit(_anyTested && !_anyFailed && MissingCount == 0);
        }

        return Task.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _discovery?.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<IReadOnlyList<PackageTestResult>> CheckAsync(string file, CancellationToken cancellationToken)
    {
        PackageFileContent content;
        try
        {
            content = PackageFiles.Read(file);
        }
        catch (BulkEnrollException e)
        {
            return Unreadable(file, e);
        }

        var results = OfflinePackageChecks.Run(content).ToList();
        var enrollment = content.Definition.Enrollment;
        WarnIfCertificateCheckStays(enrollment?.DiscoveryServiceFullUrl);
        results.Add(await OnlinePackageChecks.UpnExistsInTenantAsync(file, enrollment, _connection, _tenantUsers, cancellationToken).ConfigureAwait(false));
        await WarnIfNearDeviceLimitAsync(enrollment?.Upn, cancellationToken).ConfigureAwait(false);
        results.Add(await OnlinePackageChecks.DiscoveryAsync(file, enrollment, _discovery, cancellationToken).ConfigureAwait(false));
        EmitVerbose($"{file}: " + string.Join(", ", results.Select(r => r.ToString())) + ".");
        return results;
    }

    /// <summary>With -DeviceLimit, once per user: a folder of packages often shares one generic user.</summary>
    private async Task WarnIfNearDeviceLimitAsync(string? upn, CancellationToken cancellationToken)
    {
        if (DeviceLimit is not int limit || upn is null || _connection is null || _connection.IsDisconnected
            || !_tenantUsers.TryGetValue(upn, out AccountRecord? account) || account is null || !_limitChecked.Add(upn))
        {
            return;
        }

        if (await DeviceLimitCheck.AdviceAsync(_connection, upn, account, limit, cancellationToken).ConfigureAwait(false) is string advice)
        {
            EmitWarning(advice);
        }
    }

    /// <summary>A package that cannot be read fails Structure; nothing else can be checked.</summary>
    private static IReadOnlyList<PackageTestResult> Unreadable(string file, BulkEnrollException error) =>
        PackageCheckNames.All.Select(check => check == PackageCheckNames.Structure
                ? PackageCheck.Failed(file, check, $"[{error.ErrorId}] {error.Message}")
                : PackageCheck.Skipped(file, check, "The package could not be read (see Structure)."))
            .ToList();

    private void WarnIfCertificateCheckStays(string? url)
    {
        // Once per host: a folder of packages usually shares one discovery URL.
        if (_discovery != null && SkipCertificateCheck && System.Uri.TryCreate(url, System.UriKind.Absolute, out System.Uri? uri) && !uri.IsLoopback
            && _hostsWarned.Add(uri.Host))
        {
            EmitWarning($"-SkipCertificateCheck applies to loopback hosts only; the certificate of {uri.Host} is checked as a PC would check it.");
        }
    }
}
