using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace BulkEnroll.Neurons.Transport;

/// <summary>
/// The module's own verdict on the tenant's certificate, installed on every handler it builds. The chain and the host
/// name are judged from the errors the platform's TLS stack computed for this handshake, never from a session-wide
/// callback: on Windows PowerShell 5.1 a handler with its own callback does not consult
/// ServicePointManager.ServerCertificateValidationCallback, so an old script's <c>{$true}</c> cannot turn the
/// check off for the module (and on PowerShell 7 that callback never applies to HttpClient at all).
/// </summary>
internal sealed class CertificateCheck
{
    private readonly bool _skipOnLoopback;
    private readonly string? _pin;
    private volatile string? _lastRejection;

    /// <param name="skipOnLoopback">-SkipCertificateCheck: any certificate, but only from a loopback host.</param>
    /// <param name="pin">-TrustedCertificateSha256, normalized; see <see cref="CertificatePin"/>.</param>
    public CertificateCheck(bool skipOnLoopback, string? pin)
    {
        _skipOnLoopback = skipOnLoopback;
        _pin = pin;
    }

    /// <summary>Why the last certificate was refused (the platform's policy errors), or null when none was:
    /// tells a refused certificate from a handshake that never got that far (no common TLS version).</summary>
    public string? LastRejection => _lastRejection;

    public bool Validate(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        bool accepted = errors == SslPolicyErrors.None
            || (_skipOnLoopback && request.RequestUri != null && request.RequestUri.IsLoopback)
            || CertificatePin.Accepts(certificate, errors, _pin);
        if (!accepted)
        {
            _lastRejection = errors.ToString();
        }

        return accepted;
    }
}
