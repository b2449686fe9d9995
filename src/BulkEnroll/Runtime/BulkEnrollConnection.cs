using System;
using System.Collections.Generic;
using BulkEnroll.Neurons;

namespace BulkEnroll;

/// <summary>
/// A signed-in session with one Ivanti Neurons for MDM tenant, from Connect-BulkEnroll. Holds no password in
/// any property; pass it with -Connection to use it from another runspace (ForEach-Object -Parallel, jobs).
/// </summary>
public sealed class BulkEnrollConnection : IDisposable
{
    internal BulkEnrollConnection(NeuronsClient client, string userName, DeviceSpace deviceSpace, IReadOnlyList<DeviceSpace> deviceSpaces)
    {
        Client = client;
        UserName = userName;
        DeviceSpace = deviceSpace;
        DeviceSpaces = deviceSpaces;
        ConnectedAt = DateTime.Now;
        Tenant = new TenantApi(client);
        Variants = new ApiVariants();
        Accounts = new AccountsApi(client, Variants);
        Devices = new DevicesApi(client, Variants);
    }

    public Uri TenantUri => Client.TenantUri;

    public string UserName { get; }

    public DeviceSpace DeviceSpace { get; }

    public long DeviceSpaceId => DeviceSpace.Id;

    public string DeviceSpaceName => DeviceSpace.Name;

    public IReadOnlyList<DeviceSpace> DeviceSpaces { get; }

    public DateTime ConnectedAt { get; }

    public int MaxConcurrentRequests => Client.Options.MaxConcurrentRequests;

    public double MaxRequestsPerSecond => Client.Options.MaxRequestsPerSecond;

    public int MaxRetryCount => Client.Options.MaxRetryCount;

    public TimeSpan MaxRetryDuration => Client.Options.MaxRetryDuration;

    public TimeSpan RequestTimeout => Client.Options.RequestTimeout;

    public TimeSpan RetryDelay => Client.Options.RetryBaseDelay;

    public bool SkipCertificateCheck => Client.Options.SkipCertificateCheck;

    /// <summary>The certificate trusted besides the system's (Connect-BulkEnroll -TrustedCertificateSha256), if any.</summary>
    public string? TrustedCertificateSha256 => Client.Options.TrustedCertificateSha256;

    /// <summary>429 answers absorbed so far on this connection (retried, never surfaced).</summary>
    public long ThrottledResponseCount => Client.Gate.ThrottledCount;

    public bool IsDisconnected { get; private set; }

    internal NeuronsClient Client { get; }

    /// <summary>How this connection reaches the network (Connect-BulkEnroll -Proxy...); other requests of the session follow it.</summary>
    internal Neurons.Transport.ProxySettings Proxy => Client.Options.Proxy ?? Neurons.Transport.ProxySettings.System;

    /// <summary>
    /// How long a partly filled batch of lookups or reassignments waits for more rows. Rows piped from a CSV arrive
    /// microseconds apart, so the default is short; how many requests a run costs therefore depends a little on how
    /// busy the machine is. Tests that count requests lengthen it so the count is the same on a loaded machine.
    /// </summary>
    internal TimeSpan BatchLinger { get; set; } = Assignment.AssignmentOptions.DefaultBatchLinger;

    internal TenantApi Tenant { get; }

    /// <summary>The API variants this connection has detected so far (Neurons/ApiVariants.cs).</summary>
    internal ApiVariants Variants { get; }

    internal AccountsApi Accounts { get; }

    internal DevicesApi Devices { get; }

    /// <summary>What this connection saw at its last listing, to start the next one earlier (Devices/ListingMemory.cs); freed with the connection.</summary>
    internal Devices.ListingMemory ListingMemory { get; } = new Devices.ListingMemory();

    public void Dispose()
    {
        if (!IsDisconnected)
        {
            IsDisconnected = true;
            Client.Dispose();
        }
    }

    public override string ToString() => $"{UserName} @ {TenantUri.Host} ({DeviceSpaceName})";
}
