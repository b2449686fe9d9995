using System;

namespace BulkEnroll.Neurons;

/// <summary>How hard the client tries and how much it asks of the tenant at once; set on Connect-BulkEnroll.</summary>
internal sealed class NeuronsClientOptions
{
    public const int DefaultMaxRetryCount = 8;
    public const int DefaultMaxConcurrentRequests = 16;

    public static readonly TimeSpan DefaultMaxRetryDuration = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(100);
    public static readonly TimeSpan DefaultRetryBaseDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>Retries after the first attempt for throttling, server errors, timeouts and network faults.</summary>
    public int MaxRetryCount { get; set; } = DefaultMaxRetryCount;

    /// <summary>Upper bound on the time one call may take, every retry and wait included.</summary>
    public TimeSpan MaxRetryDuration { get; set; } = DefaultMaxRetryDuration;

    /// <summary>Upper bound on one attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = DefaultRequestTimeout;

    /// <summary>Requests in flight at once over this connection, across all cmdlets using it.</summary>
    public int MaxConcurrentRequests { get; set; } = DefaultMaxConcurrentRequests;

    /// <summary>Client-side ceiling on requests per second (0: none; the client still adapts to 429s).</summary>
    public double MaxRequestsPerSecond { get; set; }

    /// <summary>First backoff delay; doubled per attempt with jitter, unless the tenant says Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = DefaultRetryBaseDelay;

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the tenant may give no answer at all, with failed attempts, before the breaker opens
    /// (<see cref="TenantSilence"/>). Not a parameter: tests shorten it.</summary>
    public TimeSpan BreakerSilence { get; set; } = TenantSilence.DefaultSilence;

    /// <summary>Only honoured for loopback tenants (the sandbox); Connect-BulkEnroll enforces that.</summary>
    public bool SkipCertificateCheck { get; set; }

    /// <summary>SHA-256 (normalized by <see cref="CertificatePin.Normalize"/>) of one more certificate to trust
    /// for this tenant's host; see <see cref="CertificatePin"/>.</summary>
    public string? TrustedCertificateSha256 { get; set; }

    /// <summary>The proxy to go through; null = the system proxy. See <see cref="Transport.ProxySettings"/>.</summary>
    public Transport.ProxySettings? Proxy { get; set; }
}
