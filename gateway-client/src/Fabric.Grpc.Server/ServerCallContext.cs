using System.Security.Cryptography.X509Certificates;
using Fabric.Grpc.Internal;
using Microsoft.AspNetCore.Http;

namespace Fabric.Grpc.Server;

/// <summary>What a handler knows about the call it is serving.</summary>
public sealed class ServerCallContext
{
    private readonly HttpContext _httpContext;

    internal ServerCallContext(HttpContext httpContext, string method, DateTime deadline, Metadata requestHeaders, CancellationToken cancellationToken)
    {
        _httpContext = httpContext;
        Method = method;
        Deadline = deadline;
        RequestHeaders = requestHeaders;
        CancellationToken = cancellationToken;
        var connection = httpContext.Connection;
        Peer = connection.RemoteIpAddress is { } ip
            ? (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"ipv6:[{ip}]:{connection.RemotePort}" : $"ipv4:{ip}:{connection.RemotePort}")
            : "unknown";
        ClientCertificate = connection.ClientCertificate;
    }

    /// <summary>The full method name, for example <c>/gateway.Gateway/Endorse</c>.</summary>
    public string Method { get; }

    /// <summary>The client's address, for example <c>ipv4:127.0.0.1:53412</c>.</summary>
    public string Peer { get; }

    /// <summary>The call deadline (UTC) from grpc-timeout; <see cref="DateTime.MaxValue"/> when the client set none.</summary>
    public DateTime Deadline { get; }

    /// <summary>Cancelled when the client cancels, the deadline passes, or the server stops.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The request metadata (protocol headers excluded).</summary>
    public Metadata RequestHeaders { get; }

    /// <summary>Metadata to send in the trailers with the status; add to it before the handler returns.</summary>
    public Metadata ResponseTrailers { get; } = new();

    /// <summary>The client's TLS certificate, when it presented one.</summary>
    public X509Certificate2? ClientCertificate { get; }

    /// <summary>Sends response headers now, before the first message. At most once, before any message.</summary>
    /// <param name="headers">The metadata to send.</param>
    /// <returns>A task that completes when the headers are flushed.</returns>
    /// <exception cref="InvalidOperationException">Headers were already sent.</exception>
    public async Task WriteResponseHeadersAsync(Metadata headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var response = _httpContext.Response;
        if (response.HasStarted)
        {
            throw new InvalidOperationException("Response headers have already been sent.");
        }

        foreach (var entry in headers)
        {
            response.Headers.Append(entry.Key, GrpcProtocol.HeaderValue(entry));
        }

        await response.BodyWriter.FlushAsync(CancellationToken).ConfigureAwait(false);
    }
}
