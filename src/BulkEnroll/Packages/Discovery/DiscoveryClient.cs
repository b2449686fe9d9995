using System;
using System.Collections.Concurrent;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Threading;
using System.Threading.Tasks;
using BulkEnroll.Neurons.Transport;

namespace BulkEnroll.Packages.Discovery;

/// <summary>
/// Sends the Discover request a PC sends when it applies the package, to check that a package's
/// DiscoveryServiceFullUrl answers before hundreds of PCs depend on it. One instance per command; dispose it.
/// </summary>
internal sealed class DiscoveryClient : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A DiscoverResponse is well under 2 KB; anything far larger is not one.</summary>
    private const int MaxResponseBytes = 1024 * 1024;

    private readonly HttpClient _http;
    private readonly ProxySettings _proxy;

    // A service that could not be reached at all (refused, timed out, untrusted certificate) is not asked again by this
    // client: a folder of packages shares one URL, and each would otherwise wait out the same failure.
    private readonly ConcurrentDictionary<string, BulkEnrollException> _unreachable = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="skipCertificateCheckOnLoopback">
    /// Accept any certificate from 127.0.0.1/::1/localhost (the sandbox's self-signed one). Never applies to any
    /// other host, whatever the caller asks.
    /// </param>
    /// <param name="timeout">Per request; <see cref="DefaultTimeout"/> when null.</param>
    /// <param name="proxy">
    /// The proxy of the session's connection (Connect-BulkEnroll -Proxy/-ProxyCredential): a PC's discovery host is
    /// reached through the same corporate proxy as the tenant. Null: the system proxy.
    /// </param>
    public DiscoveryClient(bool skipCertificateCheckOnLoopback, TimeSpan? timeout = null, ProxySettings? proxy = null)
    {
        _proxy = proxy ?? ProxySettings.System;
        var handler = new HttpClientHandler
        {
            // A POST redirected to a GET would not be a discovery; Windows does not follow it either.
            AllowAutoRedirect = false,
            UseCookies = false,
        };
        // Always our own verdict, so that a session-wide ServicePointManager callback cannot loosen it (5.1).
        handler.ServerCertificateCustomValidationCallback = (request, _, _, errors) => AcceptCertificate(request.RequestUri, errors, skipCertificateCheckOnLoopback);
        TlsVersions.Apply(handler);
        NeuronsTransport.ApplyProxy(handler, _proxy);
        _http = new HttpClient(handler) { Timeout = timeout ?? DefaultTimeout };
        _http.DefaultRequestHeaders.ExpectContinue = false;
    }

    /// <exception cref="BulkEnrollException">With one of <see cref="DiscoveryErrors"/>' ids.</exception>
    public async Task<DiscoveryResponse> DiscoverAsync(Uri url, string emailAddress, CancellationToken cancellationToken)
    {
        if (_unreachable.TryGetValue(url.AbsoluteUri, out BulkEnrollException? earlier))
        {
            throw new BulkEnrollException(earlier.ErrorId, earlier.Category, earlier.Message + " It was not asked again.", url, earlier);
        }

        var messageId = Guid.NewGuid();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(DiscoveryMessages.BuildRequest(emailAddress, url, messageId)),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(DiscoveryMessages.ContentType);
        request.Headers.UserAgent.ParseAdd("ENROLLClient");

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Remember(url, new BulkEnrollException(DiscoveryErrors.TimedOut, ErrorCategory.OperationTimeout,
                $"The discovery service {url} did not answer within {_http.Timeout.TotalSeconds:0} s.", url));
        }
        catch (HttpRequestException e) when (TransportErrors.IsProxyAuthenticationRequired(e))
        {
            Uri? through = _proxy.ProxyFor(url);
            throw Remember(url, new BulkEnrollException(DiscoveryErrors.ProxyAuthenticationRequired, ErrorCategory.AuthenticationError,
                $"{(through is null ? "A proxy" : "The proxy " + ProxySettings.Describe(through))} refused to forward the discovery request to {url.GetLeftPart(UriPartial.Authority)} without a valid login, so the discovery service could not be checked (PCs at OOBE usually reach it without this proxy).", url, e)
            {
                RecommendedAction = "Connect-BulkEnroll with -ProxyCredential (or -ProxyUseDefaultCredentials) before Test-BulkEnrollPackage -Online: the discovery check goes through the connection's proxy.",
            });
        }
        catch (HttpRequestException e)
        {
            throw Remember(url, Unreachable(url, e));
        }

        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                string where = response.Headers.Location is null ? string.Empty : $" (redirect to {response.Headers.Location})";
                throw new BulkEnrollException(DiscoveryErrors.HttpStatus, ErrorCategory.InvalidResult,
                    $"The discovery service {url} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}{where} instead of a DiscoverResponse.", url);
            }

            byte[] body = await ReadBoundedAsync(response, url, cancellationToken).ConfigureAwait(false);
            DiscoveryResponse discovery = DiscoveryResponseReader.Read(body, url);
            string expected = "urn:uuid:" + messageId.ToString("D");
            if (discovery.RelatesTo != null && !string.Equals(discovery.RelatesTo, expected, StringComparison.OrdinalIgnoreCase))
            {
                throw new BulkEnrollException(DiscoveryErrors.Malformed, ErrorCategory.InvalidResult,
                    $"The discovery service {url} answered a different request (RelatesTo {discovery.RelatesTo}, expected {expected}).", url);
            }

            return discovery;
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A certificate the system trusts always; any other only from a loopback host, and only when asked.</summary>
    internal static bool AcceptCertificate(Uri? url, SslPolicyErrors errors, bool skipOnLoopback) =>
        errors == SslPolicyErrors.None || (skipOnLoopback && url != null && url.IsLoopback);

    private static async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, Uri url, CancellationToken cancellationToken)
    {
        using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxResponseBytes)
            {
                throw new BulkEnrollException(DiscoveryErrors.Malformed, ErrorCategory.InvalidResult,
                    $"The discovery service {url} sent more than {MaxResponseBytes / 1024} KB, which no DiscoverResponse is.", url);
            }
        }

        return buffer.ToArray();
    }

    private BulkEnrollException Remember(Uri url, BulkEnrollException unreachable)
    {
        _unreachable[url.AbsoluteUri] = unreachable;
        return unreachable;
    }

    private static BulkEnrollException Unreachable(Uri url, HttpRequestException error)
    {
        // The innermost message names the cause (refused, DNS, TLS) without a stack trace.
        Exception cause = error;
        while (cause.InnerException != null)
        {
            cause = cause.InnerException;
        }

        bool certificate = cause is System.Security.Authentication.AuthenticationException
            || cause.Message.IndexOf("certificate", StringComparison.OrdinalIgnoreCase) >= 0;
        return certificate
            ? new BulkEnrollException(DiscoveryErrors.CertificateRejected, ErrorCategory.SecurityError,
                $"The discovery service {url} presented a certificate this machine does not trust ({cause.Message}); PCs would refuse it too.", url, error)
            : new BulkEnrollException(DiscoveryErrors.Unreachable, ErrorCategory.ConnectionError,
                $"The discovery service {url} could not be reached: {cause.Message}", url, error);
    }
}
