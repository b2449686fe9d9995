using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons;
using BulkEnroll.Neurons.Records;
using BulkEnroll.Runtime;
using BulkEnroll.Users;

namespace BulkEnroll.Commands;

/// <summary>Signs in to a tenant with an API user, checks the credentials and picks the device space.</summary>
[Cmdlet(VerbsCommunications.Connect, "BulkEnroll", DefaultParameterSetName = DefaultSpaceSet)]
[OutputType(typeof(BulkEnrollConnection))]
public sealed partial class ConnectBulkEnrollCommand : AsyncCmdlet
{
    private const string DefaultSpaceSet = "DefaultSpace";
    private const string SpaceByNameSet = "SpaceByName";
    private const string SpaceByIdSet = "SpaceById";

    /// <summary>The tenant's API host, e.g. https://na1.mobileiron.com (any path is ignored).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("Uri", "Tenant")]
    [ValidateNotNull]
    public Uri TenantUri { get; set; } = null!;

    /// <summary>An Ivanti API user (Users &gt; Add &gt; API User) and its password.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [Credential]
    [ValidateNotNull]
    public PSCredential Credential { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = SpaceByNameSet)]
    [ArgumentCompleter(typeof(Completion.DeviceSpaceCompleter))]
    [ValidateNotNullOrEmpty]
    public string DeviceSpace { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = SpaceByIdSet)]
    [ValidateRange(1, long.MaxValue)]
    public long DeviceSpaceId { get; set; }

    [Parameter]
    [ValidateRange(0, 50)]
    public int MaxRetryCount { get; set; } = NeuronsClientOptions.DefaultMaxRetryCount;

    [Parameter]
    [Seconds]
    public TimeSpan MaxRetryDuration { get; set; } = NeuronsClientOptions.DefaultMaxRetryDuration;

    [Parameter]
    [Seconds]
    public TimeSpan RequestTimeout { get; set; } = NeuronsClientOptions.DefaultRequestTimeout;

    /// <summary>
    /// How long Connect-BulkEnroll itself may take, retries included, before it gives up with a ConnectTimeout
    /// error naming the host: an unreachable or mistyped tenant fails in this time, not after every retry.
    /// </summary>
    [Parameter]
    [Seconds]
    public TimeSpan ConnectTimeout { get; set; } = DefaultConnectTimeout;

    internal static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(30);

    /// <summary>First backoff delay before a retry; it doubles per attempt, with jitter, unless the tenant says Retry-After.</summary>
    [Parameter]
    [Seconds]
    public TimeSpan RetryDelay { get; set; } = NeuronsClientOptions.DefaultRetryBaseDelay;

    [Parameter]
    [ValidateRange(1, 64)]
    public int MaxConcurrentRequests { get; set; } = NeuronsClientOptions.DefaultMaxConcurrentRequests;

    [Parameter]
    [ValidateRange(0, 10000)]
    public double MaxRequestsPerSecond { get; set; }

    /// <summary>Accept any TLS certificate; refused unless the tenant is on this machine (the sandbox).</summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    /// <summary>
    /// SHA-256 of one certificate to trust besides the system's, for this tenant only (e.g. a test tenant's
    /// self-signed certificate). The host name is still checked; any other certificate is judged as usual.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TrustedCertificateSha256 { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        ValidateTenantUri();
        ValidateProxy();
        ValidateDuration(nameof(MaxRetryDuration), MaxRetryDuration, TimeSpan.FromSeconds(1), TimeSpan.FromHours(24), "1 second and 24 hours");
        ValidateDuration(nameof(ConnectTimeout), ConnectTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), "1 second and 1 hour");
        ValidateDuration(nameof(RequestTimeout), RequestTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(24), "1 second and 24 hours");
        ValidateDuration(nameof(RetryDelay), RetryDelay, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(5), "1 millisecond and 5 minutes");
        base.BeginProcessing();
    }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        var options = new NeuronsClientOptions
        {
            MaxRetryCount = MaxRetryCount,
            MaxRetryDuration = MaxRetryDuration,
            RequestTimeout = RequestTimeout,
            RetryBaseDelay = RetryDelay,
            MaxConcurrentRequests = MaxConcurrentRequests,
            MaxRequestsPerSecond = MaxRequestsPerSecond,
            SkipCertificateCheck = SkipCertificateCheck.IsPresent,
            TrustedCertificateSha256 = CertificatePin.Normalize(TrustedCertificateSha256),
            Proxy = ProxySettingsFromParameters(),
        };
        string userName = Credential.UserName;
        var client = new NeuronsClient(TenantUri, userName, Credential.GetNetworkCredential().Password, options);
        var progress = new ProgressRecord(1, "Connect-BulkEnroll", $"Connecting to {client.TenantUri.Host}");
        EmitProgress(progress);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ConnectTimeout);
        try
        {
            BulkEnrollConnection connection = await ConnectAsync(client, userName, deadline.Token).ConfigureAwait(false);
            // Every connection lives until Disconnect-BulkEnroll: a script may hold an earlier one (-PassThru,
            // Get-BulkEnrollConnection, a parallel runspace), so connecting again only changes the default.
            ConnectionStore.Set(CurrentRunspace, connection);
            if (PassThru)
            {
                Emit(connection);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw NeuronsApiException.ConnectTimedOut(client.TenantUri, ConnectTimeout, client.LastFailure);
        }
        catch
        {
            client.Dispose();
            throw;
        }
        finally
        {
            progress.RecordType = ProgressRecordType.Completed;
            EmitProgress(progress);
        }
    }

    private async Task<BulkEnrollConnection> ConnectAsync(NeuronsClient client, string userName, CancellationToken cancellationToken)
    {
        EmitVerbose($"Connecting to {client.TenantUri} as {userName} (giving up after {ConnectTimeout.TotalSeconds:0.#} s: -ConnectTimeout).");
        var tenant = new TenantApi(client);
        IReadOnlyList<DeviceSpace> spaces = (await tenant.GetDeviceSpacesAsync(cancellationToken).ConfigureAwait(false)).Select(BulkEnroll.DeviceSpace.FromRecord).ToList();
        EmitVerbose($"Credentials accepted; the tenant has {spaces.Count} device space(s): {string.Join(", ", spaces.Select(s => s.Name))}.");
        DeviceSpace space = await ChooseSpaceAsync(tenant, spaces, cancellationToken).ConfigureAwait(false);
        var connection = new BulkEnrollConnection(client, userName, space, spaces);
        await Task.WhenAll(WarnIfDevicesUnreadableAsync(connection, cancellationToken), ReadGenericUsersAsync(connection, cancellationToken)).ConfigureAwait(false);
        EmitVerbose($"Connected: {connection}.");
        return connection;
    }

    private async Task<DeviceSpace> ChooseSpaceAsync(TenantApi tenant, IReadOnlyList<DeviceSpace> spaces, CancellationToken cancellationToken)
    {
        if (ParameterSetName == SpaceByNameSet)
        {
            return spaces.FirstOrDefault(s => string.Equals(s.Name, DeviceSpace, StringComparison.OrdinalIgnoreCase))
                ?? throw SpaceNotFound($"There is no device space named '{DeviceSpace}'.");
        }

        if (ParameterSetName == SpaceByIdSet)
        {
            return spaces.FirstOrDefault(s => s.Id == DeviceSpaceId) ?? throw SpaceNotFound($"There is no device space with id {DeviceSpaceId}.");
        }

        DeviceSpace? marked = spaces.FirstOrDefault(s => s.IsDefault);
        if (marked != null)
        {
            return marked;
        }

        // No entry says defaultPartition: ask the tenant metadata (docs/reference/ivanti-api.md#tenant-metadata) before giving up.
        TenantMetadataRecord metadata = await tenant.GetMetadataAsync(cancellationToken).ConfigureAwait(false);
        return spaces.FirstOrDefault(s => s.Id == metadata.DefaultDmPartitionId)
            ?? spaces.FirstOrDefault()
            ?? throw SpaceNotFound("The tenant reported no device space.");
    }

    private async Task WarnIfDevicesUnreadableAsync(BulkEnrollConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.Devices.CountAsync(connection.DeviceSpaceId, null, cancellationToken).ConfigureAwait(false);
        }
        catch (NeuronsApiException e) when (e.StatusCode == HttpStatusCode.Forbidden)
        {
            EmitWarning($"The API user {connection.UserName} may not read devices in the device space '{connection.DeviceSpaceName}': "
                + "Get-BulkEnrolledDevice and Set-DeviceAssignment will fail. Grant it 'Device Management' in that space.");
        }
    }

    /// <summary>
    /// Reads the generic users now, beside the device check (so Connect waits no longer): an API user that may not
    /// read users hears it here rather than from the first command that needs them, and the first listing of this
    /// connection starts its pages on these users at once (it reads them again, and keeps those pages only if
    /// nothing changed).
    /// </summary>
    private async Task ReadGenericUsersAsync(BulkEnrollConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            GenericUserDirectory users = await GenericUserDirectory.LoadAsync(connection, cancellationToken).ConfigureAwait(false);
            connection.ListingMemory.Users = users;
            EmitVerbose($"The tenant has {users.Users.Count} generic {GenericUser.Prefix}* user(s).");
        }
        catch (NeuronsApiException e) when (e.StatusCode == HttpStatusCode.Forbidden)
        {
            EmitWarning($"The API user {connection.UserName} may not read users: Get-BulkEnrollUser, Get-BulkEnrolledDevice, Set-DeviceAssignment "
                + "and New-BulkEnrollUser will fail. Grant it 'User Management' ('User Read Only' is enough to list and assign).");
        }
        catch (NeuronsApiException e)
        {
            // Only a head start for the first listing: the credentials and the space are what Connect vouches for, and a
            // script that builds packages must not fail here. Commands that need the users read them again and say why.
            EmitVerbose($"The generic users could not be read now ({e.Message}); commands that need them will read them again.");
        }
    }

    private BulkEnrollException SpaceNotFound(string message)
        => new BulkEnrollException("DeviceSpaceNotFound", ErrorCategory.ObjectNotFound, message + " Use Get-BulkEnrollDeviceSpace to list them.");

    private void ValidateTenantUri()
    {
        if (!TenantUri.IsAbsoluteUri || (TenantUri.Scheme != Uri.UriSchemeHttps && TenantUri.Scheme != Uri.UriSchemeHttp))
        {
            ThrowParameterError("InvalidTenantUri", $"'{TenantUri}' is not an absolute http(s) URL such as https://na1.mobileiron.com.");
        }

        if (TenantUri.Scheme != Uri.UriSchemeHttps && !TenantUri.IsLoopback)
        {
            ThrowParameterError("InsecureTenantUri",
                $"'{TenantUri.GetLeftPart(UriPartial.Authority)}' is not https. Credentials are sent with every request, so only https is accepted (plain http only for a tenant on this machine, such as the sandbox).");
        }

        if (SkipCertificateCheck && !TenantUri.IsLoopback)
        {
            ThrowParameterError("SkipCertificateCheckNotLoopback",
                "-SkipCertificateCheck is only allowed for a tenant on this machine (the sandbox). Trust the tenant's certificate instead, or pin it with -TrustedCertificateSha256.");
        }

        if (TrustedCertificateSha256 != null)
        {
            if (SkipCertificateCheck)
            {
                ThrowParameterError("CertificateOptionsConflict",
                    "-TrustedCertificateSha256 trusts one certificate and -SkipCertificateCheck any certificate: use one of them.");
            }

            if (CertificatePin.Normalize(TrustedCertificateSha256) == null)
            {
                ThrowParameterError("InvalidCertificateSha256",
                    $"-TrustedCertificateSha256 '{TrustedCertificateSha256}' is not a SHA-256: 64 hexadecimal digits, optionally separated by spaces, ':' or '-'.");
            }

            if (TenantUri.Scheme != Uri.UriSchemeHttps)
            {
                ThrowParameterError("CertificateWithoutHttps", "-TrustedCertificateSha256 needs an https tenant address: plain http has no certificate to check.");
            }
        }
    }

    private void ThrowParameterError(string errorId, string message)
        => ThrowTerminatingError(new BulkEnrollException(errorId, ErrorCategory.InvalidArgument, message, TenantUri).ToErrorRecord());
}
