using System;
using System.Net.Http;
using System.Security.Authentication;

namespace BulkEnroll.Neurons.Transport;

/// <summary>
/// The TLS versions the module's own handlers ask for: 1.2 and 1.3, whatever the process default is. On Windows
/// PowerShell 5.1 the process default (ServicePointManager.SecurityProtocol) still excludes TLS 1.2 on many builds;
/// setting it there would change the admin's whole session, so each handler asks for itself instead.
/// </summary>
internal static class TlsVersions
{
    /// <summary>SslProtocols.Tls13 by value: netstandard2.0 and .NET Framework 4.7.2 do not name it.</summary>
    internal const SslProtocols Tls13 = (SslProtocols)12288;

    internal const string Description = "TLS 1.2 and 1.3";

    /// <summary>Asks for TLS 1.2 and 1.3; where the framework refuses the 1.3 value (.NET Framework before 4.8), 1.2 alone.</summary>
    public static void Apply(HttpClientHandler handler)
    {
        try
        {
            handler.SslProtocols = SslProtocols.Tls12 | Tls13;
        }
        catch (Exception e) when (e is ArgumentException || e is NotSupportedException)
        {
            handler.SslProtocols = SslProtocols.Tls12;
        }
    }
}
