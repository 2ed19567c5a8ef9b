using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Fabric.Grpc;

/// <summary>Options for <see cref="GrpcChannel"/>.</summary>
public sealed record GrpcChannelOptions
{
    /// <summary>Trust roots for the server's TLS certificate (custom root trust). Null means the system roots.</summary>
    public X509Certificate2Collection? RootCertificates { get; init; }

    /// <summary>A certificate with its private key, presented for mutual TLS. Null means none.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>
    /// The TLS server name checked in the certificate (and sent as SNI) and the <c>:authority</c> of
    /// every call, when the address host differs from the certificate name (gRPC's
    /// <c>ssl_target_name_override</c>). Null means the address host.
    /// </summary>
    public string? ServerNameOverride { get; init; }

    /// <summary>Largest message accepted from the server (default 100 MiB); over it the call fails with ResourceExhausted.</summary>
    public int MaxReceiveMessageSize { get; init; } = 100 * 1024 * 1024;

    /// <summary>Largest message this client sends (default 100 MiB); over it the call fails with ResourceExhausted.</summary>
    public int MaxSendMessageSize { get; init; } = 100 * 1024 * 1024;

    /// <summary>Idle time before an HTTP/2 PING while calls are active (default 1 minute, at least 1 second or infinite; Fabric peers reject pings more often than every few seconds).</summary>
    public TimeSpan KeepAlivePingDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long to wait for a PING acknowledgement before closing the connection (default 20 seconds, at least 1 second).</summary>
    public TimeSpan KeepAlivePingTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Timeout for establishing the connection, TLS included (default 10 seconds).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A caller-owned handler to send requests through; the channel never disposes it, and the TLS
    /// and keep-alive options above are then the handler's business. Null means the channel creates
    /// its own <see cref="SocketsHttpHandler"/>.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>Logging; null means no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
