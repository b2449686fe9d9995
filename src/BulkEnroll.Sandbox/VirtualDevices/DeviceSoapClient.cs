using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Xml.Linq;
using BulkEnroll.Sandbox.Enrollment;

namespace BulkEnroll.Sandbox.VirtualDevices;

/// <summary>Sends the enrollment client's requests and reads what comes back. Transport problems become a
/// <see cref="DeviceTransportException"/> with a sentence a technician would understand.</summary>
internal sealed class DeviceSoapClient(HttpClient http)
{
    private static readonly XNamespace S = MdeNamespaces.Soap12;
    private static readonly XNamespace A = MdeNamespaces.Addressing;

    /// <summary>The GET Windows sends before its first Discover POST; only whether the host answers matters.</summary>
    public async Task<HttpStatusCode> GetAsync(Uri url, CancellationToken cancellationToken) =>
        (await SendAsync(new HttpRequestMessage(HttpMethod.Get, url), cancellationToken)).Status;

    /// <summary>POSTs an envelope: the reply, or (when the answer is not a SOAP envelope) what came back instead.</summary>
    public async Task<(SoapReply? Reply, string? NotSoap)> PostAsync(Uri url, byte[] envelope, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(envelope) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(MdeUris.ContentType);
        var (status, mediaType, body) = await SendAsync(request, cancellationToken);
        string what = $"HTTP {(int)status} with {(body.Length == 0 ? "an empty body" : mediaType ?? "an untyped body")}";
        if (body.Length == 0)
        {
            return (null, what);
        }

        var answer = SoapEnvelope.TryRead(body, out string? problem, acceptSoap11: true);
        if (answer is null)
        {
            return (null, $"{what} that {problem}");
        }

        var content = answer.Body.FirstOrDefault();
        var fault = content?.Name == answer.Namespace + "Fault" ? content : null;
        if (fault is null)
        {
            return (new SoapReply(answer.HeaderText(A + "RelatesTo"), content, null, null), null);
        }

        // SOAP 1.1 faults carry faultcode/faultstring (unqualified); 1.2 faults Code/Subcode/Reason.
        string subcode = answer.IsSoap11
            ? SoapEnvelope.Text(fault.Element("faultcode")) ?? ""
            : SoapEnvelope.Text(fault.Element(S + "Code")?.Element(S + "Subcode")?.Element(S + "Value")) ?? "";
        string? reason = answer.IsSoap11
            ? SoapEnvelope.Text(fault.Element("faultstring"))
            : SoapEnvelope.Text(fault.Element(S + "Reason")?.Element(S + "Text"));
        return (new SoapReply(answer.HeaderText(A + "RelatesTo"), null, subcode, reason), null);
    }

    /// <summary>POSTs a request that carries the UPN and Secret (GetPolicies, RequestSecurityToken): the body of the
    /// answer, or a <see cref="DeviceStageException"/> at <paramref name="stage"/> saying what came back instead
    /// (a transport error, something that is not SOAP, a fault with what Windows would make of it).</summary>
    public async Task<XElement?> PostOrFailAsync(Uri url, byte[] envelope, EnrollmentStage stage, string service, string upn, CancellationToken cancellationToken)
    {
        SoapReply? reply;
        string? notSoap;
        try
        {
            (reply, notSoap) = await PostAsync(url, envelope, cancellationToken);
        }
        catch (DeviceTransportException e)
        {
            throw new DeviceStageException(stage, e.Message);
        }
        if (reply is null)
        {
            throw new DeviceStageException(stage, $"The {service} at {url} answered {notSoap}.");
        }

        if (reply.IsFault)
        {
            throw new DeviceStageException(stage, reply.Refusal(service, url, upn));
        }

        return reply.Body;
    }

    /// <summary>Sends and reads the whole answer, so that a connection lost halfway is a transport error too.</summary>
    private async Task<(HttpStatusCode Status, string? MediaType, byte[] Body)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
            }
            catch (IOException e)
            {
                throw new DeviceTransportException($"The connection to {request.RequestUri!.GetLeftPart(UriPartial.Authority)} broke: {e.Message}");
            }
            catch (HttpRequestException e)
            {
                throw new DeviceTransportException(Describe(request.RequestUri!, e));
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new DeviceTransportException($"{request.RequestUri} did not answer within {http.Timeout.TotalSeconds:0} s.");
            }
        }
    }

    private static string Describe(Uri url, HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return $"{url.GetLeftPart(UriPartial.Authority)} refused the connection (nothing listens there).";
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData }:
                    return $"{url.Host} does not resolve.";
                case AuthenticationException:
                    return $"The TLS certificate of {url.GetLeftPart(UriPartial.Authority)} is not trusted (Windows shows a certificate error; pin the sandbox certificate).";
            }
        }
        return $"{url.GetLeftPart(UriPartial.Authority)} could not be reached: {e.Message}";
    }
}

/// <summary>The server could not be reached, or the connection broke.</summary>
internal sealed class DeviceTransportException(string message) : Exception(message);
